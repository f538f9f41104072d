import { buildSdlSchema, checkContract } from './contract-check';

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
    ['extra types, fields, arguments and enum values are fine', edit('enum TitleLevel { SENIOR JUNIOR }', 'enum TitleLevel { SENIOR JUNIOR OTHER } type Extra { x: Int }').replace('name: String! title', 'name: String! nick: String title'), []],
    ['a stricter output type is fine', edit('name: String }', 'name: String! }'), []],
    ['a more lenient argument is fine', edit('cancelBooking(hospitalId: ID!', 'cancelBooking(hospitalId: ID'), []],
    ['missing field', edit(' title: TitleLevel ', ' '), ['Staff.title: TitleLevel is missing.']],
    ['missing type', edit('scalar DateTime', 'scalar Other').replace('hiredAt: DateTime', 'hiredAt: Other'), ['type DateTime (a scalar) is missing.', 'Staff.hiredAt has type Other; the contract needs DateTime.']],
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
