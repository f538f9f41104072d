import type http from 'node:http';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraphQLError, parse } from 'graphql';
import { decodeJwt } from 'jose';
import type { Agent } from 'undici';
import { receivedRequest, requestHash } from '../../common/auth/request-hash';
import { AllianceUnavailableError } from '../../common/errors';
import type { Logger } from '../../common/log';
import { signSubgraphCalls } from '../auth/sign-subgraph-calls';
import { createSubgraphSigner } from '../auth/subgraph-signer';
import type { GatewayContext } from '../gateway-context';
import { AllianceDataSource } from './alliance-data-source';
import { createHttpAgent } from './http-agent';
import { listenOnLoopback, waitFor } from '../../test/support/loopback-server';

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A stand-in alliance: each path answers one way (`/hang` never), every request is kept. */
async function startAlliance() {
  const state = { received: [] as Received[], closedUnanswered: 0 };
  const answers: Record<string, [number, string, string]> = {
    '/ok': [
      200,
      'application/json',
      JSON.stringify({
        data: { hospitals: [{ id: 'dh-lead' }] },
        errors: [{ message: 'one part failed', path: ['hospitals', 0, 'name'], extensions: { code: 'NOT_FOUND' } }],
        extensions: { note: 'kept' },
      }),
    ],
    '/down-db': [500, 'application/json', JSON.stringify({ errors: [{ message: 'connect ECONNREFUSED 127.0.0.1:3306' }] })],
    '/401': [401, 'application/json', JSON.stringify({ errors: [{ message: 'token required', extensions: { code: 'UNAUTHENTICATED' } }] })],
    '/403': [403, 'application/json', JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] })],
    '/400': [400, 'application/graphql-response+json', JSON.stringify({ errors: [{ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] })],
    '/text': [200, 'text/html', '<html>proxy page</html>'],
    '/large': [200, 'application/json', JSON.stringify({ data: { filler: 'x'.repeat(100_000) } })],
  };
  const { base, close } = await listenOnLoopback((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      state.received.push({ url: req.url ?? '', headers: req.headers, body });
      const answer = answers[req.url ?? ''];
      if (!answer) {
        res.once('close', () => (state.closedUnanswered += 1));
        return;
      }
      res.writeHead(answer[0], { 'content-type': answer[1] });
      res.end(answer[2]);
    });
  });
  return { base, state, close };
}

const clinician = { subject: 'dr-li', role: 'clinician' as const, hospitalId: 'dh-lead', purpose: 'TREATMENT' as const };
const HOSPITALS = 'query Hospitals($first: Int) { hospitals(first: $first) { id } }';

describe('AllianceDataSource (calls to the alliance subgraph)', () => {
  let alliance: Awaited<ReturnType<typeof startAlliance>>;
  let agent: Agent;
  let auth: ReturnType<typeof signSubgraphCalls>;
  const warnings: unknown[][] = [];
  const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;

  beforeAll(async () => {
    auth = signSubgraphCalls(await createSubgraphSigner(mkdtempSync(path.join(os.tmpdir(), 'alliance-ds-'))));
    alliance = await startAlliance();
    agent = createHttpAgent({ maxSockets: 4, keepAliveMs: 5000 });
  });
  afterAll(async () => {
    await agent.destroy();
    await alliance.close();
  });
  beforeEach(() => {
    warnings.length = 0;
    alliance.state.received.length = 0;
  });

  function dataSource(route: string, timeoutMs = 5000, maxAnswerBytes?: number): AllianceDataSource {
    const source = new AllianceDataSource({ url: `${alliance.base}${route}`, agent, timeoutMs, maxAnswerBytes });
    source.authorize = auth.forAlliance;
    source.logger = logger;
    return source;
  }

  const context = (caller: GatewayContext['caller'] = clinician): GatewayContext =>
    ({ caller, requestId: 'req-9', forwardHeaders: { 'x-request-id': 'req-9', 'x-purpose-of-use': 'TREATMENT' } }) as unknown as GatewayContext;

  /** The call as Apollo's executor makes it (executeQueryPlan's sendOperation). */
  const asExecutor = (source: AllianceDataSource, variables: Record<string, unknown> | undefined, ctx = context(), incomingRequestContext = {}) =>
    source.process({
      kind: 'incoming operation',
      request: { query: HOSPITALS, variables, operationName: 'Hospitals', http: undefined },
      incomingRequestContext,
      context: ctx,
      document: parse(HOSPITALS),
      pathInIncomingRequest: [],
    } as never);

  it('posts the body Apollo would, with the forwarded headers and a token signed for exactly that body', async () => {
    const response = await asExecutor(dataSource('/ok'), { first: 2, since: undefined });
    expect(response).toMatchObject({
      data: { hospitals: [{ id: 'dh-lead' }] },
      errors: [{ message: 'one part failed', path: ['hospitals', 0, 'name'], extensions: { code: 'NOT_FOUND' } }],
      extensions: { note: 'kept' },
    });
    const [received] = alliance.state.received;
    expect(JSON.parse(received.body)).toEqual({ query: HOSPITALS, variables: { first: 2 }, operationName: 'Hospitals' });
    expect(received.headers).toMatchObject({ 'content-type': 'application/json', 'x-request-id': 'req-9', 'x-purpose-of-use': 'TREATMENT' });
    const claims = decodeJwt(String(received.headers.authorization).replace(/^Bearer /, ''));
    expect(claims).toMatchObject({ aud: 'alliance', sub: 'dr-li', rid: 'req-9' });
    expect(claims.req_hash).toBe(requestHash(receivedRequest('POST', JSON.parse(received.body), undefined)!));
  });

  it("the fast path's call (runPlanned) is the same request", async () => {
    const response = await dataSource('/ok').runPlanned({ query: HOSPITALS, document: parse(HOSPITALS), operationName: 'Hospitals' }, {}, context());
    expect(response.data).toEqual({ hospitals: [{ id: 'dh-lead' }] });
    const [received] = alliance.state.received;
    expect(JSON.parse(received.body)).toEqual({ query: HOSPITALS, variables: {}, operationName: 'Hospitals' });
    expect(decodeJwt(String(received.headers.authorization).replace(/^Bearer /, '')).req_hash).toBe(requestHash({ query: HOSPITALS, variables: {}, operationName: 'Hospitals' }));
  });

  it('sends no token for a request without a caller, and 85 entity representations as they are', async () => {
    const representations = Array.from({ length: 85 }, (_, i) => ({ __typename: 'PatientRecord', hospitalId: `dh-${i % 4}`, mrn: `MRN-${i}` }));
    await asExecutor(dataSource('/ok'), { representations }, context(null));
    const [received] = alliance.state.received;
    expect(received.headers.authorization).toBeUndefined();
    expect(JSON.parse(received.body).variables).toEqual({ representations });
  });

  it.each([
    ['answers 500 (its database is down)', '/down-db', 5000, 'did not answer', { status: 500 }],
    ['hangs past the timeout', '/hang', 300, 'did not answer in time', { cause: 'TimeoutError' }],
  ])('an alliance that %s is ALLIANCE_UNAVAILABLE, the detail only in the log', async (_name, route, timeoutMs, reason, logged) => {
    const started = Date.now();
    const error = await asExecutor(dataSource(route, timeoutMs), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllianceUnavailableError);
    expect((error as Error).message).toBe(`The alliance service ${reason}; its part of the answer is missing.`);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(warnings).toEqual([[expect.objectContaining(logged), 'alliance subgraph request failed']]);
    expect(JSON.stringify(warnings)).not.toMatch(/127\.0\.0\.1|3306/);
    if (route === '/hang') await waitFor(() => alliance.state.closedUnanswered === 1);
  });

  it('a call whose caller went away ends at once, its socket closed, without a warning', async () => {
    const controller = new AbortController();
    const closedBefore = alliance.state.closedUnanswered;
    const pending = asExecutor(dataSource('/hang', 60_000), {}, { ...context(), signal: controller.signal }).catch((e: unknown) => e);
    await waitFor(() => alliance.state.received.length === 1);
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(AllianceUnavailableError);
    expect((error as Error).message).toBe('The alliance service was not waited for (the caller went away); its part of the answer is missing.');
    await waitFor(() => alliance.state.closedUnanswered === closedBefore + 1);
    expect(warnings).toEqual([]);
    // gone before the call: nothing is sent
    const late = await asExecutor(dataSource('/ok'), {}, { ...context(), signal: controller.signal }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(AllianceUnavailableError);
    expect(alliance.state.received).toHaveLength(1);
  });

  it('an alliance that cannot be reached is ALLIANCE_UNAVAILABLE; the socket error is logged', async () => {
    const closed = await startAlliance();
    const url = closed.base;
    await closed.close();
    const source = dataSource('/ok');
    source.url = `${url}/graphql`;
    const error = await asExecutor(source, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllianceUnavailableError);
    expect((error as Error).message).toBe('The alliance service did not answer; its part of the answer is missing.');
    expect(warnings).toEqual([[{ status: undefined, cause: 'ECONNREFUSED' }, 'alliance subgraph request failed']]);
  });

  it.each([
    ['/401', 'UNAUTHENTICATED'],
    ['/403', 'FORBIDDEN'],
    ['/400', undefined],
  ])("a 4xx (%s) is the alliance's own answer and passes on", async (route, code) => {
    const status = Number(route.slice(1));
    const error = await asExecutor(dataSource(route), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).message).toBe(`${status}: ${status}`);
    const extensions = (error as GraphQLError).extensions as { code?: string; response: { status: number; body: { errors: unknown[] } } };
    expect(extensions.code).toBe(code);
    expect(extensions.response).toMatchObject({ status, body: { errors: [expect.objectContaining({ message: expect.any(String) })] } });
    expect(warnings).toEqual([]);
  });

  it('an answer that is not JSON is an error of its own, not ALLIANCE_UNAVAILABLE', async () => {
    const error = await asExecutor(dataSource('/text'), {}).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(AllianceUnavailableError);
    expect((error as Error).message).toBe('Expected JSON response body, but received: <html>proxy page</html>');
  });

  it('an answer over the size bound is ALLIANCE_UNAVAILABLE', async () => {
    const error = await asExecutor(dataSource('/large', 5000, 4096), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllianceUnavailableError);
    expect((error as Error).message).toBe('The alliance service answered more than the gateway accepts; its part of the answer is missing.');
    expect(warnings).toEqual([[{ status: undefined, cause: 'AnswerTooLargeError' }, 'alliance subgraph request failed']]);
    // the default bound is far above any answer the query limits allow
    await expect(asExecutor(dataSource('/large'), {})).resolves.toMatchObject({ data: { filler: expect.any(String) } });
  });

  it("restricts the request's cache policy as the alliance's `cache-control: no-store` says (max-age 0)", async () => {
    const hints: unknown[] = [];
    await asExecutor(dataSource('/ok'), {}, context(), { overallCachePolicy: { restrict: (hint: unknown) => hints.push(hint) } });
    expect(hints).toEqual([{ maxAge: 0 }]);
  });
});
