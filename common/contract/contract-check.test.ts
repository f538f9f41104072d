import { readContractFacts } from '../../common/contract/contract-facts';
import { buildSdlSchema, checkContract, checkContractVersions } from './contract-check';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\n';
const CONTRACT = `${LINK}
scalar DateTime
type Query { staffDirectory(filter: StaffFilter, hospitalIds: [ID!], first: Int = 50): [Staff!]!  departments: [Department!]! }
type Mutation { cancelBooking(hospitalId: ID!, bookingId: ID!): Booking! }
type Staff @key(fields: "hospitalId id") { hospitalId: ID! id: ID! name: String! title: TitleLevel  hiredAt: DateTime }
type Department @key(fields: "hospitalId id") { hospitalId: ID! id: ID! name: String }
type Booking { id: ID! }
enum TitleLevel { SENIOR JUNIOR }
input StaffFilter { role: String  nameContains: String }
`;
const contract = buildSdlSchema(CONTRACT);
const edit = (from: string, to: string) => {
  if (!CONTRACT.includes(from)) throw new Error(`fixture lacks ${from}`);
  return CONTRACT.replace(from, to);
};

describe('checkContract', () => {
  it.each<[string, string, string[]]>([
    ['the contract itself', CONTRACT, []],
    [
      'extra types, fields, arguments and enum values are fine',
      edit('enum TitleLevel { SENIOR JUNIOR }', 'enum TitleLevel { SENIOR JUNIOR OTHER } type Extra { x: Int }').replace('name: String! title', 'name: String! nick: String title'),
      [],
    ],
    ['a stricter output type is fine', edit('name: String }', 'name: String! }'), []],
    ['a more lenient argument is fine', edit('cancelBooking(hospitalId: ID!', 'cancelBooking(hospitalId: ID'), []],
    ['missing field', edit(' title: TitleLevel ', ' '), ['Staff.title: TitleLevel is missing.']],
    [
      'missing type',
      edit('scalar DateTime', 'scalar Other').replace('hiredAt: DateTime', 'hiredAt: Other'),
      ['type DateTime (a scalar) is missing.', 'Staff.hiredAt has type Other; the contract needs DateTime.'],
    ],
    ['looser output type', edit('name: String! title', 'name: String title'), ['Staff.name has type String; the contract needs String!.']],
    ['wrong named type', edit('title: TitleLevel', 'title: String'), ['Staff.title has type String; the contract needs TitleLevel.']],
    ['list versus single', edit('departments: [Department!]!', 'departments: Department!'), ['Query.departments has type Department!; the contract needs [Department!]!.']],
    ['missing argument', edit('hospitalIds: [ID!], first', 'first'), ['Query.staffDirectory lacks argument hospitalIds: [ID!].']],
    ['stricter argument', edit('filter: StaffFilter,', 'filter: StaffFilter!,'), ['Query.staffDirectory(filter:) has type StaffFilter!; the contract needs StaffFilter.']],
    ['extra required argument', edit('departments: [', 'departments(x: Int!): ['), ['Query.departments(x:) is required here but not in the contract.']],
    ['missing enum value', edit('SENIOR JUNIOR', 'SENIOR'), ['enum TitleLevel lacks value JUNIOR.']],
    ['missing input field', edit('nameContains: String', ''), ['input StaffFilter lacks field nameContains: String.']],
    ['extra required input field', edit('nameContains: String', 'nameContains: String  must: Int!'), ['input StaffFilter.must is required here but not in the contract.']],
    ['kind changed', edit('type Booking { id: ID! }', 'interface Booking { id: ID! }'), ['Booking is an interface here; the contract has an object type.']],
    ['entity key changed', edit('type Department @key(fields: "hospitalId id")', 'type Department @key(fields: "id")'), ['Department lacks @key(fields: "hospitalId id").']],
    ['missing mutation', edit('type Mutation { cancelBooking(hospitalId: ID!, bookingId: ID!): Booking! }', ''), ['type Mutation (an object type) is missing.']],
  ])('%s', (_name, memberSdl, problems) => {
    expect(checkContract(contract, memberSdl)).toEqual(problems);
  });

  it('reports SDL that does not parse', () => {
    expect(checkContract(contract, 'type {')[0]).toMatch(/^the subgraph SDL is not valid/);
  });
});

describe('checkContractVersions', () => {
  /** A contract at 1.2: one field added in 1.1, a mutation with its own input type in 1.2. */
  const VERSIONED = `${LINK}
directive @since(version: String!) on FIELD_DEFINITION
type Query { departments: [Department!]!  onCall: [Department!] @since(version: "1.1") }
type Mutation { cancelBooking(hospitalId: ID!): Department!  openWard(input: WardInput!): Department! @since(version: "1.2") }
input WardInput { hospitalId: ID!  name: String! }
type Department @key(fields: "hospitalId id") { hospitalId: ID! id: ID! name: String  beds: Int @since(version: "1.1") }
`;
  const versioned = buildSdlSchema(VERSIONED);
  const facts = readContractFacts(VERSIONED);
  const member = (edits: [string, string][]) =>
    edits.reduce((sdl, [from, to]) => {
      if (!sdl.includes(from)) throw new Error(`fixture lacks ${from}`);
      return sdl.replace(from, to);
    }, VERSIONED);
  const at12 = member([]);
  const at11 = member([
    [' openWard(input: WardInput!): Department! @since(version: "1.2")', ''],
    ['input WardInput { hospitalId: ID!  name: String! }', ''],
  ]);
  const at10 = member([
    [' onCall: [Department!] @since(version: "1.1")', ''],
    ['  beds: Int @since(version: "1.1")', ''],
    [' openWard(input: WardInput!): Department! @since(version: "1.2")', ''],
    ['input WardInput { hospitalId: ID!  name: String! }', ''],
  ]);

  it.each<[string, string, string | undefined, string[]]>([
    ['every field: the current version', at12, '1.2', []],
    ['without the 1.2 mutation and the input type only it uses: 1.1', at11, '1.1', ['Mutation.openWard', 'WardInput']],
    ['without anything later: 1.0', at10, '1.0', ['Query.onCall', 'Department.beds', 'Mutation.openWard', 'WardInput']],
    ['a 1.2 field without a 1.1 field: served at 1.0', member([['  beds: Int @since(version: "1.1")', '']]), '1.0', ['Department.beds']],
  ])('%s', (_name, sdl, version, lacks) => {
    const report = checkContractVersions(versioned, sdl, facts);
    expect(report.breaking).toEqual([]);
    expect(report.version).toBe(version);
    expect(report.currentVersion).toBe('1.2');
    expect([...report.lacks].sort()).toEqual([...lacks].sort());
  });

  it('refuses anything else missing or changed, even beside later fields', () => {
    const report = checkContractVersions(
      versioned,
      member([
        [' onCall: [Department!] @since(version: "1.1")', ''],
        ['name: String ', 'title: String '],
      ]),
      facts,
    );
    expect(report.breaking).toEqual(['Department.name: String is missing.']);
    expect(report.version).toBeUndefined();
    expect(report.missingLater.map((l) => [l.coordinate, l.version])).toEqual([['Query.onCall', '1.1']]);
    expect(report.additions).toEqual(['Department.title']);
  });

  it('refuses a later field that is there but changed (only missing later fields are tolerated)', () => {
    const report = checkContractVersions(versioned, member([['beds: Int @since', 'beds: String @since']]), facts);
    expect(report.breaking).toEqual(['Department.beds has type String; the contract needs Int.']);
  });

  it('lists additions: own types and fields beyond the contract', () => {
    const report = checkContractVersions(versioned, `${at12}\ntype Extra { x: Int }`.replace('name: String ', 'name: String nick: String '), facts);
    expect(report.additions).toEqual(['Department.nick', 'type Extra']);
    expect(report.version).toBe('1.2');
  });

  it('without contract facts every field is of the first version', () => {
    expect(checkContract(versioned, at11)).toEqual(['Mutation.openWard: Department! is missing.', 'type WardInput (an input type) is missing.']);
  });
});
