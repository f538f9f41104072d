import path from 'node:path';
import Database from 'better-sqlite3';
import { postGraphQL } from '../support/graphql-client';
import { runCli } from '../support/run-cli';
import { ALLIANCE_AUDIENCE, CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { callerHeaders, type PersonRole } from '../gateway/support/caller-headers';
import { startRealAlliance, type RealAlliance } from '../gateway/support/real-alliance';

/**
 * DESIGN 5 against the real system, every part its own process from the built CLI (run
 * `npx tsc -p tsconfig.build.json` first): callers with real dev tokens at the gateway,
 * the gateway's signed calls to the subgraphs, the members' audit chains.
 */
const RUNNING = ['dh-lead', 'dh-district', 'dh-chc-lakeside'];

/** PHI (the alliance's patient index and the members' charts) next to a directory field anyone may read. */
const PHI_QUERY =
  '{ patient(mpiId: "MPI-000001") { mpiId records { hospitalId mrn name labResults(first: 2) { loinc } } } staffDirectory(first: 2, hospitalIds: ["dh-lead", "dh-district"]) { hospitalId name } }';

describe('security of the real system through the gateway', () => {
  let stack: RealAlliance;
  beforeAll(async () => {
    stack = await startRealAlliance({ running: RUNNING, gatewayEnv: { MEDALLIANCE_RATE_LIMIT_PER_SECOND: '0' } });
  }, 120_000);
  afterAll(() => stack?.stop());

  const as = async (role: PersonRole, hospitalId?: string, purpose: string | null = 'TREATMENT') => {
    const headers = await callerHeaders(stack.dataDir, role, hospitalId);
    if (purpose === null) delete headers['x-purpose-of-use'];
    else if (role === 'clinician') headers['x-purpose-of-use'] = purpose;
    return headers;
  };

  it('gives PHI to a clinician with a purpose of use, from every hospital holding a chart', async () => {
    const { status, body } = await postGraphQL(stack.gateway.url, PHI_QUERY, undefined, await as('clinician', 'dh-lead', 'EMERGENCY'));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const records = body.data.patient.records as { hospitalId: string; mrn: string; name: string; labResults: unknown[] }[];
    expect(records.map((r) => r.hospitalId).sort()).toEqual([...RUNNING].sort());
    for (const record of records) expect(record.name).toEqual(expect.any(String));
    expect(body.data.staffDirectory).toHaveLength(2);
  });

  it.each<[string, PersonRole, string | undefined, string | null]>([
    ['a clinician without a purpose of use', 'clinician', 'dh-lead', null],
    ['an analyst', 'analyst', undefined, null],
    ['a dashboard', 'dashboard', undefined, null],
    ['an admin', 'admin', 'dh-lead', null],
  ])('refuses PHI to %s with FORBIDDEN on that path and answers the rest', async (_name, role, hospitalId, purpose) => {
    const { status, body } = await postGraphQL(stack.gateway.url, PHI_QUERY, undefined, await as(role, hospitalId, purpose));
    expect(status).toBe(200);
    expect(body.data.patient).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ path: ['patient'], extensions: { code: 'FORBIDDEN' } })]);
    expect(body.data.staffDirectory).toHaveLength(2);
    expect(JSON.stringify(body)).not.toContain('MPI-000001');
  });

  it("refuses a clinician's booking for another hospital with FORBIDDEN, and books their own", async () => {
    const clinician = await as('clinician', 'dh-lead');
    const resources = await postGraphQL(stack.gateway.url, '{ sharedResources(hospitalIds: ["dh-district"]) { id availableSlots(first: 2) { start } } }', undefined, clinician);
    const resource = (resources.body.data.sharedResources as { id: string; availableSlots: { start: string }[] }[]).find((r) => r.availableSlots.length > 1)!;
    const book = (requestingHospitalId: string, slot: number) =>
      postGraphQL(
        stack.gateway.url,
        'mutation ($input: BookResourceInput!) { bookResource(input: $input) { hospitalId status requestingHospitalId } }',
        {
          input: {
            hospitalId: 'dh-district',
            resourceId: resource.id,
            slotStart: resource.availableSlots[slot].start,
            requestingHospitalId,
            idempotencyKey: `security-${requestingHospitalId}-${Date.now()}`,
          },
        },
        clinician,
      );
    const foreign = await book('dh-district', 0);
    expect(foreign.body.data).toBeNull();
    expect(foreign.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const own = await book('dh-lead', 1);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.bookResource).toEqual({ hospitalId: 'dh-district', status: 'BOOKED', requestingHospitalId: 'dh-lead' });
  });

  describe('a direct subgraph call without the gateway token', () => {
    const calls: [string, string][] = [
      ['_service', '{ _service { sdl } }'],
      ['_entities', '{ _entities(representations: [{ __typename: "PatientRecord", hospitalId: "dh-lead", mrn: "x" }]) { ... on PatientRecord { name } } }'],
      ['a root field', '{ staffDirectory { name } }'],
    ];
    const callerToken = async () => ({ authorization: (await callerHeaders(stack.dataDir, 'clinician', 'dh-lead')).authorization });
    const otherAudience = (query: string) => gatewayHeaders(CALLERS.clinician('dh-lead'), { dataDir: stack.dataDir, audience: hospitalAudience('dh-district') }, { query });

    it.each(calls)('is 401 at a hospital subgraph for %s', async (_name, query) => {
      const url = stack.hospitals.get('dh-lead')!.url;
      for (const headers of [{}, await callerToken(), await otherAudience(query)]) {
        const { status, body } = await postGraphQL(url, query, undefined, headers);
        expect({ status, code: body.errors?.[0].extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      }
    });

    it('is 401 at the alliance subgraph, while its own gateway token is accepted', async () => {
      for (const headers of [{}, await callerToken()]) {
        const { status } = await postGraphQL(stack.alliance.url, '{ hospitals { id } }', undefined, headers);
        expect(status).toBe(401);
      }
      const signed = await gatewayHeaders(CALLERS.analyst(), { dataDir: stack.dataDir, audience: ALLIANCE_AUDIENCE }, { query: '{ hospitals { id } }' });
      expect((await postGraphQL(stack.alliance.url, '{ hospitals { id } }', undefined, signed)).status).toBe(200);
    });
  });

  it("finds an edited audit row of a PHI read made through the gateway (the member's hash chain)", async () => {
    const hospitalId = 'dh-chc-lakeside';
    const { body, headers } = await postGraphQL(stack.gateway.url, PHI_QUERY, undefined, { ...(await as('clinician', 'dh-lead')), 'x-request-id': 'req-audit-1' });
    const requestId = headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.data.patient.records.some((r: { hospitalId: string }) => r.hospitalId === hospitalId)).toBe(true);
    // every commit is on disk before the answer: the member may go on running
    const env = { MEDALLIANCE_DATA_DIR: stack.dataDir, DATABASE_URL: '' };

    // this harness starts the members before the alliance, without a witness: the chain alone is checked
    const intact = await runCli(['audit', 'verify', '--hospital', hospitalId, '--local-only'], env);
    expect(intact.stdout).toMatch(/^audit chain OK: (1 row|[2-9]\d* rows|1\d+ rows)\n$/);
    expect(intact.code).toBe(0);

    const file = path.join(stack.dataDir, `${hospitalId}.sqlite`);
    const db = new Database(file, { fileMustExist: true });
    // the member recorded the read with the gateway's own request id (never the caller's) and the caller's claims
    expect(db.prepare("SELECT seq FROM audit_entry WHERE request_id = 'req-audit-1'").raw().all()).toEqual([]);
    const rows = db.prepare('SELECT seq, role, caller_hospital_id, purpose, action, outcome FROM audit_entry WHERE request_id = ?').raw().all(requestId) as unknown[][];
    expect(rows).toEqual([[expect.any(Number), 'clinician', 'dh-lead', 'TREATMENT', 'READ', 'OK']]);
    db.prepare(`UPDATE audit_entry SET purpose = 'EMERGENCY' WHERE seq = ${Number(rows[0][0])}`).run();
    db.close();

    const broken = await runCli(['audit', 'verify', '--hospital', hospitalId, '--local-only'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout + broken.stderr).toMatch(new RegExp(`audit chain BROKEN at row ${Number(rows[0][0])}: the row was edited after it was written`));
  });
});
