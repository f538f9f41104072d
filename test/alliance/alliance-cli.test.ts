import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postGraphQL } from '../support/graphql-client';
import { CLI, spawnCli, type SpawnedService } from '../support/spawn-cli';
import { ALLIANCE_AUDIENCE, CALLERS, gatewayHeaders } from '../support/tokens';

/** The built `medalliance alliance` command: seeds itself, applies member URL overrides, stops cleanly. */
describe('medalliance alliance', () => {
  let dataDir: string;
  let service: SpawnedService | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'alliance-cli-'));
  });
  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds an empty database on first start and serves the registry with member URL overrides', async () => {
    service = await spawnCli(['alliance', '--port', '0'], {
      MEDALLIANCE_DATA_DIR: dataDir,
      MEDALLIANCE_SEED_PATIENTS: '40',
      MEDALLIANCE_MEMBER_URLS: JSON.stringify({ 'dh-district': 'http://127.0.0.1:5102/graphql' }),
    });
    expect(service.output()).toMatch(/alliance database seeded/);
    const query = '{ hospitals(status: ACTIVE) { id subgraphUrl } }';
    const headers = await gatewayHeaders(CALLERS.service(), { dataDir, audience: ALLIANCE_AUDIENCE }, { query });
    const { body } = await postGraphQL(service.url, query, {}, headers);
    expect(body.data.hospitals).toContainEqual({ id: 'dh-district', subgraphUrl: 'http://127.0.0.1:5102/graphql' });
    expect(body.data.hospitals).toContainEqual({ id: 'dh-lead', subgraphUrl: 'http://127.0.0.1:4101/graphql' });
  });

  it('stops cleanly on SIGTERM and does not seed twice', async () => {
    const exited = new Promise<number | null>((resolve) => service!.child.once('exit', (code) => resolve(code)));
    await service!.stop('SIGTERM');
    expect(await exited).toBe(0);
    service = await spawnCli(['alliance', '--port', '0'], { MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_SEED_PATIENTS: '40' });
    expect(service.output()).not.toMatch(/alliance database seeded/);
    await service.stop('SIGINT');
    service = undefined;
  });

  it('refuses malformed member URLs and flags before listening', () => {
    const bad = spawnSync(process.execPath, [CLI, 'alliance', '--port', '0'], {
      env: { ...process.env, MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_MEMBER_URLS: '{"dh-district":"ftp://x"}' },
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/MEDALLIANCE_MEMBER_URLS must use http or https/);
    const flag = spawnSync(process.execPath, [CLI, 'alliance', '--port', 'abc'], { env: { ...process.env, MEDALLIANCE_DATA_DIR: dataDir }, encoding: 'utf8' });
    expect(flag.status).toBe(1);
    expect(flag.stderr).toMatch(/--port must be a port number/);
  });
});
