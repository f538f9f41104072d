import { GraphQLError } from 'graphql';
import pino from 'pino';
import { loadGatewayConfig } from '../../common/config/gateway-settings';
import { startGateway, type RunningGateway } from '../../gateway/start-gateway';
import { callerHeaders } from './support/caller-headers';
import { startAllianceDirectory, startPartnerHospital } from './support/partner-hospital';
import { schemaText, scratchDataDir, scratchSchemaFolder } from './support/schema-folder';
import { startSilentServer, startTinySubgraph, type TinySubgraph } from './support/tiny-subgraph';

/**
 * The fast path (gateway/fast-path/, a step of Apollo's request pipeline) must be
 * invisible to callers: the same operation answered by a gateway with it and by one
 * without it gives the same status, media type, cache-control header and body, byte for
 * byte, for answers, partial answers and refusals alike. Each case is sent twice to the
 * fast gateway: the first time plans it, the second is the fast path.
 */
describe('gateway fast path', () => {
  let alpha: TinySubgraph;
  let beta: TinySubgraph;
  let failing: TinySubgraph;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let alliance: Awaited<ReturnType<typeof startAllianceDirectory>>;
  const gateways: { fast?: RunningGateway; full?: RunningGateway } = {};
  const dataDirs = { fast: scratchDataDir(), full: scratchDataDir() };
  /** Each gateway's request log lines (`graphql request`): operation and error codes, nothing else compared. */
  const requestLines: Record<'fast' | 'full', { operationName: unknown; errorCodes: unknown }[]> = { fast: [], full: [] };

  function capturingLogger(kind: 'fast' | 'full') {
    return pino(
      { level: 'info' },
      {
        write(line: string) {
          const entry = JSON.parse(line) as { msg: string; operationName: unknown; errorCodes: unknown };
          if (entry.msg === 'graphql request') requestLines[kind].push({ operationName: entry.operationName, errorCodes: entry.errorCodes });
        },
      },
    );
  }

  async function start(kind: 'fast' | 'full'): Promise<RunningGateway> {
    const config = loadGatewayConfig({
      PORT: '0',
      ALLIANCE_URL: alliance.url,
      MEDALLIANCE_DATA_DIR: dataDirs[kind],
      MEDALLIANCE_MEMBER_TIMEOUT_MS: '1000',
      MEDALLIANCE_REGISTRY_POLL_MS: '3600000',
      // no health probes: both gateways must see the hung member alike, as timing out
      MEDALLIANCE_MEMBER_PROBE_MS: '60000',
      MEDALLIANCE_BREAKER_FAILURES: '100',
      MEDALLIANCE_FAST_PATH: kind === 'fast' ? 'true' : 'false',
    });
    return startGateway(config, { schemaDir: scratchSchemaFolder(), logger: capturingLogger(kind) });
  }

  beforeAll(async () => {
    alpha = await startPartnerHospital('p-alpha', { staff: ['Zhou', 'An'], departments: ['Surgery', 'Cardiology'] });
    beta = await startPartnerHospital('p-beta', { staff: ['Bo', 'Yu', 'Cai'] });
    failing = await startTinySubgraph(schemaText('hospital.graphql'), {
      Query: {
        staffDirectory: () => {
          throw new GraphQLError('Staff directory closed for audit.', { extensions: { code: 'FORBIDDEN' } });
        },
        departments: () => {
          throw new Error('disk quota exceeded at 10.0.0.7:5432');
        },
      },
    });
    silent = await startSilentServer(schemaText('hospital.graphql'));
    alliance = await startAllianceDirectory(
      [
        { id: 'p-alpha', url: alpha.url },
        { id: 'p-beta', url: beta.url },
        { id: 'p-failing', url: failing.url },
        { id: 'p-silent', url: silent.url },
      ],
      {
        referral: () => {
          throw new GraphQLError('Referral register is read-only during the audit.', { extensions: { code: 'FORBIDDEN' } });
        },
      },
    );
    // one at a time: composing is CPU work, and a contract check that times out waits for the next poll
    gateways.fast = await start('fast');
    gateways.full = await start('full');
    await Promise.all([membersReady(gateways.fast), membersReady(gateways.full)]);
  });

  /** Every member has passed the gateway's contract check (it runs in the background after start). */
  async function membersReady(gateway: RunningGateway): Promise<void> {
    for (;;) {
      const body = (await (await fetch(gateway.url.replace(/\/graphql$/, '/readyz'))).json()) as { members: { state: string }[] };
      if (body.members.length === 4 && body.members.every((m) => m.state === 'ready')) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  afterAll(async () => {
    await Promise.all([gateways.fast?.close(), gateways.full?.close()]);
    await Promise.all([alpha, beta, failing, silent, alliance].map((s) => s?.close()));
  });

  async function fastPathCount(): Promise<number> {
    const text = await (await fetch(gateways.fast!.url.replace(/\/graphql$/, '/metrics'))).text();
    const line = text.split('\n').find((l) => l.startsWith('medalliance_gateway_fast_path_requests_total '));
    return Number(line?.split(' ')[1] ?? NaN);
  }

  interface Sent {
    status: number;
    type: string | null;
    cacheControl: string | null;
    body: string;
  }

  async function send(
    kind: 'fast' | 'full',
    payload: Record<string, unknown>,
    headers: Record<string, string> = {},
    asCaller = true,
    method: 'GET' | 'POST' = 'POST',
  ): Promise<Sent> {
    const auth = asCaller ? await callerHeaders(dataDirs[kind]) : {};
    const url = new URL(gateways[kind]!.url);
    if (method === 'GET') for (const [name, value] of Object.entries(payload)) url.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    const response = await fetch(
      url,
      method === 'GET'
        ? { headers: { 'apollo-require-preflight': 'true', ...auth, ...headers } }
        : { method: 'POST', headers: { 'content-type': 'application/json', ...auth, ...headers }, body: JSON.stringify(payload) },
    );
    // the gateway names every request itself: its ids are compared as a placeholder
    const body = (await response.text()).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<request-id>');
    return { status: response.status, type: response.headers.get('content-type'), cacheControl: response.headers.get('cache-control'), body };
  }

  let sequence = 0;
  /** The full gateway's answer, and the fast gateway's first and second; returns how many of the fast gateway's took the fast path. */
  async function compare(
    payload: Record<string, unknown>,
    headers: Record<string, string> = {},
    asCaller = true,
    method: 'GET' | 'POST' = 'POST',
  ): Promise<{ reference: Sent; fastPathUses: number }> {
    // the caller's request id is only logged: an internal error quotes the gateway's own
    headers = { 'x-request-id': `fast-path-${(sequence += 1)}`, ...headers };
    const logged = { fast: requestLines.fast.length, full: requestLines.full.length };
    const reference = await send('full', payload, headers, asCaller, method);
    const before = await fastPathCount();
    const first = await send('fast', payload, headers, asCaller, method);
    const second = await send('fast', payload, headers, asCaller, method);
    expect(first).toEqual(reference);
    expect(second).toEqual(reference);
    // one request log line per request, the same on either path (a request refused before Apollo has none)
    const referenceLines = requestLines.full.slice(logged.full);
    expect(requestLines.fast.slice(logged.fast)).toEqual([...referenceLines, ...referenceLines]);
    return { reference, fastPathUses: (await fastPathCount()) - before };
  }

  it('answers a repeated broadcast from the learned plan, exactly as the full pipeline does', async () => {
    const { reference, fastPathUses } = await compare({
      query: 'query Staff($n: Int) { staffDirectory(first: $n, hospitalIds: ["p-alpha", "p-beta"]) { hospitalId name } }',
      variables: { n: 3 },
      operationName: 'Staff',
    });
    expect(JSON.parse(reference.body).data.staffDirectory).toEqual([
      { hospitalId: 'p-alpha', name: 'An' },
      { hospitalId: 'p-alpha', name: 'Zhou' },
      { hospitalId: 'p-beta', name: 'Bo' },
    ]);
    expect(fastPathUses).toBe(1);
  });

  it('answers a repeated alliance-only query from its learned plan, exactly as the full pipeline does', async () => {
    const { reference, fastPathUses } = await compare({ query: 'query Members { hospitals { id name status } }', operationName: 'Members' });
    expect(JSON.parse(reference.body).data.hospitals.map((h: { id: string }) => h.id)).toEqual(['p-alpha', 'p-beta', 'p-failing', 'p-silent']);
    expect(fastPathUses).toBe(1);
    const refused = await compare({ query: '{ referral(id: "r-1") { id } }' });
    expect(JSON.parse(refused.reference.body)).toEqual({
      errors: [{ message: 'Referral register is read-only during the audit.', path: ['referral'], extensions: { code: 'FORBIDDEN' } }],
      data: { referral: null },
    });
    expect(refused.fastPathUses).toBe(1);
  });

  it('does not name its framework in any answer', async () => {
    const response = await fetch(gateways.fast!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callerHeaders(dataDirs.fast)) },
      body: JSON.stringify({ query: '{ departments(hospitalIds: ["p-beta"]) { id } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('takes the fast path for new variables of a learned operation, and keeps the answer right', async () => {
    const query = 'query Staff2($n: Int) { staffDirectory(first: $n, hospitalIds: ["p-beta"]) { name } }';
    await compare({ query, variables: { n: 1 } });
    const before = await fastPathCount();
    const other = await send('fast', { query, variables: { n: 2 } });
    expect(other).toEqual(await send('full', { query, variables: { n: 2 } }));
    expect(JSON.parse(other.body).data.staffDirectory).toEqual([{ name: 'Bo' }, { name: 'Yu' }]);
    expect((await fastPathCount()) - before).toBe(1);
  });

  it('gives the same partial answers and error codes: unknown, refusing, failing and hung members', async () => {
    const { reference, fastPathUses } = await compare({
      query: '{ staffDirectory(hospitalIds: ["p-beta", "p-failing", "p-silent", "nowhere"]) { hospitalId name } departments(hospitalIds: ["p-alpha"]) { name } }',
    });
    const body = JSON.parse(reference.body);
    expect(body.data.staffDirectory).toHaveLength(3);
    expect(body.data.departments).toEqual([{ name: 'Cardiology' }, { name: 'Surgery' }]);
    expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code).sort()).toEqual(['FORBIDDEN', 'MEMBER_UNAVAILABLE', 'MEMBER_UNKNOWN']);
    const internal = await compare({ query: '{ departments(hospitalIds: ["p-failing"]) { name } }' });
    expect(JSON.parse(internal.reference.body).errors[0].extensions).toEqual({ hospitalId: 'p-failing', requestId: '<request-id>', code: 'INTERNAL_SERVER_ERROR' });
    expect(internal.reference.body).not.toContain('10.0.0.7');
    expect([fastPathUses, internal.fastPathUses]).toEqual([1, 1]);
  });

  it('answers in the media type the caller accepts, as Apollo does', async () => {
    const payload = { query: '{ departments(hospitalIds: ["p-alpha"]) { name } }' };
    const plain = await compare(payload, { accept: 'application/json' });
    expect(plain.reference.type).toBe('application/json; charset=utf-8');
    const graphqlResponse = await compare(payload, { accept: 'application/graphql-response+json' });
    expect(graphqlResponse.reference.type).toBe('application/graphql-response+json; charset=utf-8');
    // the second case's text is already learned: both of its requests take the fast path
    expect([plain.fastPathUses, graphqlResponse.fastPathUses]).toEqual([1, 2]);
  });

  it('answers a learned operation sent by GET or with request extensions, as the full pipeline does', async () => {
    const query = 'query Wards($ids: [ID!]) { departments(hospitalIds: $ids) { hospitalId name } }';
    await compare({ query, variables: { ids: ['p-beta'] } });
    const get = await compare({ query, variables: { ids: ['p-alpha', 'nowhere'] } }, {}, true, 'GET');
    expect(JSON.parse(get.reference.body).errors[0].extensions.code).toBe('MEMBER_UNKNOWN');
    const withExtensions = await compare({ query, variables: { ids: ['p-alpha'] }, extensions: { client: { name: 'ward-board' } } });
    expect(JSON.parse(withExtensions.reference.body).data.departments).toHaveLength(2);
    expect([get.fastPathUses, withExtensions.fastPathUses]).toEqual([2, 2]);
    // a mutation by GET is refused before the step (405), with or without a learned plan
    const getMutation = await compare({ query: 'mutation { cancelBooking(hospitalId: "p-alpha", bookingId: "b-1") { id } }' }, {}, true, 'GET');
    expect([getMutation.reference.status, getMutation.fastPathUses]).toEqual([405, 0]);
  });

  it('refuses as the full pipeline does, before the step answers: bad variables, over a limit, no token', async () => {
    const query = 'query Capped($n: Int) { staffDirectory(first: $n, hospitalIds: ["p-alpha"]) { name } }';
    await compare({ query, variables: { n: 1 } });
    const badVariable = await compare({ query, variables: { n: 'many' } });
    expect(JSON.parse(badVariable.reference.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const tooCostly = await compare({ query, variables: { n: 100000 } });
    expect(JSON.parse(tooCostly.reference.body).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const anonymous = await compare({ query, variables: { n: 1 } }, {}, false);
    expect(anonymous.reference.status).toBe(401);
    expect(badVariable.fastPathUses + tooCostly.fastPathUses + anonymous.fastPathUses).toBe(0);
  });

  it('keeps operations the planner had to rewrite on the full pipeline', async () => {
    const withTypename = await compare({ query: '{ __typename staffDirectory(hospitalIds: ["p-alpha"]) { name } }' });
    expect(JSON.parse(withTypename.reference.body).data.__typename).toBe('Query');
    expect(withTypename.fastPathUses).toBe(0);
    const mutation = await compare({ query: 'mutation { cancelBooking(hospitalId: "p-alpha", bookingId: "b-1") { id status } }' });
    expect(mutation.fastPathUses).toBe(0);
  });
});
