import { loadGatewayConfig } from '../../common/config/gateway-settings';
import { createLogger } from '../../common/log';
import { startGateway, type RunningGateway } from '../../gateway/start-gateway';
import { postGraphQL } from '../support/graphql-client';
import { callerHeaders } from './support/caller-headers';
import { startAllianceDirectory, startPartnerHospital } from './support/partner-hospital';
import { schemaText, scratchDataDir, scratchSchemaFolder } from './support/schema-folder';
import { startSilentServer, type TinySubgraph } from './support/tiny-subgraph';

/**
 * Fan-out behaviour against partner hospitals' own implementations of the contract
 * (tiny servers outside the system) and a directory standing in for the alliance:
 * ordering, subsets, routing, refusal, join/leave, hung members. The gateway runs
 * in-process on port 0; every call between them is real HTTP.
 */
describe('gateway fan-out with partner hospitals', () => {
  let alpha: TinySubgraph;
  let beta: TinySubgraph;
  let alliance: Awaited<ReturnType<typeof startAllianceDirectory>>;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let gateway: RunningGateway;
  const dataDir = scratchDataDir();
  /** An analyst's request: the fan-out is the same for every role. */
  const post = async (query: string, variables?: Record<string, unknown>) => postGraphQL(gateway.url, query, variables, await callerHeaders(dataDir));
  const extra: TinySubgraph[] = [];

  beforeAll(async () => {
    alpha = await startPartnerHospital('p-alpha', { staff: ['Zhou', 'An'], departments: ['Surgery', 'Cardiology'] });
    beta = await startPartnerHospital('p-beta', { staff: ['Bo', 'Yu', 'Cai'] });
    silent = await startSilentServer(schemaText('hospital.graphql'));
    alliance = await startAllianceDirectory([
      { id: 'p-beta', url: beta.url },
      { id: 'p-alpha', url: alpha.url },
      { id: 'p-gone', url: alpha.url, status: 'SUSPENDED' },
    ]);
    const config = loadGatewayConfig({
      PORT: '0',
      ALLIANCE_URL: alliance.url,
      MEDALLIANCE_DATA_DIR: dataDir,
      MEDALLIANCE_MEMBER_TIMEOUT_MS: '400',
      MEDALLIANCE_REGISTRY_POLL_MS: '3600000',
      // no health probes: the hung member counts every request it holds
      MEDALLIANCE_MEMBER_PROBE_MS: '60000',
      MEDALLIANCE_BREAKER_FAILURES: '100',
    });
    gateway = await startGateway(config, { schemaDir: scratchSchemaFolder(), logger: createLogger('gateway', 'silent') });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([alpha, beta, alliance, silent, ...extra].map((s) => s?.close()));
  });

  const received = (s: TinySubgraph) => s.received.filter((r) => !r.query.includes('_service')).length;

  it('broadcasts a root query and merges in the documented order, cut to first', async () => {
    const { body } = await post('{ staffDirectory(first: 4) { hospitalId name } departments { hospitalId name } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.staffDirectory).toEqual([
      { hospitalId: 'p-alpha', name: 'An' },
      { hospitalId: 'p-alpha', name: 'Zhou' },
      { hospitalId: 'p-beta', name: 'Bo' },
      { hospitalId: 'p-beta', name: 'Cai' },
    ]);
    expect(body.data.departments).toEqual([
      { hospitalId: 'p-alpha', name: 'Cardiology' },
      { hospitalId: 'p-alpha', name: 'Surgery' },
    ]);
  });

  it('asks only the hospitals in hospitalIds; an unknown or suspended one is MEMBER_UNKNOWN without a request', async () => {
    const before = { alpha: received(alpha), beta: received(beta) };
    const { body } = await post('query($ids: [ID!]) { staffDirectory(hospitalIds: $ids) { hospitalId name } }', { ids: ['p-beta', 'p-gone'] });
    expect(body.data.staffDirectory.map((s: { hospitalId: string }) => s.hospitalId)).toEqual(['p-beta', 'p-beta', 'p-beta']);
    expect(body.errors!.map((e: any) => [e.extensions.code, e.extensions.hospitalId, e.path])).toEqual([['MEMBER_UNKNOWN', 'p-gone', ['staffDirectory']]]);
    // more hospitals than the alliance has members: refused as a whole
    const tooMany = await post('query($ids: [ID!]) { staffDirectory(hospitalIds: $ids) { hospitalId } }', { ids: ['p-beta', 'p-gone', 'nowhere'] });
    expect(tooMany.body.errors!.map((e: any) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(received(alpha)).toBe(before.alpha);
    expect(received(beta)).toBe(before.beta + 1);
  });

  it('routes a mutation to the one member it names, and refuses one that names no active member (MEMBER_UNKNOWN)', async () => {
    const before = { alpha: received(alpha), beta: received(beta) };
    const ok = await post('mutation { cancelBooking(hospitalId: "p-beta", bookingId: "b1") { hospitalId id status } }');
    expect(ok.body).toEqual({ data: { cancelBooking: { hospitalId: 'p-beta', id: 'b1', status: 'CANCELLED' } } });
    expect([received(alpha), received(beta)]).toEqual([before.alpha, before.beta + 1]);

    const bad = await post('mutation { cancelBooking(hospitalId: "p-gone", bookingId: "b1") { id } }');
    expect(bad.body.errors![0].extensions).toEqual({ code: 'MEMBER_UNKNOWN', hospitalId: 'p-gone' });
    expect([received(alpha), received(beta)]).toEqual([before.alpha, before.beta + 1]);
  });

  it('refuses an incompatible member and reports it in /readyz (a code, not what it sent); a compatible one joins on the next poll', async () => {
    const broken = await startPartnerHospital('p-broken', { staff: ['X'] }, (sdl) => sdl.replace(/\n\s*availableForDispatch: Boolean!/, ''));
    const joiner = await startPartnerHospital('p-joiner', { staff: ['Ai'] });
    extra.push(broken, joiner);
    alliance.members.push({ id: 'p-broken', url: broken.url }, { id: 'p-joiner', url: joiner.url });
    await gateway.registry.refresh();

    const ready: any = await (await fetch(gateway.url.replace('/graphql', '/readyz'))).json();
    const states = Object.fromEntries(ready.members.map((m: any) => [m.hospitalId, m]));
    expect(states['p-joiner'].state).toBe('ready');
    expect(states['p-broken'].state).toBe('refused');
    expect(states['p-broken'].reasonCode).toBe('INCOMPATIBLE');
    expect(states['p-broken'].reason).toBeUndefined();
    expect(JSON.stringify(ready)).not.toMatch(/127\.0\.0\.1|localhost|http:/);

    const { body } = await post('{ staffDirectory { hospitalId name } }');
    expect(body.data.staffDirectory.map((s: any) => s.hospitalId)).toEqual(['p-alpha', 'p-alpha', 'p-beta', 'p-beta', 'p-beta', 'p-joiner']);
    expect(body.errors!.map((e: any) => [e.extensions.code, e.extensions.hospitalId])).toEqual([['MEMBER_UNAVAILABLE', 'p-broken']]);
    expect(broken.received.filter((r) => !r.query.includes('_service'))).toHaveLength(0);

    // leaving: suspended in the alliance, gone on the next poll
    alliance.members.splice(
      alliance.members.findIndex((m) => m.id === 'p-joiner'),
      1,
    );
    alliance.members.splice(
      alliance.members.findIndex((m) => m.id === 'p-broken'),
      1,
    );
    await gateway.registry.refresh();
    const after = await post('{ staffDirectory { hospitalId } }');
    expect(after.body.errors).toBeUndefined();
    expect(new Set(after.body.data.staffDirectory.map((s: any) => s.hospitalId))).toEqual(new Set(['p-alpha', 'p-beta']));
  });

  it('answers with the rest when a member hangs: MEMBER_UNAVAILABLE after the timeout, no URL in errors', async () => {
    alliance.members.push({ id: 'p-hung', url: silent.url });
    await gateway.registry.refresh();
    expect(gateway.registry.find('p-hung')?.state).toBe('ready');
    const { body } = await post('{ staffDirectory { hospitalId name } }');
    expect(silent.pending).toBe(1);
    expect(body.data.staffDirectory.map((s: any) => s.hospitalId)).toEqual(['p-alpha', 'p-alpha', 'p-beta', 'p-beta', 'p-beta']);
    expect(body.errors).toEqual([{ message: expect.stringContaining('timed out'), extensions: { code: 'MEMBER_UNAVAILABLE', hospitalId: 'p-hung' } }]);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|localhost|http:/);
  });
});
