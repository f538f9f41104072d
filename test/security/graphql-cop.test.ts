import { callerHeaders } from '../gateway/support/caller-headers';
import { IDP_AUDIENCE, startIdentityProvider, type IdentityProvider } from './support/identity-provider';
import { startMemberGateway, type MemberGateway } from './support/member-gateway';

/** GraphQL Cop's probes, as it sends them (operation name `cop`), against a real gateway. */
const ALIAS_OVERLOADING = `query cop { ${Array.from({ length: 101 }, (_, i) => `alias${i}:__typename`).join(' \n ')} }`;
const DIRECTIVE_OVERLOADING = 'query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }';
const FIELD_DUPLICATION = `query cop { ${Array.from({ length: 500 }, () => '__typename').join(' \n ')} }`;
const CIRCULAR_INTROSPECTION = 'query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }';
const SIMPLE = 'query cop { __typename }';

interface Answer {
  status: number;
  text: string;
  json: any;
}

async function send(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** Whether an answer carries data a probe asked for (GraphQL Cop's finding). */
const hasData = (answer: Answer) => Boolean(answer.json && !Array.isArray(answer.json) && answer.json.data);

describe.each([
  ['demo', false],
  ['production', true],
])('GraphQL Cop against the gateway: %s', (_mode, production) => {
  let stack: MemberGateway;
  let idp: IdentityProvider | undefined;
  let auth: Record<string, string>;
  const post = async (body: unknown, headers: Record<string, string> = {}) =>
    send(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const get = async (query: string, headers: Record<string, string> = {}) => send(`${stack.url}?query=${encodeURIComponent(query)}`, { headers: { ...auth, ...headers } });

  beforeAll(async () => {
    idp = production ? await startIdentityProvider() : undefined;
    const env: NodeJS.ProcessEnv = production
      ? { MEDALLIANCE_PRODUCTION: 'true', MEDALLIANCE_JWKS_URL: idp!.jwksUrl, MEDALLIANCE_JWT_ISSUER: idp!.issuer, MEDALLIANCE_JWT_AUDIENCE: IDP_AUDIENCE }
      : {};
    stack = await startMemberGateway([{ id: 'p-one' }], { ...env, MEDALLIANCE_RATE_LIMIT_PER_SECOND: '0' });
    // an authenticated attacker: every probe gets past the token check and meets the limits
    auth = production ? { authorization: `Bearer ${await idp!.token({ sub: 'analyst-cop', role: 'analyst' })}` } : await callerHeaders(stack.dataDir, 'analyst');
  });
  afterAll(async () => {
    await stack?.close();
    await idp?.close();
  });

  it('answers the plain probe (the probes below are refused for what they are, not for the token)', async () => {
    expect((await post({ query: SIMPLE })).json).toEqual({ data: { __typename: 'Query' } });
  });

  it('alias overloading: 101 aliases of __typename are refused', async () => {
    const answer = await post({ query: ALIAS_OVERLOADING });
    expect(answer.status).toBe(400);
    expect(hasData(answer)).toBe(false);
    expect(answer.json.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases' }) })]);
  });

  it('batch queries: an array of operations is refused', async () => {
    const answer = await post(Array.from({ length: 10 }, () => ({ query: SIMPLE })));
    expect(answer.status).toBe(400);
    expect(Array.isArray(answer.json)).toBe(false);
    expect(hasData(answer)).toBe(false);
  });

  it('directive overloading: refused with a few errors, not one per directive', async () => {
    // GraphQL Cop's finding: ten or more errors for ten directives
    for (const query of [
      DIRECTIVE_OVERLOADING,
      'query cop { __typename @include(if: true)@include(if: true)@include(if: true)@include(if: true)@include(if: true)@include(if: true)@include(if: true)@include(if: true)@include(if: true)@include(if: true) }',
    ]) {
      const answer = await post({ query });
      expect(answer.status).toBe(400);
      expect(hasData(answer)).toBe(false);
      expect(answer.json.errors.length).toBeLessThanOrEqual(3);
    }
    const overLimit = await post({ query: `query cop { __typename ${'@aa'.repeat(11)} }` });
    expect(overLimit.json.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'directives' }) })]);
  });

  it('field duplication: 500 × __typename is refused', async () => {
    const answer = await post({ query: FIELD_DUPLICATION });
    expect(answer.status).toBe(400);
    expect(hasData(answer)).toBe(false);
  });

  it('circular introspection is refused, also where introspection is on', async () => {
    const answer = await post({ query: CIRCULAR_INTROSPECTION });
    expect(answer.status).toBe(400);
    expect(hasData(answer)).toBe(false);
  });

  it('GET-based mutation (CSRF) is refused', async () => {
    for (const headers of [{}, { 'apollo-require-preflight': 'true' }] as Record<string, string>[]) {
      const answer = await get('mutation cop { __typename }', headers);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(hasData(answer)).toBe(false);
    }
  });

  it('GET-based query without a preflight header (CSRF) is refused', async () => {
    const answer = await get(SIMPLE);
    expect(answer.status).toBe(400);
    expect(hasData(answer)).toBe(false);
  });

  it('POST url-encoded (CSRF) and POST text/plain (CSRF) are refused', async () => {
    const form = await send(stack.url, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent(SIMPLE)}` });
    expect(form.status).toBe(400);
    expect(hasData(form)).toBe(false);
    const plain = await send(stack.url, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: JSON.stringify({ query: SIMPLE }) });
    expect(plain.status).toBe(400);
    expect(hasData(plain)).toBe(false);
  });

  it('trace mode and debug mode: no tracing, debug or exception details in any answer', async () => {
    for (const answer of [
      await post({ query: SIMPLE, extensions: { tracing: true } }),
      await post({ query: SIMPLE }, { 'apollo-federation-include-trace': 'ftv1' }),
      await send(`${stack.url}?debug=1`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query: SIMPLE }) }),
      await post({ query: 'query cop { __typenam }' }),
      await post({ query: 'qwerty cop { abc }' }),
    ]) {
      expect(answer.json?.extensions).toBeUndefined();
      for (const error of answer.json?.errors ?? []) {
        expect(Object.keys(error.extensions ?? {})).not.toEqual(expect.arrayContaining(['exception']));
        expect(error.extensions?.stacktrace).toBeUndefined();
      }
      expect(answer.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|ftv1/);
    }
  });

  it(`introspection, GraphiQL and field suggestions: ${production ? 'refused in production' : 'on in demo'}`, async () => {
    const introspection = await post({ query: 'query cop { __schema { queryType { name } } }' });
    expect(hasData(introspection)).toBe(!production);
    const suggestion = await post({ query: 'query cop { staffDirector { name } }' });
    expect(suggestion.text.includes('Did you mean')).toBe(!production);
    const ide = await send(stack.url, { headers: { accept: 'text/html' } });
    expect(ide.text.includes('GraphiQL')).toBe(!production);
  });
});
