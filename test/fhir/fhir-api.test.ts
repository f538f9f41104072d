import fs from 'node:fs';
import path from 'node:path';
import { startRealAlliance, type RealAlliance } from '../gateway/support/real-alliance';
import { postGraphQL } from '../support/graphql-client';
import { bundleProblems, operationOutcomeProblems, patientProblems } from './support/r4-shape';

/**
 * The FHIR R4 read API on the real stack (alliance, members, gateway as processes):
 * answers match the GraphQL answer they stand for, validate as R4, and errors are
 * OperationOutcomes with their HTTP status.
 */
let stack: RealAlliance;
let clinician: Record<string, string>;
let revived: { stop(): Promise<void> } | undefined;

beforeAll(async () => {
  stack = await startRealAlliance({ running: ['dh-lead', 'dh-district', 'dh-chc-lakeside'] });
  clinician = await stack.headers('clinician', 'dh-lead');
}, 120_000);

afterAll(async () => {
  await revived?.stop();
  await stack?.stop();
});

async function fhir(pathAndQuery: string, headers: Record<string, string> = clinician) {
  const response = await fetch(`${stack.base}/fhir/r4/${pathAndQuery}`, { headers });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as any };
}

const RESULTS = `query ($mpiId: ID!, $loinc: [String!]) { patient(mpiId: $mpiId) { records { hospitalId labResults(loinc: $loinc, first: 100) { hospitalId id loinc valueQuantity unit status collectedAt } } } }`;

describe('FHIR R4 read API', () => {
  it("Observation?patient= is a valid searchset of every chart's results, as GraphQL has them", async () => {
    const { status, type, body } = await fhir('Observation?patient=MPI-000001&_count=100');
    expect(status).toBe(200);
    expect(type).toContain('application/fhir+json');
    expect(bundleProblems(body)).toEqual([]);

    const graphql = (await postGraphQL(stack.gateway.url, RESULTS, { mpiId: 'MPI-000001' }, clinician)).body;
    expect(graphql.errors).toBeUndefined();
    const results = graphql.data.patient.records.flatMap((r: any) => r.labResults);
    expect(new Set(results.map((r: any) => r.hospitalId)).size).toBeGreaterThanOrEqual(2);
    expect(body.total).toBe(results.length);
    const byId = new Map(body.entry.map((e: any) => [e.resource.id, e.resource]));
    for (const r of results) {
      const o: any = byId.get(`MPI-000001.${r.hospitalId}.${r.loinc}.${r.id}`);
      expect(o.code.coding[0]).toMatchObject({ system: 'http://loinc.org', code: r.loinc });
      expect(o.status).toBe(r.status.toLowerCase());
      expect(o.effectiveDateTime).toBe(r.collectedAt);
      if (r.valueQuantity !== null) expect(o.valueQuantity).toEqual({ value: r.valueQuantity, unit: r.unit, system: 'http://unitsofmeasure.org', code: r.unit });
      expect(o.contained[0]).toMatchObject({ resourceType: 'Organization', id: r.hospitalId });
      expect(o.subject.reference).toBe('Patient/MPI-000001');
    }
  });

  it('code= narrows to one LOINC code', async () => {
    const { status, body } = await fhir('Observation?patient=MPI-000001&code=http://loinc.org|2823-3');
    expect(status).toBe(200);
    expect(bundleProblems(body)).toEqual([]);
    expect(body.entry.length).toBeGreaterThan(0);
    expect(new Set(body.entry.map((e: any) => e.resource.code.coding[0].code))).toEqual(new Set(['2823-3']));
  });

  it('Patient/<mpiId> names every chart', async () => {
    const { status, body } = await fhir('Patient/MPI-000001');
    expect(status).toBe(200);
    expect(patientProblems(body)).toEqual([]);
    expect(body.id).toBe('MPI-000001');
    expect(body.identifier.map((i: any) => i.system)).toEqual(
      expect.arrayContaining(['urn:medalliance:mpi', 'urn:medalliance:hospital:dh-lead:mrn', 'urn:medalliance:hospital:dh-district:mrn']),
    );
  });

  it.each([
    ['no token', 401, 'login', 'Observation?patient=MPI-000001', async () => ({})],
    ['a bad token', 401, 'login', 'Patient/MPI-000001', async () => ({ authorization: 'Bearer nope' })],
    ['a dashboard token (no PHI)', 403, 'forbidden', 'Observation?patient=MPI-000001', () => stack.headers('dashboard')],
    ['a clinician without a purpose of use', 403, 'forbidden', 'Patient/MPI-000001', async () => ({ authorization: clinician.authorization })],
    ['an unknown person', 404, 'not-found', 'Patient/MPI-999999', async () => clinician],
    ['no patient parameter', 400, 'required', 'Observation?code=2823-3', async () => clinician],
    ['a code that is not LOINC', 400, 'code-invalid', 'Observation?patient=MPI-000001&code=potassium', async () => clinician],
    ['a bad purpose of use', 400, 'invalid', 'Patient/MPI-000001', async () => ({ ...clinician, 'x-purpose-of-use': 'CURIOSITY' })],
    ['an unsupported resource', 404, 'not-supported', 'Encounter?patient=MPI-000001', async () => clinician],
  ])('%s → %i OperationOutcome (%s)', async (_name, status, code, url, headers) => {
    const answer = await fhir(url, await headers());
    expect(answer.status).toBe(status);
    expect(answer.type).toContain('application/fhir+json');
    expect(operationOutcomeProblems(answer.body)).toEqual([]);
    expect(answer.body.issue[0].code).toBe(code);
    expect(JSON.stringify(answer.body)).not.toMatch(/127\.0\.0\.1|localhost|https?:\/\//);
  });
});

describe('round trip: export, import into an empty hospital database, read again', () => {
  const HOSPITAL = 'dh-chc-lakeside';
  const ofHospital = (bundle: any) =>
    bundle.entry.filter((e: any) => e.resource.resourceType === 'Observation' && e.resource.contained[0].id === HOSPITAL).map((e: any) => e.resource);

  /** Polls the gateway's /readyz (bounded) until the member's health probe says it is up. */
  async function memberUp(hospitalId: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ready = (await (await fetch(`${stack.base}/readyz`)).json()) as { members: { hospitalId: string; health?: string }[] };
      if (ready.members.find((m) => m.hospitalId === hospitalId)?.health === 'up') return;
      if (Date.now() > deadline) throw new Error(`${hospitalId} not up within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('gives the same Observations through the gateway', async () => {
    const before = ofHospital((await fhir('Observation?patient=MPI-000001&_count=100')).body);
    const patient = (await fhir('Patient/MPI-000001')).body;
    expect(before.length).toBeGreaterThan(0);
    const bundleFile = path.join(stack.dataDir, 'lakeside-export.json');
    fs.writeFileSync(bundleFile, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient }, ...before.map((resource: any) => ({ resource }))] }));

    // the member's old database goes; the same member comes back empty
    const old = stack.hospitals.get(HOSPITAL)!;
    await old.stop();
    fs.rmSync(path.join(stack.dataDir, `${HOSPITAL}.sqlite`));
    const down = (await fhir('Observation?patient=MPI-000001&_count=100')).body;
    expect(bundleProblems(down)).toEqual([]);
    const outcome = down.entry.find((e: any) => e.search.mode === 'outcome').resource;
    expect(outcome.issue.map((i: any) => i.details?.text)).toContain(HOSPITAL);

    const env = { MEDALLIANCE_DATA_DIR: stack.dataDir, DATABASE_URL: '' };
    const first = await runImport(bundleFile, env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      hospitalId: HOSPITAL,
      patients: { loaded: 1, alreadyPresent: 0, linksQueued: 1, notLinkable: 0 },
      observations: { loaded: before.length, alreadyPresent: 0 },
      rejected: [],
    });
    const again = await runImport(bundleFile, env);
    expect(JSON.parse(again.stdout)).toMatchObject({ patients: { loaded: 0, alreadyPresent: 1 }, observations: { loaded: 0, alreadyPresent: before.length } });

    revived = await spawnHospital(HOSPITAL, old.port, env);
    // the gateway routes to it again once its health probe sees it up (a few seconds apart)
    await memberUp(HOSPITAL);
    const after = (await fhir('Observation?patient=MPI-000001&_count=100')).body;
    expect(bundleProblems(after)).toEqual([]);
    expect(after.entry.filter((e: any) => e.search.mode === 'outcome')).toEqual([]);
    expect(ofHospital(after)).toEqual(before);
    const patientAfter = (await fhir('Patient/MPI-000001')).body;
    expect(patientAfter).toEqual(patient);
  });
});

async function runImport(file: string, env: NodeJS.ProcessEnv) {
  const { runCli } = await import('../support/run-cli');
  return runCli(['import-fhir', '--hospital', 'dh-chc-lakeside', file], env);
}

async function spawnHospital(id: string, port: number, env: NodeJS.ProcessEnv) {
  const { spawnCli } = await import('../support/spawn-cli');
  const service = await spawnCli(['hospital', '--id', id, '--port', String(port), '--no-seed'], env);
  // serving is not the same as its database being open: wait for the member's own readiness
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return service;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
