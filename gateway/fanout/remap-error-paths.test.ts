import { remapEntityError, remapListError, type MemberError } from './remap-error-paths';

describe('remapEntityError', () => {
  it.each<[string, MemberError['path'], MemberError['path']]>([
    ['batch index to original index', ['_entities', 1, 'labResults', 0], ['_entities', 7, 'labResults', 0]],
    ['first entity', ['_entities', 0], ['_entities', 3]],
    ['index outside the batch loses its path', ['_entities', 9], undefined],
    ['no path stays without', undefined, undefined],
    ['a path not under _entities is dropped', ['something'], undefined],
  ])('%s', (_name, path, expected) => {
    const out = remapEntityError({ message: 'm', path, extensions: { code: 'FORBIDDEN' } }, [3, 7], 'dh-a');
    expect(out.path).toEqual(expected);
    expect(out.extensions).toEqual({ code: 'FORBIDDEN', hospitalId: 'dh-a' });
  });

  it('keeps a hospitalId the member already set', () => {
    expect(remapEntityError({ message: 'm', extensions: { hospitalId: 'x' } }, [], 'dh-a').extensions?.hospitalId).toBe('x');
  });
});

describe('remapListError', () => {
  const positions = new Map([
    ['staffDirectory', [2, undefined]],
    ['departments', [0]],
  ]);
  it.each<[string, MemberError['path'], MemberError['path']]>([
    ['member index to merged index', ['staffDirectory', 0, 'department'], ['staffDirectory', 2, 'department']],
    ['item cut by first: error on the field', ['staffDirectory', 1, 'name'], ['staffDirectory']],
    ['whole field', ['departments'], ['departments']],
    ['unknown field keeps its path head', ['labSummary', 0], ['labSummary']],
    ['no path', undefined, undefined],
  ])('%s', (_name, path, expected) => {
    expect(remapListError({ message: 'm', path }, positions, 'dh-a').path).toEqual(expected);
  });
});
