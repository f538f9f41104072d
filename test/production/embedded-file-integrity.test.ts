import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../support/run-cli';
import { spawnCli } from '../support/spawn-cli';

/**
 * Start-up integrity (DESIGN 7): an existing embedded file that is empty, truncated,
 * damaged or not a MedAlliance database is never re-seeded or overwritten. The process
 * refuses to start (exit 1) and says what to do; the file is byte for byte what it was.
 * Only a file that does not exist is created (and seeded, never in production).
 */
const HOSPITAL = 'dh-lead';
const ONE_PATIENT = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      resource: {
        resourceType: 'Patient',
        id: 'p1',
        identifier: [{ system: 'http://his.example/mrn', value: 'X-000001' }],
        name: [{ text: 'Test' }],
        gender: 'female',
        birthDate: '1971-05-06',
      },
    },
  ],
};
const fingerprint = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('an embedded database file that is not a complete MedAlliance database', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'medalliance-integrity-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let seeded = '';
  let allianceFile = '';

  beforeAll(async () => {
    const dir = path.join(root, 'seeded');
    const seed = await runCli(['seed', '--only', HOSPITAL, '--patients', '20'], { MEDALLIANCE_DATA_DIR: dir, DATABASE_URL: '', MYSQL_URL: '' });
    expect(seed.code).toBe(0);
    seeded = path.join(dir, `${HOSPITAL}.sqlite`);
    const alliance = await runCli(['seed', '--only', 'alliance', '--patients', '20'], { MEDALLIANCE_DATA_DIR: dir, DATABASE_URL: '', MYSQL_URL: '' });
    expect(alliance.code).toBe(0);
    allianceFile = path.join(dir, 'alliance.sqlite');
  }, 120_000);

  /** A data directory whose hospital file is made by `make`. */
  function dataDirWith(name: string, make: (file: string) => void): { dir: string; file: string } {
    const dir = path.join(root, name);
    const file = path.join(dir, `${HOSPITAL}.sqlite`);
    mkdirSync(dir, { recursive: true });
    make(file);
    return { dir, file };
  }

  const cases: [string, (file: string) => void, RegExp][] = [
    ['empty (0 bytes)', (file) => writeFileSync(file, ''), /is empty \(0 bytes\)/],
    ['garbage', (file) => writeFileSync(file, Buffer.alloc(16_384, 'not a database ')), /cannot be read \(SQLITE_NOTADB\)/],
    [
      'truncated to half',
      (file) => {
        copyFileSync(seeded, file);
        truncateSync(file, Math.floor(statSync(seeded).size / 2 / 4096) * 4096);
      },
      /cannot be read|is damaged/,
    ],
    ['the alliance database under a hospital name', (file) => copyFileSync(allianceFile, file), /is not a MedAlliance hospital dh-lead database/],
    [
      "someone else's SQLite database",
      (file) => {
        const db = new Database(file);
        db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine')");
        db.close();
      },
      /is not a MedAlliance hospital dh-lead database/,
    ],
  ];

  it.each(cases)('%s: the member refuses to start and leaves the file as it was', async (name, make, reason) => {
    const { dir, file } = dataDirWith(name.replace(/\W+/g, '-'), make);
    const before = fingerprint(file);
    const result = await runCli(['hospital', '--id', HOSPITAL, '--port', '0'], { MEDALLIANCE_DATA_DIR: dir, DATABASE_URL: '', NODE_ENV: undefined });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toMatch(/Nothing was changed\. Restore the file from a backup, or move it away to start with a new database\./);
    expect(result.stdout).not.toMatch(/listening|seeded/);
    expect(fingerprint(file)).toBe(before);
    // nor do the CLI commands that open the same file
    for (const args of [
      ['import-fhir', '--hospital', HOSPITAL, path.join(dir, 'none.json')],
      ['audit', 'verify', '--hospital', HOSPITAL],
    ]) {
      if (args[0] === 'import-fhir') writeFileSync(args[3], JSON.stringify(ONE_PATIENT));
      const other = await runCli(args, { MEDALLIANCE_DATA_DIR: dir, DATABASE_URL: '' });
      expect({ args, code: other.code }).toEqual({ args, code: 1 });
      expect(other.stderr).toMatch(reason);
    }
    expect(fingerprint(file)).toBe(before);
  });

  it('a write-ahead log without its database: refuses instead of starting empty', async () => {
    const { dir, file } = dataDirWith('orphan-wal', (f) => writeFileSync(`${f}-wal`, Buffer.alloc(4096, 1)));
    const result = await runCli(['hospital', '--id', HOSPITAL, '--port', '0'], { MEDALLIANCE_DATA_DIR: dir, DATABASE_URL: '', NODE_ENV: undefined });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is missing but its write-ahead log .* is there/);
    expect(existsSync(file)).toBe(false);
  });

  it('a file that does not exist is created 0600 in a 0700 directory; in production it is not seeded', async () => {
    const dir = path.join(root, 'fresh', 'data');
    const member = await spawnCli(['hospital', '--id', HOSPITAL, '--port', '0'], {
      MEDALLIANCE_DATA_DIR: dir,
      DATABASE_URL: '',
      MEDALLIANCE_PRODUCTION: 'true',
      MEDALLIANCE_GATEWAY_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
      NODE_ENV: undefined,
    });
    await member.stop('SIGTERM');
    expect(member.output()).not.toMatch(/seeded/);
    const file = path.join(dir, `${HOSPITAL}.sqlite`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM department').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
