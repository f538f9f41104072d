import { execFile } from 'node:child_process';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { CLI, spawnCli } from '../support/spawn-cli';
import { scratchDataDir } from './support/schema-folder';
import { startPartnerHospital } from './support/partner-hospital';

/** `medalliance check-hospital --url … [more flags]` from the built CLI against partner subgraphs. */
function checkHospital(url: string, flags: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'check-hospital', '--url', url, ...flags], { env: { ...process.env, ...env } }, (error, stdout) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout });
    });
  });
}

describe('medalliance check-hospital', () => {
  it('prints OK and exits 0 for a subgraph serving the contract', async () => {
    const partner = await startPartnerHospital('p-good', { staff: [] });
    try {
      expect(await checkHospital(partner.url)).toEqual({ code: 0, stdout: 'OK: the subgraph serves the hospital contract.\n' });
    } finally {
      await partner.close();
    }
  });

  it('prints each incompatibility and exits 1', async () => {
    const partner = await startPartnerHospital('p-bad', { staff: [] }, (sdl) => sdl.replace(/\n\s*availableForDispatch: Boolean!/, '').replace(/\bTECHNICIAN\b/, ''));
    try {
      const { code, stdout } = await checkHospital(partner.url);
      expect(code).toBe(1);
      expect(stdout).toContain('INCOMPATIBLE: 2 problems');
      expect(stdout).toContain('  - Staff.availableForDispatch: Boolean! is missing.');
      expect(stdout).toContain('  - enum StaffRole lacks value TECHNICIAN.');
    } finally {
      await partner.close();
    }
  });

  it("signs its one call with the gateway's key for the member named by --id, which a real member requires", async () => {
    const dataDir = scratchDataDir();
    await loadOrCreateSigningKey(dataDir, 'gateway');
    const member = await spawnCli(['hospital', '--id', 'dh-chc-hill', '--port', '0'], { MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_SEED_PATIENTS: '10', DATABASE_URL: '' });
    try {
      expect(await checkHospital(member.url, ['--id', 'dh-chc-hill'], { MEDALLIANCE_DATA_DIR: dataDir })).toEqual({ code: 0, stdout: 'OK: the subgraph serves the hospital contract.\n' });
      // unsigned, or signed for another member: the member refuses the call
      expect((await checkHospital(member.url, [], { MEDALLIANCE_DATA_DIR: dataDir })).code).toBe(1);
      expect((await checkHospital(member.url, ['--id', 'dh-lead'], { MEDALLIANCE_DATA_DIR: dataDir })).code).toBe(1);
    } finally {
      await member.stop();
    }
  });

  it('exits 1 without a stack or address when nothing answers', async () => {
    const { code, stdout } = await checkHospital('http://127.0.0.1:1/graphql');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAILED: could not read _service/);
    expect(stdout).not.toMatch(/127\.0\.0\.1|at .*\.js/);
  });
});
