import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createLogger } from '../../common/log';
import { startAllianceSubgraph } from '../../subgraphs/alliance/start-alliance';
import { postGraphQL } from '../support/graphql-client';
import { createScratchDatabase, itMysql } from '../support/mysql';
import { spawnCli } from '../support/spawn-cli';
import { ALLIANCE_AUDIENCE, CALLERS, gatewayHeaders } from '../support/tokens';
import { runCli } from '../hospital/run-cli';
import type { Caller } from '../../common/auth/caller';

const PATIENT = '{ patient(mpiId: "MPI-000001") { mpiId } }';
const SCHEDULE = 'mutation ($input: ScheduleDispatchInput!) { scheduleExpertDispatch(input: $input) { id } }';
const start = new Date(Date.now() + 86_400_000);
const DISPATCH = {
  expertHospitalId: 'dh-lead',
  expertId: 'stf-0001',
  toHospitalId: 'dh-district',
  purpose: 'CLINIC',
  start: start.toISOString(),
  end: new Date(start.getTime() + 3_600_000).toISOString(),
  idempotencyKey: 'cli-audit-1',
};

/** A PHI read, a refused PHI read and a write: three chained rows. */
async function readRefuseWrite(url: string, dataDir: string): Promise<void> {
  const as = async (caller: Caller, query: string, variables: Record<string, unknown> = {}) =>
    (await postGraphQL(url, query, variables, await gatewayHeaders(caller, { dataDir, audience: ALLIANCE_AUDIENCE }, { query, variables }))).body;
  expect((await as(CALLERS.clinician('dh-lead'), PATIENT)).data.patient).toEqual({ mpiId: 'MPI-000001' });
  expect((await as(CALLERS.analyst(), PATIENT)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await as(CALLERS.clinician('dh-lead'), SCHEDULE, { input: DISPATCH })).data.scheduleExpertDispatch.id).toMatch(/^dsp-/);
}

describe('medalliance audit verify --alliance (built CLI)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-alliance-audit-'));
  const env = { MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_SEED_PATIENTS: '20', DATABASE_URL: '' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('verifies the embedded alliance database and finds a row edited afterwards', async () => {
    const alliance = await spawnCli(['alliance', '--port', '0'], env);
    try {
      await readRefuseWrite(alliance.url, dataDir);
    } finally {
      await alliance.stop('SIGTERM');
    }
    expect(await runCli(['audit', 'verify', '--alliance', '--local-only'], env)).toEqual({ code: 0, output: 'audit chain OK: 3 rows\n' });

    const file = path.join(dataDir, 'alliance.sqlite');
    const db = new Database(file, { fileMustExist: true });
    db.prepare("UPDATE audit_entry SET operation_name = 'scheduleExpertDispatch' WHERE seq = 3").run();
    db.close();
    expect(await runCli(['audit', 'verify', '--alliance', '--local-only'], env)).toEqual({
      code: 1,
      output: 'audit chain BROKEN at row 3: the row was edited after it was written\n',
    });
  });

  it('refuses naming both trails, and an alliance without a database', async () => {
    const both = await runCli(['audit', 'verify', '--alliance', '--hospital', 'dh-lead'], env);
    expect(both.code).toBe(1);
    expect(both.output).toMatch(/Name one audit trail/);
    const empty = mkdtempSync(path.join(tmpdir(), 'medalliance-alliance-none-'));
    try {
      const missing = await runCli(['audit', 'verify', '--alliance'], { ...env, MEDALLIANCE_DATA_DIR: empty });
      expect(missing.code).toBe(1);
      expect(missing.output).toMatch(/No database for "alliance"/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  itMysql('verifies the alliance on MySQL/MariaDB (DATABASE_URL) and finds a row edited afterwards', async () => {
    const scratch = await createScratchDatabase('alliance_audit_cli');
    const running = await startAllianceSubgraph({
      port: 0,
      dataDir,
      databaseUrl: scratch.url,
      seedIfEmpty: { hospitalCount: 4, patients: 20, anchor: new Date() },
      logger: createLogger('alliance-audit-cli', 'silent'),
    });
    try {
      await readRefuseWrite(running.url, dataDir);
      const mysqlEnv = { ...env, DATABASE_URL: scratch.url };
      expect(await runCli(['audit', 'verify', '--alliance', '--local-only'], mysqlEnv)).toEqual({ code: 0, output: 'audit chain OK: 3 rows\n' });
      await running.dataSource.query("UPDATE audit_entry SET patient_refs = '[]' WHERE seq = 1");
      expect(await runCli(['audit', 'verify', '--alliance', '--local-only'], mysqlEnv)).toEqual({
        code: 1,
        output: 'audit chain BROKEN at row 1: the row was edited after it was written\n',
      });
    } finally {
      await running.close();
      await scratch.drop();
    }
  });
});
