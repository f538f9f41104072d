import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { postGraphQL } from '../support/graphql-client';
import { spawnCli, type SpawnedService } from '../support/spawn-cli';
import { startRealAlliance, type RealAlliance } from './support/real-alliance';
import { schemaText } from './support/schema-folder';
import { startTinySubgraph, type TinySubgraph } from './support/tiny-subgraph';
import { waitForLog } from './support/wait-for-log';
import { CROSS_HOSPITAL_PATIENT_QUERY } from '../../common/contract/cross-hospital-patient-query';

/**
 * The gateway against the real system, every part its own process started from the
 * built CLI: three hospital subgraphs, the alliance, the gateway. dh-chc-hill is
 * registered but down from the start. Run `npx tsc -p tsconfig.build.json` first.
 */
const RUNNING = ['dh-lead', 'dh-district', 'dh-chc-lakeside'];

async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}

const NO_LOCATION = /127\.0\.0\.1|localhost|https?:\/\//;

describe('gateway end to end (real processes)', () => {
  let stack: RealAlliance;
  let downUrl: string;
  const extra: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    downUrl = await closedPortUrl();
    stack = await startRealAlliance({ running: RUNNING, memberUrls: { 'dh-chc-hill': downUrl } });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(extra.map((s) => s.stop()));
    await stack?.stop();
  });

  /** Member requests so far, by hospital, from the gateway's own metrics. */
  const memberRequests = async (): Promise<Record<string, number>> => {
    const text = await (await fetch(`${stack.base}/metrics`)).text();
    const out: Record<string, number> = {};
    for (const [, id, n] of text.matchAll(/^medalliance_gateway_member_request_duration_seconds_count\{hospital_id="([^"]+)",outcome="[^"]+"\} (\d+)$/gm))
      out[id] = (out[id] ?? 0) + Number(n);
    for (const [, id, n] of text.matchAll(/^medalliance_gateway_member_errors_total\{hospital_id="([^"]+)",reason="(?:circuit-open|not-verified|incompatible)"\} (\d+)$/gm))
      out[id] = (out[id] ?? 0) + Number(n);
    return out;
  };

  const gql = async (query: string, variables?: Record<string, unknown>, role: 'clinician' | 'analyst' | 'admin' = 'analyst', hospitalId?: string) =>
    postGraphQL(stack.gateway.url, query, variables, await stack.headers(role, hospitalId ?? (role === 'clinician' ? 'dh-lead' : undefined)));

  it('starts with a member down and reports every member in /readyz', async () => {
    const ready = await stack.readyz();
    expect(ready.status).toBe('ready');
    expect(ready.supergraph.version).toMatch(/^[0-9a-f]{12}$/);
    const states = Object.fromEntries(ready.members.map((m: any) => [m.hospitalId, m.state]));
    expect(states).toEqual({ 'dh-chc-hill': 'pending', 'dh-chc-lakeside': 'ready', 'dh-district': 'ready', 'dh-lead': 'ready' });
    expect(JSON.stringify(ready)).not.toMatch(NO_LOCATION);
  });

  it('broadcasts to every active member, merges by hospitalId then name, names the member that is down', async () => {
    const { body } = await gql('{ staffDirectory(first: 500) { hospitalId name } }');
    const staff = body.data.staffDirectory as { hospitalId: string; name: string }[];
    expect(new Set(staff.map((s) => s.hospitalId))).toEqual(new Set(RUNNING));
    const keys = staff.map((s) => [s.hospitalId, s.name]);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
    expect(body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'MEMBER_UNAVAILABLE', hospitalId: 'dh-chc-hill' } }]);

    const cut = await gql('{ staffDirectory(first: 3) { hospitalId name } }');
    expect(cut.body.data.staffDirectory).toEqual(staff.slice(0, 3));
  });

  it('asks only the hospitals in hospitalIds; an unknown one is MEMBER_UNKNOWN', async () => {
    const { body } = await gql('query($ids: [ID!]) { departments(hospitalIds: $ids) { hospitalId name } }', { ids: ['dh-district', 'dh-nowhere'] });
    expect(body.data.departments.length).toBeGreaterThan(0);
    expect(new Set(body.data.departments.map((d: any) => d.hospitalId))).toEqual(new Set(['dh-district']));
    expect(body.errors).toEqual([{ message: expect.any(String), path: ['departments'], extensions: { code: 'MEMBER_UNKNOWN', hospitalId: 'dh-nowhere' } }]);
  });

  it("answers DESIGN 3.3's query across three hospitals in three fetch steps, no broadcast", async () => {
    const before = await memberRequests();
    const { body } = await gql(CROSS_HOSPITAL_PATIENT_QUERY, { mpiId: 'MPI-000001', here: 'dh-lead' }, 'clinician');
    // dh-chc-hill is down but holds no chart of this patient: no error means no broadcast
    expect(body.errors).toBeUndefined();
    // one _entities request to each holding member, none to anyone else
    const after = await memberRequests();
    expect(
      Object.fromEntries(
        Object.entries(after)
          .map(([id, n]) => [id, n - (before[id] ?? 0)])
          .filter(([, n]) => n !== 0),
      ),
    ).toEqual({
      'dh-chc-lakeside': 1,
      'dh-district': 1,
      'dh-lead': 1,
    });
    const records = body.data.patient.records as any[];
    expect(records.map((r) => r.hospitalId).sort()).toEqual([...RUNNING].sort());
    for (const record of records) {
      expect(record.mrn).toEqual(expect.any(String));
      for (const result of record.labResults)
        expect(result.recognition.status).toMatch(/^(RECOGNIZED|EXPIRED|NOT_IN_CATALOG|LAB_NOT_QUALIFIED|NOT_FINAL|ISSUER_NOT_ACTIVE|OWN_RESULT)$/);
    }
    expect(records.flatMap((r) => r.labResults).length).toBeGreaterThan(0);
    expect(Array.isArray(body.data.patient.referrals)).toBe(true);
    // the gateway logs codes and counts, never PHI or variables
    const log = stack.gateway.output();
    for (const record of records) {
      expect(log).not.toContain(record.mrn);
      expect(log).not.toContain(record.name);
    }
    expect(log).not.toContain('MPI-000001');
  });

  it('answers what an analyst may read when another root field of the same member is refused', async () => {
    const { body } = await gql('{ departments(hospitalIds: ["dh-lead", "dh-district"]) { hospitalId } sharedResources(hospitalIds: ["dh-lead"]) { name } }');
    expect(new Set(body.data.departments.map((d: any) => d.hospitalId))).toEqual(new Set(['dh-lead', 'dh-district']));
    expect(body.data.sharedResources).toEqual([]);
    expect(body.errors).toEqual([expect.objectContaining({ path: ['sharedResources'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });

  it('keeps entity answers in the original order across hospitals', async () => {
    // hospitalId and mrn of each record come from the alliance; its lab results come from the
    // hospital through _entities, so a mix-up would show as results of another chart
    const { body } = await gql('{ patient(mpiId: "MPI-000001") { records { hospitalId mrn labResults(first: 5) { hospitalId mrn } } } }', undefined, 'clinician');
    expect(body.errors).toBeUndefined();
    const records = body.data.patient.records as any[];
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(record.labResults.length).toBeGreaterThan(0);
      for (const result of record.labResults) expect(result).toEqual({ hospitalId: record.hospitalId, mrn: record.mrn });
    }
  });

  it('routes a mutation to the one hospital it names; one naming no active member is MEMBER_UNKNOWN', async () => {
    const resources = await gql('{ sharedResources(hospitalIds: ["dh-district"]) { id hospitalId availableSlots(first: 1) { start } } }', undefined, 'clinician', 'dh-district');
    const resource = (resources.body.data.sharedResources as any[]).find((r) => r.availableSlots.length > 0);
    expect(resource).toBeDefined();
    const booked = await gql(
      'mutation($input: BookResourceInput!) { bookResource(input: $input) { hospitalId resource { id } status } }',
      {
        input: {
          hospitalId: 'dh-district',
          resourceId: resource.id,
          slotStart: resource.availableSlots[0].start,
          requestingHospitalId: 'dh-district',
          idempotencyKey: `e2e-${Date.now()}`,
        },
      },
      'clinician',
      'dh-district',
    );
    expect(booked.body.errors).toBeUndefined();
    expect(booked.body.data.bookResource).toEqual({ hospitalId: 'dh-district', resource: { id: resource.id }, status: 'BOOKED' });

    const refused = await gql('mutation { cancelBooking(hospitalId: "dh-nowhere", bookingId: "x") { id } }', undefined, 'clinician', 'dh-district');
    expect(refused.body.errors?.[0].extensions).toEqual({ code: 'MEMBER_UNKNOWN', hospitalId: 'dh-nowhere' });
  });

  it('routes to a member registered at run time, refuses an incompatible one, drops a suspended one', async () => {
    const joiner: SpawnedService = await spawnCli(['hospital', '--id', 'dh-member-05', '--port', '0'], { MEDALLIANCE_DATA_DIR: stack.dataDir, DATABASE_URL: '' });
    extra.push(joiner);
    const broken: TinySubgraph = await startTinySubgraph(schemaText('hospital.graphql').replace(/\n\s*availableForDispatch: Boolean!/, ''), {});
    extra.push({ stop: () => broken.close() });

    const register = 'mutation($input: RegisterHospitalInput!) { registerHospital(input: $input) { id status } }';
    const mark = stack.gateway.output().length;
    // the alliance checks the contract first: the compatible member goes live, the other stays PENDING
    for (const [id, url, status] of [
      ['dh-member-05', joiner.url, 'ACTIVE'],
      ['dh-partner-x', broken.url, 'PENDING'],
    ]) {
      const { body } = await gql(register, { input: { id, name: `Member ${id}`, level: 'PRIMARY', region: 'test', subgraphUrl: url } }, 'admin', 'dh-lead');
      expect(body.errors).toBeUndefined();
      expect(body.data.registerHospital).toEqual({ id, status });
    }
    await waitForLog(stack.gateway, (r) => r.hospitalId === 'dh-member-05' && r.msg === 'member passed the contract check; routing to it', mark);

    const joined = await gql('{ staffDirectory(hospitalIds: ["dh-member-05"], first: 5) { hospitalId } }');
    expect(joined.body.errors).toBeUndefined();
    expect(joined.body.data.staffDirectory.length).toBeGreaterThan(0);

    const ready = await stack.readyz();
    expect(ready.members.find((m: any) => m.hospitalId === 'dh-partner-x')).toBeUndefined();
    const pending = await gql('{ hospital(id: "dh-partner-x") { status membershipHistory { reason } } }', undefined, 'admin', 'dh-lead');
    expect(pending.body.data.hospital).toEqual({ status: 'PENDING', membershipHistory: [{ reason: expect.stringContaining('Staff.availableForDispatch: Boolean! is missing.') }] });
    expect(broken.received.filter((r) => typeof r.query === 'string' && !r.query.includes('_service'))).toHaveLength(0);

    const suspendMark = stack.gateway.output().length;
    const suspended = await gql('mutation { setMembershipStatus(id: "dh-member-05", status: SUSPENDED, reason: "e2e") { id status } }', undefined, 'admin', 'dh-lead');
    expect(suspended.body.errors).toBeUndefined();
    await waitForLog(stack.gateway, (r) => r.hospitalId === 'dh-member-05' && String(r.msg).startsWith('member left the registry'), suspendMark);
    const gone = await gql('{ staffDirectory(hospitalIds: ["dh-member-05"]) { hospitalId } }');
    expect(gone.body.data.staffDirectory).toEqual([]);
    expect(gone.body.errors?.[0].extensions).toEqual({ code: 'MEMBER_UNKNOWN', hospitalId: 'dh-member-05' });
  });

  it('gives partial data when a member is killed: MEMBER_UNAVAILABLE with its id, the rest intact, no URL', async () => {
    await stack.hospitals.get('dh-chc-lakeside')!.stop();
    const { body } = await gql('{ staffDirectory(first: 500) { hospitalId name } labSummary(loinc: "718-7") { hospitalId count } }');
    expect(new Set(body.data.staffDirectory.map((s: any) => s.hospitalId))).toEqual(new Set(['dh-district', 'dh-lead']));
    expect(body.data.labSummary.map((s: any) => s.hospitalId)).toEqual(['dh-district', 'dh-lead']);
    const failed = (body.errors ?? []).map((e: any) => e.extensions);
    expect(failed).toEqual(
      expect.arrayContaining([
        { code: 'MEMBER_UNAVAILABLE', hospitalId: 'dh-chc-lakeside' },
        { code: 'MEMBER_UNAVAILABLE', hospitalId: 'dh-chc-hill' },
      ]),
    );
    expect(JSON.stringify(body)).not.toMatch(NO_LOCATION);

    // an entity fetch: the chart held by the killed member loses its hospital fields only
    const patient = await gql('{ patient(mpiId: "MPI-000001") { records { hospitalId mrn name labResults(first: 3) { loinc } } } }', undefined, 'clinician');
    const records = patient.body.data.patient.records as any[];
    expect(records.map((r) => r.hospitalId).sort()).toEqual([...RUNNING].sort());
    for (const record of records) {
      const down = record.hospitalId === 'dh-chc-lakeside';
      expect(record.name === null).toBe(down);
      // the other charts keep their results (DESIGN 8: labResults is nullable)
      if (down) expect(record.labResults).toBeNull();
      else expect(record.labResults.length).toBe(3);
    }
    const lakeside = records.findIndex((r) => r.hospitalId === 'dh-chc-lakeside');
    expect(patient.body.errors).toEqual([
      { message: expect.any(String), path: ['patient', 'records', lakeside], extensions: { code: 'MEMBER_UNAVAILABLE', hospitalId: 'dh-chc-lakeside' } },
    ]);
    expect(JSON.stringify(patient.body)).not.toMatch(NO_LOCATION);

    // the directory keeps every entry; only the members that are down lose their bed figures
    const directory = await gql('{ hospitals { id name bedSummary { total } } }');
    const beds = Object.fromEntries((directory.body.data.hospitals as any[]).map((h) => [h.id, h.bedSummary]));
    expect(Object.keys(beds)).toEqual(expect.arrayContaining(['dh-chc-hill', 'dh-chc-lakeside', 'dh-district', 'dh-lead']));
    expect(beds['dh-chc-lakeside']).toBeNull();
    expect(beds['dh-chc-hill']).toBeNull();
    expect(beds['dh-lead'].total).toBeGreaterThan(0);
    expect(beds['dh-district'].total).toBeGreaterThan(0);
  });
});
