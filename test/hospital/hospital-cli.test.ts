import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postGraphQL } from '../support/graphql-client';
import { spawnCli } from '../support/spawn-cli';
import { CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { queryOk, type Target } from './graphql-expect';
import { runCli } from './run-cli';

describe('medalliance hospital (built CLI)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-hospital-cli-'));
  const env = { MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_SEED_PATIENTS: '20', DATABASE_URL: '' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  /** The spawned member trusts the dev gateway key under its MEDALLIANCE_DATA_DIR. */
  const asDashboard = (url: string): Target => ({
    url,
    headers: (request) => gatewayHeaders(CALLERS.dashboard(), { dataDir, audience: hospitalAudience('dh-chc-hill') }, request),
  });

  it('seeds itself on first start, serves, stops cleanly on SIGTERM, and keeps its data', async () => {
    const first = await spawnCli(['hospital', '--id', 'dh-chc-hill', '--port', '0'], env);
    try {
      const direct = await postGraphQL(first.url, '{ departments { id } }');
      expect({ status: direct.status, code: direct.body.errors?.[0]?.extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      const data = await queryOk(asDashboard(first.url), '{ departments { hospitalId specialty } sharedResources { kind } }');
      expect(data.departments.length).toBeGreaterThan(3);
      expect(data.departments.every((d: any) => d.hospitalId === 'dh-chc-hill')).toBe(true);
      expect(data.sharedResources.every((r: any) => ['ULTRASOUND', 'WARD_BED'].includes(r.kind))).toBe(true);
      expect(first.output()).toMatch(/seeded new hospital database/);
    } finally {
      await first.stop('SIGTERM');
    }
    expect(first.child.exitCode).toBe(0);

    const second = await spawnCli(['hospital', '--id', 'dh-chc-hill', '--port', '0'], env);
    try {
      expect(second.output()).not.toMatch(/seeded/);
      expect((await queryOk(asDashboard(second.url), '{ staffDirectory(first: 1) { id } }')).staffDirectory).toHaveLength(1);
    } finally {
      await second.stop('SIGINT');
    }
    expect(second.child.exitCode).toBe(0);
  });

  it('refuses an id outside the roster without --port, and a bad --port', async () => {
    const unknown = await runCli(['hospital', '--id', 'st-elsewhere'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toMatch(/Unknown hospital "st-elsewhere".*--port/);
    const badPort = await runCli(['hospital', '--id', 'dh-lead', '--port', 'eighty'], env);
    expect(badPort.code).toBe(1);
    expect(badPort.output).toMatch(/--port must be a port number/);
    const noId = await runCli(['hospital'], { ...env, HOSPITAL_ID: '' });
    expect(noId.code).toBe(1);
    expect(noId.output).toMatch(/--id <hospitalId>/);
  });

  it('print-schema hospital writes the checked-in contract', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'medalliance-schema-'));
    try {
      const result = await runCli(['print-schema', 'hospital', '--out', out]);
      expect(result.code).toBe(0);
      const checkedIn = readFileSync(path.resolve(__dirname, '../../schema/hospital.graphql'), 'utf8');
      expect(readFileSync(path.join(out, 'hospital.graphql'), 'utf8')).toBe(checkedIn);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
