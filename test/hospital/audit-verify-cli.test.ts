import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { itMysql } from '../support/mysql';
import { spawnCli } from '../support/spawn-cli';
import { CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { errorCodesOf, queryOk, type Target } from './graphql-expect';
import { startTestHospital } from './hospital-target';
import { runCli } from './run-cli';
import { mrnsAt } from './suite-context';

const CHART = 'query Chart($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { mrn labResults(first: 2) { loinc } } } }';
const chartOf = (hospitalId: string, mrn: string) => ({ r: [{ __typename: 'PatientRecord', hospitalId, mrn }] });

/** One PHI read and one refused PHI read: two audit rows. */
async function readAndBeRefused(clinician: Target, analyst: Target, hospitalId: string, mrn: string): Promise<void> {
  expect((await queryOk(clinician, CHART, chartOf(hospitalId, mrn)))._entities[0].mrn).toBe(mrn);
  expect(await errorCodesOf(analyst, CHART, chartOf(hospitalId, mrn))).toEqual(['FORBIDDEN']);
}

describe('medalliance audit verify (built CLI)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-audit-cli-'));
  const env = { MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_SEED_PATIENTS: '20', DATABASE_URL: '' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('verifies the embedded database of a member and finds a row edited afterwards', async () => {
    const hospitalId = 'dh-chc-lakeside';
    const as = (url: string, caller = CALLERS.clinician(hospitalId)): Target => ({
      url,
      headers: (request) => gatewayHeaders(caller, { dataDir, audience: hospitalAudience(hospitalId) }, request),
    });
    const member = await spawnCli(['hospital', '--id', hospitalId, '--port', '0'], env);
    try {
      await readAndBeRefused(as(member.url), as(member.url, CALLERS.analyst()), hospitalId, mrnsAt(hospitalId, 20)[0]);
    } finally {
      await member.stop('SIGTERM');
    }
    const intact = await runCli(['audit', 'verify', '--hospital', hospitalId, '--local-only'], env);
    expect(intact).toEqual({ code: 0, output: 'audit chain OK: 2 rows\n' });

    const file = path.join(dataDir, `${hospitalId}.sqlite`);
    const db = new Database(file, { fileMustExist: true });
    db.prepare("UPDATE audit_entry SET outcome = 'OK' WHERE seq = 2").run();
    db.close();

    const broken = await runCli(['audit', 'verify', '--hospital', hospitalId, '--local-only'], env);
    expect(broken).toEqual({ code: 1, output: 'audit chain BROKEN at row 2: the row was edited after it was written\n' });
  });

  it('refuses bad usage, an unknown member and naming two trails', async () => {
    const cases: [string[], RegExp][] = [
      [['audit'], /Usage: medalliance audit verify --hospital <hospitalId>/],
      [['audit', 'verify'], /Usage: medalliance audit verify --hospital <hospitalId>/],
      [['audit', 'verify', '--hospital', 'Not An Id'], /is not a hospital id/],
      [['audit', 'verify', '--hospital', 'dh-nowhere'], /No database for "dh-nowhere"/],
      [['audit', 'verify', '--alliance', '--hospital', 'dh-lead'], /Name one audit trail/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, env);
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.output).toMatch(message);
    }
  });

  itMysql('verifies a member on MySQL/MariaDB (DATABASE_URL) and finds a row edited afterwards', async () => {
    const member = await startTestHospital('mysql', { patients: 20, hospitalId: 'dh-district' });
    try {
      await readAndBeRefused(member.as(CALLERS.clinician('dh-district')), member.as(CALLERS.analyst()), 'dh-district', mrnsAt('dh-district', 20)[0]);
      const mysqlEnv = { ...env, DATABASE_URL: member.databaseUrl };
      expect(await runCli(['audit', 'verify', '--hospital', 'dh-district', '--local-only'], mysqlEnv)).toEqual({ code: 0, output: 'audit chain OK: 2 rows\n' });
      await member.dataSource.query("UPDATE audit_entry SET patient_refs = '[]' WHERE seq = 1");
      expect(await runCli(['audit', 'verify', '--hospital', 'dh-district', '--local-only'], mysqlEnv)).toEqual({
        code: 1,
        output: 'audit chain BROKEN at row 1: the row was edited after it was written\n',
      });
    } finally {
      await member.stop();
    }
  });
});
