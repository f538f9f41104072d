import { contractFactsOf } from '../compose/contract-facts-of';
import { cutOf, mergeLists, sortFieldsToFetch, type MemberList } from './merge-lists';

/** The merge orders come from the checked-in contract's `@listOrder`. */
const facts = contractFactsOf();
const orderOf = (field: string) => facts.list('Query', field)?.order;

const staff = (name: string) => ({ _maSort_name: name, id: name });

describe('mergeLists', () => {
  it.each<[string, string, MemberList[], number | undefined, unknown[]]>([
    [
      'staffDirectory by hospitalId, then name, whatever order members answered in',
      'staffDirectory',
      [
        { hospitalId: 'b', items: [staff('Zhao'), staff('Li')] },
        { hospitalId: 'a', items: [staff('Wang'), staff('Chen')] },
      ],
      undefined,
      [{ id: 'Chen' }, { id: 'Wang' }, { id: 'Li' }, { id: 'Zhao' }],
    ],
    [
      'cut to first at the gateway',
      'staffDirectory',
      [
        { hospitalId: 'b', items: [staff('x')] },
        { hospitalId: 'a', items: [staff('y'), staff('z')] },
      ],
      2,
      [{ id: 'y' }, { id: 'z' }],
    ],
    ['first 0 gives an empty list', 'staffDirectory', [{ hospitalId: 'a', items: [staff('y')] }], 0, []],
    [
      'a failed member contributes nothing',
      'departments',
      [
        { hospitalId: 'a', items: null },
        { hospitalId: 'b', items: [{ name: 'ICU' }] },
      ],
      undefined,
      [{ name: 'ICU' }],
    ],
    [
      'sharedResources by hospitalId, kind, name',
      'sharedResources',
      [
        {
          hospitalId: 'a',
          items: [
            { _maSort_kind: 'MRI', _maSort_name: 'A' },
            { _maSort_kind: 'CT', _maSort_name: 'B' },
            { _maSort_kind: 'CT', _maSort_name: 'A' },
          ],
        },
      ],
      undefined,
      [{}, {}, {}].map(() => expect.any(Object)),
    ],
    [
      'labSummary by hospitalId only, member order kept',
      'labSummary',
      [
        { hospitalId: 'b', items: [{ n: 1 }] },
        { hospitalId: 'a', items: [{ n: 2 }, { n: 3 }] },
      ],
      undefined,
      [{ n: 2 }, { n: 3 }, { n: 1 }],
    ],
    [
      'unknown fields concatenate in hospitalId order',
      'somethingNew',
      [
        { hospitalId: 'b', items: [1] },
        { hospitalId: 'a', items: [2] },
      ],
      undefined,
      [2, 1],
    ],
    [
      'missing sort values go last',
      'departments',
      [
        {
          hospitalId: 'a',
          items: [
            { _maSort_name: null, id: 1 },
            { _maSort_name: 'A', id: 2 },
          ],
        },
      ],
      undefined,
      [{ id: 2 }, { id: 1 }],
    ],
  ])('%s', (_name, field, parts, first, expected) => {
    expect(mergeLists(orderOf(field), parts, first).items).toEqual(expected);
  });

  it('orders sharedResources by kind then name', () => {
    const merged = mergeLists(orderOf('sharedResources'), [
      {
        hospitalId: 'a',
        items: [
          { _maSort_kind: 'MRI', _maSort_name: 'A', id: 1 },
          { _maSort_kind: 'CT', _maSort_name: 'B', id: 2 },
          { _maSort_kind: 'CT', _maSort_name: 'A', id: 3 },
        ],
      },
    ]);
    expect(merged.items).toEqual([{ id: 3 }, { id: 2 }, { id: 1 }]);
  });

  it('reports where each member item went, undefined when cut', () => {
    const merged = mergeLists(
      orderOf('staffDirectory'),
      [
        { hospitalId: 'b', items: [staff('a')] },
        { hospitalId: 'a', items: [staff('b'), staff('c')] },
      ],
      2,
    );
    expect(merged.positions.get('a')).toEqual([0, 1]);
    expect(merged.positions.get('b')).toEqual([undefined]);
  });

  it('asks members only for the sort keys they cannot be known without', () => {
    expect(sortFieldsToFetch(facts, ['departments', 'staffDirectory', 'sharedResources', 'labSummary'])).toEqual({
      departments: ['name'],
      staffDirectory: ['name'],
      sharedResources: ['kind', 'name'],
    });
  });

  it('orders descending where the contract says DESC, nulls still last', () => {
    const order = [{ field: 'collectedAt', descending: true }];
    const items = [
      { collectedAt: '2026-01-01', id: 1 },
      { collectedAt: null, id: 2 },
      { collectedAt: '2026-03-01', id: 3 },
    ];
    expect(mergeLists(order, [{ hospitalId: 'a', items }]).items.map((i: any) => i.id)).toEqual([3, 1, 2]);
  });

  it('cuts to the slicing argument, else its default in the contract, else not at all', () => {
    expect(cutOf(facts, 'staffDirectory', () => 7)).toBe(7);
    expect(cutOf(facts, 'staffDirectory', () => undefined)).toBe(50);
    expect(cutOf(facts, 'departments', () => 7)).toBeUndefined();
  });
});
