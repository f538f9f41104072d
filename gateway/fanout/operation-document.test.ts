import { parse, print } from 'graphql';
import { addSortAliases, argumentValue, keepRootFields, operationKind, rootFields, variablesFor } from './operation-document';

const compact = (text: string) => print(parse(text));

describe('operation-document', () => {
  it('reads root fields through inline fragments, and argument values through variables', () => {
    const doc = parse('query($ids: [ID!]) { a: departments(hospitalIds: $ids) { id } ... on Query { staffDirectory(first: 3) { id } } }');
    const fields = rootFields(doc);
    expect(fields.map((f) => f.name.value)).toEqual(['departments', 'staffDirectory']);
    expect(argumentValue(fields[0], 'hospitalIds', { ids: ['x'] })).toEqual(['x']);
    expect(argumentValue(fields[1], 'first', {})).toBe(3);
    expect(argumentValue(fields[1], 'hospitalIds', {})).toBeUndefined();
    expect(operationKind(doc)).toBe('query');
  });

  it.each<[string, string, string[], string]>([
    ['keeps everything', 'query($a: [ID!]) { departments(hospitalIds: $a) { id } }', ['departments'], 'query($a: [ID!]) { departments(hospitalIds: $a) { id } }'],
    [
      'drops a field and its now unused variable',
      'query($a: [ID!], $b: String) { departments(hospitalIds: $a) { id } labSummary(loinc: $b) { count } }',
      ['labSummary'],
      'query($b: String) { labSummary(loinc: $b) { count } }',
    ],
    [
      'drops unused fragments, keeps nested ones in use',
      'query { departments { ...D } staffDirectory { ...S } } fragment D on Department { id ...E } fragment E on Department { name } fragment S on Staff { id }',
      ['departments'],
      'query { departments { ...D } } fragment D on Department { id ...E } fragment E on Department { name }',
    ],
    [
      'keeps variables used inside fragments',
      'query($r: StaffRole) { departments { ...D } } fragment D on Department { staff(role: $r) { id } }',
      ['departments'],
      'query($r: StaffRole) { departments { ...D } } fragment D on Department { staff(role: $r) { id } }',
    ],
  ])('keepRootFields: %s', (_name, input, keys, expected) => {
    expect(print(keepRootFields(parse(input), new Set(keys)))).toBe(compact(expected));
  });

  it('addSortAliases adds aliased sort fields only to listed fields and leaves the input untouched', () => {
    const doc = parse('{ departments { id } labSummary(loinc: "1") { count } }');
    const before = print(doc);
    const out = addSortAliases(doc, { departments: ['name'], labSummary: [] });
    expect(print(out)).toBe(compact('{ departments { id _maSort_name: name } labSummary(loinc: "1") { count } }'));
    expect(print(doc)).toBe(before);
  });

  it('variablesFor passes only declared variables', () => {
    expect(variablesFor(parse('query($a: Int) { x(a: $a) }'), { a: 1, b: 2 })).toEqual({ a: 1 });
  });
});
