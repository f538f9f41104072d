import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readContractFacts } from '../../common/contract/contract-facts';
import { postGraphQL } from '../support/graphql-client';
import { CLI, spawnCli } from '../support/spawn-cli';
import { startPartnerHospital } from './support/partner-hospital';
import { schemaText } from './support/schema-folder';

/** `medalliance check-hospital …` from the built CLI. */
function checkHospital(...args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'check-hospital', ...args], (error, stdout) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout });
    });
  });
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'medalliance-check-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
function scratchFile(name: string, text: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return file;
}

const CONTRACT = schemaText('hospital.graphql');
const CURRENT = readContractFacts(CONTRACT).version;
/** The next minor version, whatever the checked-in contract's version is. */
const NEXT = CURRENT.replace(/\d+$/, (n) => String(Number(n) + 1));
/** A copy of the contract one version ahead: a later field the code does not serve yet. */
const CONTRACT_AHEAD = scratchFile(
  'contract-ahead.graphql',
  CONTRACT.replace(/(type Staff\s+@key\(fields: "hospitalId id"\)[^{]*\{)/, `$1\n  pagerNumber: String @since(version: "${NEXT}")\n`),
);
const OK = new RegExp(`^OK: the subgraph serves the hospital contract ${CURRENT.replace('.', '\\.')}\\.\\n$`);

describe('medalliance check-hospital against a running member (built CLI, no token)', () => {
  it.each([
    ['demo', {}],
    ['production', { MEDALLIANCE_PRODUCTION: 'true', MEDALLIANCE_GATEWAY_JWKS_URL: 'https://127.0.0.1:1/.well-known/jwks.json' }],
  ])('%s mode: reads the public contract, while /graphql still refuses _service and _entities without a token', async (_mode, extraEnv) => {
    const dataDir = fs.mkdtempSync(path.join(scratch, 'member-'));
    const member = await spawnCli(['hospital', '--id', 'dh-chc-hill', '--port', '0'], {
      MEDALLIANCE_DATA_DIR: dataDir,
      MEDALLIANCE_SEED_PATIENTS: '5',
      DATABASE_URL: '',
      ...extraEnv,
    });
    try {
      expect(await checkHospital('--url', member.url)).toEqual({ code: 0, stdout: expect.stringMatching(OK) });
      // the same member against a contract one version ahead: served at the older version, exit 2
      const ahead = await checkHospital('--url', member.url, '--contract', CONTRACT_AHEAD);
      expect(ahead.code).toBe(2);
      expect(ahead.stdout).toContain(`OLDER VERSION: the subgraph serves the hospital contract ${CURRENT}, not ${NEXT};`);
      expect(ahead.stdout).toContain(`  - Staff.pagerNumber: String is missing. (contract ${NEXT})`);
      for (const query of ['{ _service { sdl } }', '{ _entities(representations: [{ __typename: "Staff", hospitalId: "dh-chc-hill", id: "1" }]) { __typename } }']) {
        const refused = await postGraphQL(member.url, query);
        expect({ status: refused.status, code: refused.body.errors?.[0]?.extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      }
    } finally {
      await member.stop('SIGTERM');
    }
  });
});

describe('medalliance check-hospital --schema (offline)', () => {
  it('exits 0 for the contract itself, listing additions apart', async () => {
    expect(await checkHospital('--schema', scratchFile('same.graphql', CONTRACT))).toEqual({ code: 0, stdout: expect.stringMatching(OK) });
    const extended = CONTRACT.replace(/(type Staff\s+@key\(fields: "hospitalId id"\)[^{]*\{)/, '$1\n  nickname: String\n');
    const { code, stdout } = await checkHospital('--schema', scratchFile('extended.graphql', extended));
    expect(code).toBe(0);
    expect(stdout).toContain('Additions beyond the contract (the gateway ignores them):\n  - Staff.nickname\n');
  });

  it('exits 1 on a breaking schema, with each difference', async () => {
    const broken = CONTRACT.replace(/\n\s*availableForDispatch: Boolean!/, '').replace(/\bTECHNICIAN\b/, '');
    const { code, stdout } = await checkHospital('--schema', scratchFile('broken.graphql', broken));
    expect(code).toBe(1);
    expect(stdout).toContain(`INCOMPATIBLE: 2 problems with the hospital contract ${CURRENT}; the gateway refuses this subgraph:`);
    expect(stdout).toContain('  - Staff.availableForDispatch: Boolean! is missing.');
    expect(stdout).toContain('  - enum StaffRole lacks value TECHNICIAN.');
  });

  it('exits 2 on a schema of an older version: the later fields are listed apart from breaking ones', async () => {
    const { code, stdout } = await checkHospital('--schema', scratchFile('older.graphql', CONTRACT), '--contract', CONTRACT_AHEAD);
    expect(code).toBe(2);
    expect(stdout).not.toContain('INCOMPATIBLE');
    expect(stdout).toContain(`Fields of later contract versions it lacks:\n  - Staff.pagerNumber: String is missing. (contract ${NEXT})\n`);
  });

  it('exits 1 with a usage line for a file it cannot read, or for both --url and --schema', async () => {
    expect((await checkHospital('--schema', path.join(scratch, 'nowhere.graphql'))).code).toBe(1);
    expect((await checkHospital('--schema', 'x', '--url', 'http://127.0.0.1:1/graphql')).code).toBe(1);
  });
});

describe('medalliance check-hospital against partner implementations', () => {
  it('reads _service { sdl } where there is no /contract, and prints each incompatibility with exit 1', async () => {
    const good = await startPartnerHospital('p-good', { staff: [] });
    const bad = await startPartnerHospital('p-bad', { staff: [] }, (sdl) => sdl.replace(/\n\s*availableForDispatch: Boolean!/, '').replace(/\bTECHNICIAN\b/, ''));
    try {
      expect(await checkHospital('--url', good.url)).toEqual({ code: 0, stdout: expect.stringMatching(OK) });
      const { code, stdout } = await checkHospital('--url', bad.url);
      expect(code).toBe(1);
      expect(stdout).toContain('INCOMPATIBLE: 2 problems');
      expect(stdout).toContain('  - Staff.availableForDispatch: Boolean! is missing.');
    } finally {
      await Promise.all([good.close(), bad.close()]);
    }
  });

  it('exits 1 without a stack or address when nothing answers', async () => {
    const { code, stdout } = await checkHospital('--url', 'http://127.0.0.1:1/graphql');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAILED: could not read the subgraph's schema/);
    expect(stdout).not.toMatch(/127\.0\.0\.1|at .*\.js/);
  });
});
