import { contractFactsOf } from '../compose/contract-facts-of';
import { staticDirectory, type Member } from '../registry/member';
import { owningHospital, partitionEntities, reassembleEntities, type Representation } from './partition-entities';

const member = (hospitalId: string, state: Member['state'] = 'ready'): Member => ({ hospitalId, name: hospitalId, url: `http://${hospitalId}`, state });
/** Which key names the owning hospital comes from the checked-in contract's `@hospitalFrom`. */
const facts = contractFactsOf();
const directory = staticDirectory([member('a'), member('b'), member('c', 'pending')]);

const rec = (hospitalId: string, mrn: string): Representation => ({ __typename: 'PatientRecord', hospitalId, mrn });

describe('owningHospital', () => {
  it.each<[string, Representation, string | undefined]>([
    ['Hospital by id', { __typename: 'Hospital', id: 'a' }, 'a'],
    ['other entities by hospitalId', { __typename: 'LabResult', hospitalId: 'b', id: '1' }, 'b'],
    ['missing hospitalId', { __typename: 'LabResult', id: '1' }, undefined],
    ['non-string hospitalId', { __typename: 'Staff', hospitalId: 7, id: '1' }, undefined],
    ['empty id', { __typename: 'Hospital', id: '' }, undefined],
    ['a type the contract names no owner for', { __typename: 'Unheard', hospitalId: 'a' }, undefined],
  ])('%s', (_name, representation, expected) => {
    expect(owningHospital(representation, facts)).toBe(expected);
  });
});

describe('partitionEntities', () => {
  it.each<[string, Representation[], Record<string, number[]>, Record<string, number[]>]>([
    ['empty', [], {}, {}],
    ['one hospital', [rec('a', '1'), rec('a', '2')], { a: [0, 1] }, {}],
    ['interleaved hospitals keep original indexes', [rec('b', '1'), rec('a', '2'), rec('b', '3'), rec('a', '4')], { b: [0, 2], a: [1, 3] }, {}],
    ['unknown hospital gets no batch', [rec('a', '1'), rec('zz', '2'), rec('zz', '3')], { a: [0] }, { zz: [1, 2] }],
    ['pending members are still batched (the transport answers for them)', [rec('c', '1')], { c: [0] }, {}],
    ['a representation without hospital is unknown', [{ __typename: 'Staff', id: '1' }], {}, { '': [0] }],
    ['Hospital entities by id', [{ __typename: 'Hospital', id: 'b' }, rec('a', '1')], { b: [0], a: [1] }, {}],
  ])('%s', (_name, representations, batches, unknown) => {
    const partition = partitionEntities(representations, directory, facts);
    expect(Object.fromEntries(partition.batches.map((b) => [b.member.hospitalId, b.indexes]))).toEqual(batches);
    expect(Object.fromEntries(partition.unknown.map((u) => [u.hospitalId, u.indexes]))).toEqual(unknown);
    for (const batch of partition.batches) expect(batch.representations).toEqual(batch.indexes.map((i) => representations[i]));
  });
});

describe('reassembleEntities', () => {
  it.each<[string, number, { indexes: number[]; entities: unknown[] | null }[], unknown[]]>([
    [
      'puts answers back in order',
      4,
      [
        { indexes: [1, 3], entities: ['b1', 'b3'] },
        { indexes: [0, 2], entities: ['a0', 'a2'] },
      ],
      ['a0', 'b1', 'a2', 'b3'],
    ],
    [
      'a failed member leaves nulls',
      3,
      [
        { indexes: [0, 2], entities: null },
        { indexes: [1], entities: ['x'] },
      ],
      [null, 'x', null],
    ],
    ['unanswered positions are null', 3, [{ indexes: [1], entities: ['x'] }], [null, 'x', null]],
    ['a short answer is padded with null', 2, [{ indexes: [0, 1], entities: ['x'] }], ['x', null]],
  ])('%s', (_name, total, answered, expected) => {
    const result = reassembleEntities(total, answered);
    expect(result).toEqual(expected);
    expect(result).toHaveLength(total);
  });
});
