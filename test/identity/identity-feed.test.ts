import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEV_ISSUER_KEY_NAME, issueDevToken } from '../../common/auth/caller-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { memberKeyName, signMemberToken } from '../../common/auth/member-token';
import { nationalIdCheckCharacter } from '../../subgraphs/runtime/identity/national-id';
import { scratchDataDir } from '../gateway/support/schema-folder';
import { postGraphQL } from '../support/graphql-client';
import { runCli } from '../support/run-cli';
import { spawnCli, type SpawnedService } from '../support/spawn-cli';
import { waitForOutput } from '../support/wait-for-output';

/**
 * The patient identity feed (DESIGN 3.2) across real processes from the built CLI: a chart
 * imported with `import-fhir` at one member while the alliance is down waits in that
 * member's outbox and is linked when the alliance comes up; a chart registered through the
 * gateway at another member with the same national id joins the same person; the
 * cross-hospital patient query then shows both. Run `npm run build` first.
 */
const A = 'dh-district';
const B = 'dh-chc-lakeside';
const withCheck = (first17: string) => first17 + nationalIdCheckCharacter(first17);
const NATIONAL_ID = withCheck('42010619850312123');
const WRONG_CHECK = NATIONAL_ID.slice(0, 17) + (NATIONAL_ID[17] === '0' ? '1' : '0');
const IMPORTED_MRN = 'HIS-5001';

const PATIENT_QUERY = 'query($mpiId: ID!) { patient(mpiId: $mpiId) { mpiId records { hospitalId mrn name birthDate } } }';
const BY_CHART = 'query($h: ID!, $mrn: String!) { patientByIdentifier(hospitalId: $h, mrn: $mrn) { mpiId } }';
const REGISTER = 'mutation($input: RegisterPatientInput!) { registerPatient(input: $input) { hospitalId mrn name sex birthDate nationalId } }';
const LINK = 'mutation($input: LinkPatientRecordInput!) { linkPatientRecord(input: $input) { mpiId matchedBy } }';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function writeBundle(dir: string): string {
  const file = path.join(dir, 'bundle.json');
  const patient = {
    resourceType: 'Patient',
    id: 'p1',
    identifier: [
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI' }] }, system: 'urn:oid:2.16.156.10011.1.1', value: NATIONAL_ID },
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: 'http://his.example/mrn', value: IMPORTED_MRN },
    ],
    name: [{ text: '张伟' }],
    gender: 'male',
    birthDate: '1985-03-12',
  };
  fs.writeFileSync(file, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:p1', resource: patient }] }));
  return file;
}

describe('patient identity feed between real members, the alliance and the gateway', () => {
  const dataDir = scratchDataDir();
  const env = { MEDALLIANCE_DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '' };
  const started: SpawnedService[] = [];
  let memberA: SpawnedService;
  let memberB: SpawnedService;
  let gateway: SpawnedService;
  let alliance: SpawnedService;
  let allianceUrl: string;
  let importReport: any;

  const headers = async (role: 'clinician' | 'admin', hospitalId?: string) => {
    const key = await loadOrCreateSigningKey(dataDir, DEV_ISSUER_KEY_NAME);
    const token = await issueDevToken(key, { role, hospitalId, ttl: '1h' });
    return { authorization: `Bearer ${token}`, ...(role === 'clinician' ? { 'x-purpose-of-use': 'TREATMENT' } : {}) };
  };
  const ask = async (query: string, variables: Record<string, unknown>, role: 'clinician' | 'admin' = 'clinician', hospitalId: string | undefined = 'dh-lead') =>
    (await postGraphQL(gateway.url, query, variables, await headers(role, hospitalId))).body as { data: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  const memberEnvOf = () => ({ ...env, ALLIANCE_URL: allianceUrl, MEDALLIANCE_LINK_POLL_MS: '300', MEDALLIANCE_LINK_RETRY_MAX_MS: '400' });
  const readyz = async (member: SpawnedService) => (await fetch(member.url.replace(/\/graphql$/, '/readyz'))).json() as Promise<{ pendingPatientLinks: number }>;

  beforeAll(async () => {
    await loadOrCreateSigningKey(dataDir, 'gateway');
    const [alliancePort, portA, portB] = await Promise.all([freePort(), freePort(), freePort()]);
    allianceUrl = `http://127.0.0.1:${alliancePort}/graphql`;

    // member A onboards with import-fhir before it runs; the alliance is not up yet
    const imported = await runCli(['import-fhir', '--hospital', A, writeBundle(dataDir)], env);
    expect(imported.code).toBe(0);
    importReport = JSON.parse(imported.stdout);

    memberA = await spawnCli(['hospital', '--id', A, '--port', String(portA), '--no-seed'], memberEnvOf());
    started.push(memberA);
    memberB = await spawnCli(['hospital', '--id', B, '--port', String(portB), '--no-seed'], memberEnvOf());
    started.push(memberB);
  }, 120_000);

  afterAll(() => Promise.all(started.map((s) => s.stop())));

  it("keeps an imported chart's link in the outbox while the alliance is down, and logs counts only", async () => {
    expect(importReport.patients).toEqual({ loaded: 1, alreadyPresent: 0, linksQueued: 1, notLinkable: 0 });
    await waitForOutput(memberA, /"pendingLinks":1,"code":"ALLIANCE_UNAVAILABLE"[^\n]*patient links wait for the alliance/);
    expect(await readyz(memberA)).toMatchObject({ status: 'ready', pendingPatientLinks: 1 });
    for (const phi of [NATIONAL_ID, IMPORTED_MRN, '张伟', '1985-03-12']) expect(memberA.output()).not.toContain(phi);

    // a restart keeps the waiting link: it is never dropped, only delivered
    const port = memberA.port;
    await memberA.stop('SIGTERM');
    memberA = await spawnCli(['hospital', '--id', A, '--port', String(port), '--no-seed'], memberEnvOf());
    started.push(memberA);
    await waitForOutput(memberA, /"pendingLinks":1,"code":"ALLIANCE_UNAVAILABLE"/);
  });

  it('delivers the waiting link once the alliance is up: the chart is found through the gateway', async () => {
    alliance = await spawnCli(['alliance', '--port', String(new URL(allianceUrl).port)], {
      ...env,
      MEDALLIANCE_MEMBER_URLS: JSON.stringify({ [A]: memberA.url, [B]: memberB.url }),
    });
    started.push(alliance);
    gateway = await spawnCli(['gateway', '--port', '0'], { ...env, ALLIANCE_URL: allianceUrl, MEDALLIANCE_REGISTRY_POLL_MS: '200', MEDALLIANCE_MEMBER_TIMEOUT_MS: '2000' });
    started.push(gateway);
    await waitForOutput(memberA, /"delivered":1[^\n]*patient links delivered to the alliance/);
    expect(await readyz(memberA)).toMatchObject({ pendingPatientLinks: 0 });

    const found = await ask(BY_CHART, { h: A, mrn: IMPORTED_MRN });
    expect(found.errors).toBeUndefined();
    expect(found.data.patientByIdentifier.mpiId).toMatch(/^MPI-/);
    for (const phi of [NATIONAL_ID, '张伟']) expect(alliance.output()).not.toContain(phi);
  }, 60_000);

  it("accepts a member's own token at the alliance for linking its own charts only", async () => {
    const keyA = await loadOrCreateSigningKey(dataDir, memberKeyName(A));
    const asMember = async (key: typeof keyA, hospitalId: string, query: string, variables: Record<string, unknown> = {}) =>
      postGraphQL(allianceUrl, query, variables, { authorization: `Bearer ${await signMemberToken(key, hospitalId)}` });
    const linkAt = (hospitalId: string) => ({ input: { hospitalId, mrn: 'M-1', name: '王五', birthDate: '1970-05-05', idempotencyKey: `member-${hospitalId}` } });

    // A's key cannot speak for B (B's published keys do not verify it), nor for a hospital the registry does not know
    expect((await asMember(keyA, B, LINK, linkAt(B))).status).toBe(401);
    const stranger = await loadOrCreateSigningKey(dataDir, memberKeyName('p-stranger'));
    expect((await asMember(stranger, 'p-stranger', LINK, linkAt('p-stranger'))).status).toBe(401);
    // with its own token, A gets no PHI and may not link B's charts
    const phi = await asMember(keyA, A, BY_CHART, { h: A, mrn: IMPORTED_MRN });
    expect(phi.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const foreign = await asMember(keyA, A, LINK, linkAt(B));
    expect(foreign.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  let mpiId: string;
  let registeredMrn: string;
  const registration = { hospitalId: B, name: '张伟', birthDate: '1985-03-12', sex: 'MALE', nationalId: NATIONAL_ID, idempotencyKey: 'reg-zhang-1' };

  it('links a chart registered at another member through the gateway to the same person by national id', async () => {
    const registered = await ask(REGISTER, { input: registration }, 'clinician', B);
    expect(registered.errors).toBeUndefined();
    expect(registered.data.registerPatient).toEqual({
      hospitalId: B,
      mrn: expect.stringMatching(/^CHCLAK-R[0-9A-F]{10}$/),
      name: '张伟',
      sex: 'MALE',
      birthDate: '1985-03-12',
      nationalId: NATIONAL_ID,
    });
    registeredMrn = registered.data.registerPatient.mrn;
    await waitForOutput(memberB, /"delivered":1[^\n]*patient links delivered to the alliance/);

    const byImported = await ask(BY_CHART, { h: A, mrn: IMPORTED_MRN });
    const byRegistered = await ask(BY_CHART, { h: B, mrn: registeredMrn });
    mpiId = byImported.data.patientByIdentifier.mpiId;
    expect(byRegistered.data.patientByIdentifier).toEqual({ mpiId });

    const person = await ask(PATIENT_QUERY, { mpiId }, 'clinician', 'dh-lead');
    expect(person.errors).toBeUndefined();
    expect(person.data.patient.records).toEqual([
      { hospitalId: B, mrn: registeredMrn, name: '张伟', birthDate: '1985-03-12' },
      { hospitalId: A, mrn: IMPORTED_MRN, name: '张伟', birthDate: '1985-03-12' },
    ]);
  }, 60_000);

  it('answers a repeated registration with the first chart and links nothing twice', async () => {
    const again = await ask(REGISTER, { input: registration }, 'clinician', B);
    expect(again.errors).toBeUndefined();
    expect(again.data.registerPatient.mrn).toBe(registeredMrn);
    expect(await readyz(memberB)).toMatchObject({ pendingPatientLinks: 0 });
    const otherKey = await ask(REGISTER, { input: { ...registration, mrn: registeredMrn, idempotencyKey: 'reg-zhang-2' } }, 'clinician', B);
    expect(otherKey.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    // the same chart linked again by hand: the alliance knows it
    const relinked = await ask(
      LINK,
      { input: { hospitalId: A, mrn: IMPORTED_MRN, name: '张伟', birthDate: '1985-03-12', nationalId: NATIONAL_ID, idempotencyKey: 'manual-1' } },
      'clinician',
      A,
    );
    expect(relinked.data.linkPatientRecord).toEqual({ mpiId, matchedBy: 'ALREADY_LINKED' });
    const person = await ask(PATIENT_QUERY, { mpiId });
    expect(person.data.patient.records).toHaveLength(2);
  });

  it('refuses an invalid national id with BAD_USER_INPUT in plain words, at the member and at the alliance', async () => {
    const atMember = await ask(REGISTER, { input: { ...registration, nationalId: WRONG_CHECK, idempotencyKey: 'reg-bad-1' } }, 'clinician', B);
    const atAlliance = await ask(
      LINK,
      { input: { hospitalId: A, mrn: 'HIS-7', name: '李四', birthDate: '1990-01-01', nationalId: WRONG_CHECK, idempotencyKey: 'bad-2' } },
      'clinician',
      A,
    );
    for (const answer of [atMember, atAlliance]) {
      expect(answer.data).toBeNull();
      expect(answer.errors).toEqual([
        expect.objectContaining({ message: expect.stringContaining('check character'), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      ]);
      expect(JSON.stringify(answer)).not.toContain(WRONG_CHECK);
    }
    expect(await ask(BY_CHART, { h: A, mrn: 'HIS-7' })).toEqual({ data: { patientByIdentifier: null } });
  });

  it('refuses a clinician of another hospital, at the member and at the alliance', async () => {
    const atMember = await ask(REGISTER, { input: { ...registration, idempotencyKey: 'reg-foreign' } }, 'clinician', A);
    const atAlliance = await ask(LINK, { input: { hospitalId: B, mrn: 'X-1', name: '李四', birthDate: '1990-01-01', idempotencyKey: 'foreign-1' } }, 'clinician', A);
    for (const answer of [atMember, atAlliance]) expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await ask(BY_CHART, { h: B, mrn: 'X-1' })).toEqual({ data: { patientByIdentifier: null } });
  });

  it('merges a second entry of the person and unlinks one chart as admin, both on the audit trail', async () => {
    // a chart registered without a national id becomes a new person
    const second = await ask(
      REGISTER,
      { input: { hospitalId: A, mrn: 'HIS-5002', name: '张伟', birthDate: '1985-03-12', sex: 'MALE', idempotencyKey: 'reg-zhang-a2' } },
      'clinician',
      A,
    );
    expect(second.errors).toBeUndefined();
    await waitForOutput(memberA, /"delivered":1[^\n]*patient links delivered to the alliance[\s\S]*"delivered":1[^\n]*patient links delivered to the alliance/);
    const duplicate = (await ask(BY_CHART, { h: A, mrn: 'HIS-5002' })).data.patientByIdentifier.mpiId;
    expect(duplicate).not.toBe(mpiId);

    const unknown = await ask(LINK, { input: { hospitalId: 'dh-nowhere', mrn: 'N-1', name: '李四', birthDate: '1990-01-01', idempotencyKey: 'nowhere-1' } }, 'admin', 'dh-lead');
    expect(unknown.errors?.map((e) => [e.extensions?.code, e.extensions?.hospitalId])).toEqual([['MEMBER_UNKNOWN', 'dh-nowhere']]);

    const clinicianMerge = await ask(
      'mutation($s: ID!, $m: ID!) { mergePatients(survivorMpiId: $s, mergedMpiId: $m, reason: "same person") { mpiId } }',
      { s: mpiId, m: duplicate },
      'clinician',
      A,
    );
    expect(clinicianMerge.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const merged = await ask(
      'mutation($s: ID!, $m: ID!) { mergePatients(survivorMpiId: $s, mergedMpiId: $m, reason: "registered twice at the district hospital") { mpiId } }',
      { s: mpiId, m: duplicate },
      'admin',
      'dh-lead',
    );
    expect(merged).toEqual({ data: { mergePatients: { mpiId } } });
    const viaOldId = await ask(PATIENT_QUERY, { mpiId: duplicate });
    expect(viaOldId.data.patient.mpiId).toBe(mpiId);
    expect(viaOldId.data.patient.records.map((r: { hospitalId: string; mrn: string }) => `${r.hospitalId}/${r.mrn}`).sort()).toEqual(
      [`${A}/${IMPORTED_MRN}`, `${A}/HIS-5002`, `${B}/${registeredMrn}`].sort(),
    );

    const unlinked = await ask('mutation { unlinkPatientRecord(hospitalId: "dh-district", mrn: "HIS-5002", reason: "chart opened by mistake") { mpiId } }', {}, 'admin', 'dh-lead');
    expect(unlinked).toEqual({ data: { unlinkPatientRecord: { mpiId } } });
    expect(await ask(BY_CHART, { h: A, mrn: 'HIS-5002' })).toEqual({ data: { patientByIdentifier: null } });
    expect((await ask(PATIENT_QUERY, { mpiId })).data.patient.records).toHaveLength(2);

    const trail = await ask(
      '{ auditTrail(first: 100, filter: { action: "WRITE" }) { edges { node { operation role outcome targetId patients { mpiId } } } } }',
      {},
      'admin',
      'dh-lead',
    );
    expect(trail.errors).toBeUndefined();
    const rows = trail.data.auditTrail.edges.map((e: any) => e.node);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ operation: 'mergePatients', role: 'admin', outcome: 'OK', patients: expect.arrayContaining([{ mpiId }, { mpiId: duplicate }]) }),
        expect.objectContaining({ operation: 'mergePatients', role: 'clinician', outcome: 'DENIED' }),
        expect.objectContaining({ operation: 'unlinkPatientRecord', role: 'admin', outcome: 'OK', targetId: A, patients: [{ mpiId }] }),
        expect.objectContaining({ operation: 'linkPatientRecord', role: 'member', outcome: 'OK', targetId: A }),
        expect.objectContaining({ operation: 'linkPatientRecord', role: 'clinician', outcome: 'ERROR', targetId: A }),
        expect.objectContaining({ operation: 'linkPatientRecord', role: 'clinician', outcome: 'DENIED', targetId: B }),
      ]),
    );
    expect(JSON.stringify(trail)).not.toContain(NATIONAL_ID);
  }, 60_000);
});
