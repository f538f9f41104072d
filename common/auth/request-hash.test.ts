import { canonicalJson, receivedRequest, requestHash } from './request-hash';

describe('requestHash', () => {
  it.each([
    ['keys in another order', { query: 'q', variables: { a: 1, b: { d: 2, c: 3 } } }, { query: 'q', variables: { b: { c: 3, d: 2 }, a: 1 } }],
    ['no variables and empty variables', { query: 'q' }, { query: 'q', variables: {} }],
    ['null and absent operation name', { query: 'q', operationName: null }, { query: 'q' }],
    ['an undefined member and a missing one', { query: 'q', variables: { a: undefined, b: 1 } }, { query: 'q', variables: { b: 1 } }],
    ['a Date and its JSON text', { query: 'q', variables: { at: new Date(0) } }, { query: 'q', variables: { at: '1970-01-01T00:00:00.000Z' } }],
  ])('is equal for %s', (_label, a, b) => {
    expect(requestHash(a)).toBe(requestHash(b));
  });

  it.each([
    ['another query', { query: 'q2' }],
    ['another variable value', { query: 'q', variables: { a: 2 } }],
    ['a string instead of a number', { query: 'q', variables: { a: '1' } }],
    ['another operation name', { query: 'q', variables: { a: 1 }, operationName: 'Op' }],
    ['a list in another order', { query: 'q', variables: { a: [1] } }],
  ])('differs for %s', (_label, other) => {
    expect(requestHash(other)).not.toBe(requestHash({ query: 'q', variables: { a: 1 } }));
  });

  it('writes JSON as JSON.stringify does, keys sorted', () => {
    expect(canonicalJson({ b: [1, undefined, 'x'], a: null, c: Number.NaN })).toBe('{"a":null,"b":[1,null,"x"],"c":null}');
  });

  /** The form every deployed gateway and subgraph hashes: keys sorted per object, parts joined. */
  const reference = (value: unknown): string => {
    if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
      return reference((value as { toJSON: () => unknown }).toJSON());
    if (Array.isArray(value)) return `[${value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : reference(item))).join(',')}]`;
    if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const parts = Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
        .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`);
      return `{${parts.join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
  };

  it.each<[string, unknown]>([
    ['representations in selection order', [{ __typename: 'LabResult', hospitalId: 'h', id: '1', loinc: '4548-4', status: 'FINAL', collectedAt: '2026-01-01T00:00:00.000Z' }]],
    ['keys already sorted', { a: 1, b: { c: [true, false], d: 'x' } }],
    ['index-like and unusual keys', { 10: 'a', 9: 'b', é: 1, '"q"': 2, '': 3, Z: 4, a: 5 }],
    ['empty objects and lists, nested', { b: {}, a: [[], [{}], [undefined, () => 1]] }],
    ['undefined and functions dropped from objects', { b: undefined, a: () => 1, c: 0 }],
    ['toJSON at any depth', { at: new Date(0), list: [new Date(1)], custom: { toJSON: () => ({ y: 1, x: 2 }) } }],
    ['numbers JSON cannot write', [Number.NaN, Infinity, -0, 1e21]],
    ['top-level primitives', 'text'],
    ['undefined at the top', undefined],
  ])('writes %s exactly as the sorted-parts form', (_label, value) => {
    expect(canonicalJson(value)).toBe(reference(value));
  });
});

describe('receivedRequest', () => {
  it('reads a POST body and a GET query string alike', () => {
    const post = receivedRequest('POST', { query: 'q', variables: { a: 1 }, operationName: 'Op' }, {});
    const get = receivedRequest('GET', undefined, { query: 'q', variables: '{"a":1}', operationName: 'Op' });
    expect(post).toEqual(get);
  });

  it.each([
    ['a batch', 'POST', [{ query: 'q' }], {}],
    ['no query', 'POST', { variables: {} }, {}],
    ['a query that is not text', 'POST', { query: 1 }, {}],
    ['GET variables that are not JSON', 'GET', undefined, { query: 'q', variables: '{' }],
  ])('gives nothing for %s', (_label, method, body, query) => {
    expect(receivedRequest(method, body, query)).toBeUndefined();
  });
});
