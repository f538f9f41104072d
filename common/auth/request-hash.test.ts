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
