import { postGraphQL } from '../support/graphql-client';
import { callerHeaders } from '../gateway/support/caller-headers';
import { startPartnerGateway, type PartnerGateway } from './support/partner-gateway';

/** The part of a GraphQL answer these tests read. */
type GraphQLBody = { errors: { message: string; extensions: { code: string } }[] };

const repeat = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(' ');

/**
 * The gateway's limits (DESIGN 5, OWASP GraphQL cheat sheet), each refused with its code
 * before any member is called. Default limits, except a small rate-limit burst so that
 * the flood case stays short; every case uses its own caller, so buckets do not mix.
 */
describe('query limits at the gateway (OWASP GraphQL)', () => {
  let stack: PartnerGateway;
  const BURST = 5;
  beforeAll(async () => {
    stack = await startPartnerGateway({ MEDALLIANCE_RATE_LIMIT_PER_SECOND: '1', MEDALLIANCE_RATE_LIMIT_BURST: String(BURST) });
  });
  afterAll(() => stack?.close());

  const as = (subject: string) => callerHeaders(stack.dataDir, 'analyst', undefined, { subject });
  // GraphQL calls only: the gateway's health probes (GET /readyz, no query) reach the partner too
  const memberCalls = () => stack.partner.received.filter((r) => typeof r.query === 'string' && !r.query.includes('_service')).length;

  it('answers an ordinary query within every limit', async () => {
    const { status, body } = await postGraphQL(stack.url, '{ staffDirectory(first: 10) { name department { name } } }', undefined, await as('ordinary'));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it.each([
    [
      'deep recursion',
      'depth',
      `{ staffDirectory(first: 1) { department { head { department { head { department { head { department { head { department { head { name } } } } } } } } } } } }`,
    ],
    ['alias overloading', 'aliases', `{ ${repeat(16, (i) => `a${i}: staffDirectory { name }`)} }`],
    ['directive overloading', 'directives', `{ staffDirectory { ${repeat(11, (i) => `f${i}: name @include(if: true)`)} } }`],
    ['field duplication', 'duplicateFields', `{ staffDirectory { ${repeat(4, () => 'name')} } }`],
    ['a huge document', 'tokens', `{ staffDirectory { ${repeat(2100, () => 'name')} } }`],
    ['list multiplication (cost)', 'cost', '{ staffDirectory(first: 500) { department { staff(first: 50) { name department { name } } } } }'],
    ['list multiplication through variables (cost)', 'cost', 'query ($n: Int) { staffDirectory(first: $n) { department { staff(first: $n) { name } } } }'],
  ])('refuses %s with QUERY_TOO_COMPLEX (limit %s), calling no member', async (_name, limit, query) => {
    const before = memberCalls();
    const { status, body } = await postGraphQL(stack.url, query, { n: 400 }, await as(`limit-${limit}`));
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit }) })]);
    expect(memberCalls()).toBe(before);
  });

  it('counts the cost of each request: one document is accepted with a small first and refused with a large one, every time', async () => {
    const query = 'query ($n: Int) { staffDirectory(first: $n) { department { staff(first: $n) { name } } } }';
    for (const [n, status] of [
      [3, 200],
      [400, 400],
      [3, 200],
      [400, 400],
    ] as const) {
      expect((await postGraphQL(stack.url, query, { n }, await as(`cost-per-request-${n}`))).status).toBe(status);
    }
    const literal = '{ staffDirectory(first: 500) { department { staff(first: 50) { name department { name } } } } }';
    for (let i = 0; i < 2; i += 1) expect((await postGraphQL(stack.url, literal, undefined, await as(`cost-literal-${i}`))).status).toBe(400);
  });

  it('refuses unknown directives repeated (directive overloading) with one error, before validation counts each', async () => {
    const { status, body } = await postGraphQL(stack.url, `{ staffDirectory { name ${repeat(50, () => '@aa')} } }`, undefined, await as('directives-unknown'));
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'directives' }) })]);
  });

  it('refuses a body over the size limit with 413 QUERY_TOO_COMPLEX', async () => {
    const { status, body } = await postGraphQL(stack.url, 'query ($filler: String) { staffDirectory { name } }', { filler: 'x'.repeat(200_000) }, await as('body'));
    expect(status).toBe(413);
    expect(body.errors).toEqual([{ message: expect.stringContaining('102400 bytes'), extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'bodySize', max: 102400 } }]);
  });

  it('refuses malformed JSON with 400 BAD_USER_INPUT', async () => {
    const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await as('json')) }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as GraphQLBody).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses batched requests (batching is off)', async () => {
    const before = memberCalls();
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await as('batch')) },
      body: JSON.stringify([{ query: '{ staffDirectory { name } }' }, { query: '{ departments { name } }' }]),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLBody;
    expect(body.errors).toEqual([{ message: expect.stringMatching(/batching/i), extensions: { code: 'BAD_USER_INPUT' } }]);
    expect(memberCalls()).toBe(before);
  });

  it('refuses a mutation over GET with 405, and a GET without a preflight header', async () => {
    const mutation = encodeURIComponent('mutation { cancelBooking(hospitalId: "p-one", bookingId: "b1") { id } }');
    const headers = { ...(await as('get')), accept: 'application/json', 'apollo-require-preflight': 'true' };
    const refused = await fetch(`${stack.url}?query=${mutation}`, { headers });
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('POST');
    expect(((await refused.json()) as GraphQLBody).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(stack.partner.received.some((r) => r.query?.includes('cancelBooking'))).toBe(false);

    const query = await fetch(`${stack.url}?query=${encodeURIComponent('{ staffDirectory { name } }')}`, { headers });
    expect(query.status).toBe(200);
    const simple = await fetch(`${stack.url}?query=${encodeURIComponent('{ staffDirectory { name } }')}`, { headers: { ...(await as('get')), accept: 'application/json' } });
    expect(simple.status).toBe(400);
  });

  it('rate-limits one caller with 429 RATE_LIMITED and Retry-After, not the others', async () => {
    const flood = await as('flood');
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof postGraphQL>> | undefined;
    // one token refills per second: on a slow machine a request or two more may pass
    while (statuses.length < BURST * 3 && last?.status !== 429) {
      last = await postGraphQL(stack.url, '{ __typename }', undefined, flood);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, BURST)).toEqual(Array(BURST).fill(200));
    expect(statuses[statuses.length - 1]).toBe(429);
    expect(last!.headers.get('retry-after')).toBe('1');
    expect(last!.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } }]);
    expect((await postGraphQL(stack.url, '{ __typename }', undefined, await as('someone-else'))).status).toBe(200);
  });
});
