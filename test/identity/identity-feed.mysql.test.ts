import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { nationalIdCheckCharacter } from '../../subgraphs/runtime/identity/national-id';
import { scratchDataDir } from '../gateway/support/schema-folder';
import { postGraphQL } from '../support/graphql-client';
import { createScratchDatabase, describeMysql } from '../support/mysql';
import { runCli } from '../support/run-cli';
import { spawnCli, type SpawnedService } from '../support/spawn-cli';
import { ALLIANCE_AUDIENCE, CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { waitForOutput } from '../support/wait-for-output';

/**
 * The identity feed on MySQL/MariaDB, where `import-fhir` may write while the member runs:
 * the running member finds the queued link in its outbox and delivers it, and a chart
 * registered at the member (same national id) joins the same person in the alliance's
 * index, also on MySQL. Real processes from the built CLI, scratch databases.
 */
const H = 'dh-district';
const first17 = '44030419770611004';
const NATIONAL_ID = first17 + nationalIdCheckCharacter(first17);

describeMysql('identity feed on MySQL/MariaDB', () => {
  const dataDir = scratchDataDir();
  const started: SpawnedService[] = [];
  const drops: (() => Promise<void>)[] = [];
  let member: SpawnedService | undefined;
  let alliance: SpawnedService | undefined;
  let memberDatabase = '';

  beforeAll(async () => {
    const allianceDb = await createScratchDatabase('medalliance_idfeed_alliance');
    const memberDb = await createScratchDatabase('medalliance_idfeed_member');
    drops.push(allianceDb.drop, memberDb.drop);
    memberDatabase = memberDb.url;
    const env = { MEDALLIANCE_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    await gatewayHeaders(CALLERS.analyst(), { dataDir, audience: ALLIANCE_AUDIENCE }, { query: '{ __typename }' }); // creates the gateway key first
    // the member's port is known only once it listens: the alliance's registry is given it afterwards
    member = await spawnCli(['hospital', '--id', H, '--port', '0', '--no-seed'], { ...env, DATABASE_URL: memberDb.url, ALLIANCE_URL: '' });
    started.push(member);
    alliance = await spawnCli(['alliance', '--port', '0'], { ...env, DATABASE_URL: allianceDb.url, MEDALLIANCE_MEMBER_URLS: JSON.stringify({ [H]: member.url }) });
    started.push(alliance);
    // restart the member pointing at the alliance, on the same port (its registered URL)
    const port = member.port;
    await member.stop('SIGTERM');
    member = await spawnCli(['hospital', '--id', H, '--port', String(port), '--no-seed'], {
      ...env,
      DATABASE_URL: memberDb.url,
      ALLIANCE_URL: alliance.url,
      MEDALLIANCE_LINK_POLL_MS: '200',
      MEDALLIANCE_LINK_RETRY_MAX_MS: '300',
    });
    started.push(member);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
    for (const drop of drops) await drop();
  });

  const byChart = async (mrn: string) => {
    const query = 'query($h: ID!, $m: String!) { patientByIdentifier(hospitalId: $h, mrn: $m) { mpiId } }';
    const variables = { h: H, m: mrn };
    const { body } = await postGraphQL(
      alliance!.url,
      query,
      variables,
      await gatewayHeaders(CALLERS.clinician('dh-lead'), { dataDir, audience: ALLIANCE_AUDIENCE }, { query, variables }),
    );
    return body.data?.patientByIdentifier as { mpiId: string } | null;
  };

  it('delivers a chart imported while the member runs, and links a registered chart of the same person to it', async () => {
    const bundle = path.join(dataDir, 'bundle.json');
    const patient = {
      resourceType: 'Patient',
      id: 'p1',
      identifier: [
        { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI' }] }, value: NATIONAL_ID },
        { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: 'MY-1' },
      ],
      name: [{ text: '陈静' }],
      gender: 'female',
      birthDate: '1977-06-11',
    };
    fs.writeFileSync(bundle, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient }] }));
    const imported = await runCli(['import-fhir', '--hospital', H, bundle], { MEDALLIANCE_DATA_DIR: dataDir, DATABASE_URL: memberDatabase });
    expect(JSON.parse(imported.stdout).patients).toMatchObject({ loaded: 1, linksQueued: 1 });
    await waitForOutput(member!, /"delivered":1[^\n]*patient links delivered to the alliance/);
    const person = await byChart('MY-1');
    expect(person?.mpiId).toMatch(/^MPI-/);

    const register = 'mutation($input: RegisterPatientInput!) { registerPatient(input: $input) { mrn } }';
    const registerVariables = {
      input: { hospitalId: H, mrn: 'MY-2', name: '陈静', birthDate: '1977-06-11', sex: 'FEMALE', nationalId: NATIONAL_ID, idempotencyKey: 'mysql-reg-1' },
    };
    const registered = await postGraphQL(
      member!.url,
      register,
      registerVariables,
      await gatewayHeaders(CALLERS.clinician(H), { dataDir, audience: hospitalAudience(H) }, { query: register, variables: registerVariables }),
    );
    expect(registered.body).toEqual({ data: { registerPatient: { mrn: 'MY-2' } } });
    // the write's audit row committed with the chart: one row, not a second one for the request
    const db = await mysql.createConnection({ uri: memberDatabase });
    const [rows] = await db.query("SELECT role, caller_hospital_id, purpose, action, outcome FROM audit_entry WHERE patient_refs LIKE '%MY-2%'");
    await db.end();
    expect(rows).toEqual([{ role: 'clinician', caller_hospital_id: H, purpose: 'TREATMENT', action: 'WRITE', outcome: 'OK' }]);
    await waitForOutput(member!, /"delivered":1[^\n]*patient links delivered to the alliance[\s\S]*"delivered":1[^\n]*patient links delivered to the alliance/);
    expect(await byChart('MY-2')).toEqual(person);
  }, 60_000);

  it('answers retries of one registration arriving at the same moment with the one chart', async () => {
    const input = { hospitalId: H, name: '周敏', birthDate: '1990-02-02', sex: 'FEMALE', idempotencyKey: 'mysql-race-1' };
    const query = 'mutation($input: RegisterPatientInput!) { registerPatient(input: $input) { mrn } }';
    // a token per call: a member accepts each gateway token once
    const answers = await Promise.all(
      Array.from({ length: 4 }, async () =>
        postGraphQL(member!.url, query, { input }, await gatewayHeaders(CALLERS.clinician(H), { dataDir, audience: hospitalAudience(H) }, { query, variables: { input } })),
      ),
    );
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();
    expect(new Set(answers.map((a) => a.body.data.registerPatient.mrn)).size).toBe(1);
  });
});
