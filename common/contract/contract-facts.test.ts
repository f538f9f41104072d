import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareVersions, readContractFacts } from './contract-facts';

const schema = (file: string) => readFileSync(path.resolve(__dirname, '../../schema', file), 'utf8');
/** The checked-in contract and alliance SDL, as the gateway reads them. */
const facts = readContractFacts(schema('hospital.graphql'), schema('alliance.graphql'));

describe('readContractFacts', () => {
  it.each([
    ['departments', ['hospitalId', 'name'], []],
    ['staffDirectory', ['hospitalId', 'name'], [{ argument: 'first', defaultValue: 50 }]],
    ['sharedResources', ['hospitalId', 'kind', 'name'], []],
    ['labSummary', ['hospitalId'], []],
  ])('Query.%s: merge order and cut from @listOrder / @listSize', (field, order, slicing) => {
    const list = facts.list('Query', field)!;
    expect(list.order!.map((k) => k.field)).toEqual(order);
    expect(list.slicing).toEqual(slicing);
  });

  it('reads descending keys, assumed sizes of the alliance SDL, and slicing defaults of nested lists', () => {
    expect(facts.list('PatientRecord', 'labResults')).toEqual({ order: [{ field: 'collectedAt', descending: true }], slicing: [{ argument: 'first', defaultValue: 100 }] });
    expect(facts.list('Patient', 'records')).toEqual({ slicing: [], assumedSize: 5 });
    expect(facts.list('Query', 'nothingLikeThis')).toBeUndefined();
    expect(facts.slicingArguments()).toEqual(new Set(['first']));
  });

  it('knows where each entity and mutation names its hospital', () => {
    expect(facts.hospitalPath('Hospital')).toEqual(['id']);
    for (const type of ['Department', 'Staff', 'PatientRecord', 'LabResult', 'SharedResource', 'ResourceBooking']) expect(facts.hospitalPath(type)).toEqual(['hospitalId']);
    expect(facts.hospitalPath('Mutation.bookResource')).toEqual(['input', 'hospitalId']);
    expect(facts.hospitalPath('Mutation.cancelBooking')).toEqual(['hospitalId']);
  });

  it('versions: 1.0 without @since; the newest @since otherwise, with weights from @cost', () => {
    const sdl = `directive @since(version: String!) on FIELD_DEFINITION
      type Query { a: Int  b: Int @since(version: "1.10")  c: Int @since(version: "1.9") @cost(weight: 4) }`;
    const versioned = readContractFacts(sdl);
    expect(versioned.versions()).toEqual(['1.0', '1.9', '1.10']);
    expect(versioned.version).toBe('1.10');
    expect(versioned.since('Query', 'b')).toBe('1.10');
    expect(versioned.since('Query', 'a')).toBeUndefined();
    expect(versioned.weight('Query', 'c')).toBe(4);
    expect([...versioned.laterFields()]).toEqual([
      ['Query.b', '1.10'],
      ['Query.c', '1.9'],
    ]);
    expect(readContractFacts('type Query { a: Int }').version).toBe('1.0');
  });

  it.each([
    ['1.0', '1.1', -1],
    ['1.10', '1.9', 1],
    ['2.0', '2', 0],
  ])('compareVersions(%s, %s) has the sign of %i', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});
