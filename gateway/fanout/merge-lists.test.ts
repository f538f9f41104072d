import { mergeLists, sortFieldsToFetch, type MemberList } from './merge-lists';

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
    ['cut to first at the gateway', 'staffDirectory', [{ hospitalId: 'b', items: [staff('x')] }, { hospitalId: 'a', items: [staff('y'), staff('z')] }], 2, [{ id: 'y' }, { id: 'z' }]],
    ['first 0 gives an empty list', 'staffDirectory', [{ hospitalId: 'a', items: [staff('y')] }], 0, []],
    ['a failed member contributes nothing', 'departments', [{ hospitalId: 'a', items: null }, { hospitalId: 'b', items: [{ name: 'ICU' }] }], undefined, [{ name: 'ICU' }]],
    [
      'sharedResources by hospitalId, kind, name',
      'sharedResources',
      [{ hospitalId: 'a', items: [{ _maSort_kind: 'MRI', _maSort_name: 'A' }, { _maSort_kind: 'CT', _maSort_name: 'B' }, { _maSort_kind: 'CT', _maSort_name: 'A' }] }],
      undefined,
      [{}, {}, {}].map(() => expect.any(Object)),
    ],
    ['labSummary by hospitalId only, member order kept', 'labSummary', [{ hospitalId: 'b', items: [{ n: 1 }] }, { hospitalId: 'a', items: [{ n: 2 }, { n: 3 }] }], undefined, [{ n: 2 }, { n: 3 }, { n: 1 }]],
    ['unknown fields concatenate in hospitalId order', 'somethingNew', [{ hospitalId: 'b', items: [1] }, { hospitalId: 'a', items: [2] }], undefined, [2, 1]],
    ['missing sort values go last', 'departments', [{ hospitalId: 'a', items: [{ _maSort_name: null, id: 1 }, { _maSort_name: 'A', id: 2 }] }], undefined, [{ id: 2 }, { id: 1 }]],
  ])('%s', (_name, field, parts, first, expected) => {
    expect(mergeLists(field, parts, first).items).toEqual(expected);
  });

  it('orders sharedResources by kind then name', () => {
    const merged = mergeLists('sharedResources', [{ hospitalId: 'a', items: [{ _maSort_kind: 'MRI', _maSort_name: 'A', id: 1 }, { _maSort_kind: 'CT', _maSort_name: 'B', id: 2 }, { _maSort_kind: 'CT', _maSort_name: 'A', id: 3 }] }]);
    expect(merged.items).toEqual([{ id: 3 }, { id: 2 }, { id: 1 }]);
  });

  it('reports where each member item went, undefined when cut', () => {
    const merged = mergeLists('staffDirectory', [{ hospitalId: 'b', items: [staff('a')] }, { hospitalId: 'a', items: [staff('b'), staff('c')] }], 2);
    expect(merged.positions.get('a')).toEqual([0, 1]);
    expect(merged.positions.get('b')).toEqual([undefined]);
  });

  it('asks members only for the sort keys they cannot be known without', () => {
    expect(sortFieldsToFetch()).toEqual({ departments: ['name'], staffDirectory: ['name'], sharedResources: ['kind', 'name'], labSummary: [] });
  });
});
