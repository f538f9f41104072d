import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPair, SignJWT } from 'jose';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { auditKeyName, WITNESS_AUDIENCE } from '../../subgraphs/runtime/audit-witness/head-token';
import { editEmbeddedChain, freePort, rehashFrom, waitForWitnessedHead, witnessedRowCounts } from '../support/audit-witness';
import { spawnCli, type SpawnedService } from '../support/spawn-cli';
import { CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { queryOk, type Target } from './graphql-expect';
import { runCli } from './run-cli';
import mysql from 'mysql2/promise';
import { createScratchDatabase, itMysql } from '../support/mysql';
import { mrnsAt } from './suite-context';

const HOSPITAL = 'dh-chc-lakeside';
const SUBGRAPH = `hospital:${HOSPITAL}`;
const CHART = 'query Chart($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { mrn } } }';

/**
 * DESIGN 5, witnessed chain heads, with real processes: a member (built CLI, embedded
 * database) signs its audit chain head and the alliance witnesses it; `audit verify`
 * compares the member's chain with what the alliance holds.
 */
describe('witnessed audit chain heads of a member (built CLI)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-witness-'));
  const file = path.join(dataDir, `${HOSPITAL}.sqlite`);
  const pristine = `${file}.pristine`;
  const env = {
    MEDALLIANCE_DATA_DIR: dataDir,
    MEDALLIANCE_SEED_PATIENTS: '20',
    DATABASE_URL: '',
  };
  let alliance: SpawnedService | undefined;
  let allianceUrl = '';
  let member: SpawnedService | undefined;

  const startMember = (intervalMs: number) =>
    spawnCli(['hospital', '--id', HOSPITAL, '--port', '0'], {
      ...env,
      ALLIANCE_URL: allianceUrl,
      MEDALLIANCE_AUDIT_HEAD_INTERVAL_MS: String(intervalMs),
    });
  const readChart = async (url: string, hospitalId = HOSPITAL) => {
    const target: Target = { url, headers: (request) => gatewayHeaders(CALLERS.clinician(hospitalId), { dataDir, audience: hospitalAudience(hospitalId) }, request) };
    expect((await queryOk(target, CHART, { r: [{ __typename: 'PatientRecord', hospitalId, mrn: mrnsAt(hospitalId, 20)[0] }] }))._entities).toHaveLength(1);
  };
  const verify = () =>
    runCli(['audit', 'verify', '--hospital', HOSPITAL], {
      ...env,
      ALLIANCE_URL: allianceUrl,
    });

  let districtPort = 0;

  beforeAll(async () => {
    // the members' URLs are in the alliance registry before they start: the alliance fetches each member's key from it
    const memberPort = await freePort();
    districtPort = await freePort();
    alliance = await spawnCli(['alliance', '--port', '0'], {
      ...env,
      MEDALLIANCE_MEMBER_URLS: JSON.stringify({ [HOSPITAL]: `http://127.0.0.1:${memberPort}/graphql`, 'dh-district': `http://127.0.0.1:${districtPort}/graphql` }),
    });
    allianceUrl = alliance.url;
    member = await spawnCli(['hospital', '--id', HOSPITAL, '--port', String(memberPort)], {
      ...env,
      ALLIANCE_URL: allianceUrl,
      MEDALLIANCE_AUDIT_HEAD_INTERVAL_MS: '200',
    });
  });
  afterAll(async () => {
    await member?.stop('SIGTERM');
    await alliance?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('witnesses heads while the member runs; audit verify agrees while it runs', async () => {
    for (const rows of [1, 2, 3]) {
      await readChart(member!.url);
      await waitForWitnessedHead(allianceUrl, dataDir, SUBGRAPH, rows);
      if (rows === 1)
        expect(await verify()).toMatchObject({
          code: 0,
          output: expect.stringMatching(/^audit chain OK: 1 row\nwitnessed heads OK: .*\(newest: 1 row, /),
        });
    }
    const result = await verify();
    expect(result.code).toBe(0);
    expect(result.output).toMatch(
      /^audit chain OK: 3 rows\nwitnessed heads OK: the chain matches all \d+ heads held by http:\/\/127\.0\.0\.1:\d+ \(newest: 3 rows, signed [0-9TZ:.-]+\)\n$/,
    );
  });

  it('sends a last head at shutdown', async () => {
    await member!.stop('SIGTERM');
    // the timer would not fire for a minute: a head of 4 rows can only be the one sent at shutdown
    member = await startMember(60_000);
    await readChart(member.url);
    expect(await witnessedRowCounts(allianceUrl, dataDir, SUBGRAPH)).not.toContain(4);
    await member.stop('SIGTERM');
    member = undefined;
    expect(await witnessedRowCounts(allianceUrl, dataDir, SUBGRAPH)).toContain(4);
    copyFileSync(file, pristine);
    expect(await verify()).toMatchObject({
      code: 0,
      output: expect.stringMatching(/^audit chain OK: 4 rows\nwitnessed heads OK: .*newest: 4 rows/),
    });
  });

  it('reports the last rows deleted (truncation), naming the first missing row', async () => {
    await editEmbeddedChain(file, (repo) => repo.delete({ seq: 4 }).then(() => undefined));
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /^audit chain OK: 3 rows\naudit chain TRUNCATED: the chain has 3 rows, but 4 were witnessed at \S+: rows were removed from its end; the first missing row is 4\n$/,
    );
  });

  it('reports rows rewritten with every hash recomputed, naming the first bad row', async () => {
    copyFileSync(pristine, file);
    await editEmbeddedChain(file, async (repo) => {
      await repo.update({ seq: 3 }, { outcome: 'DENIED' });
      await rehashFrom(repo, 3);
    });
    const result = await verify();
    expect(result.code).toBe(1);
    // the chain alone verifies: only the witness tells
    expect(result.output).toMatch(/^audit chain OK: 4 rows\naudit chain RECOMPUTED: row \d no longer hashes to the head witnessed at .*the first bad row is 3\n$/);
  });

  it('reports a wiped chain and a replaced one', async () => {
    copyFileSync(pristine, file);
    await editEmbeddedChain(file, (repo) => repo.clear());
    const wiped = await verify();
    expect(wiped.code).toBe(1);
    expect(wiped.output).toMatch(/^audit chain OK: 0 rows\naudit chain WIPED: the chain is empty, but 4 rows were witnessed at \S+: it was wiped; the first missing row is 1\n$/);

    // another chain of the same length, consistent in itself
    copyFileSync(pristine, file);
    await editEmbeddedChain(file, async (repo) => {
      await repo.update({ seq: 1 }, { requestId: 'another-chain' });
      await rehashFrom(repo, 1);
    });
    const replaced = await verify();
    expect(replaced.code).toBe(1);
    expect(replaced.output).toMatch(
      /^audit chain OK: 4 rows\naudit chain REPLACED: the chain does not contain the head witnessed at .*matches no witnessed head: the file was replaced; the first bad row is 1\n$/,
    );
  });

  it('an untouched chain is OK again, also against an exported copy of the heads', async () => {
    copyFileSync(pristine, file);
    const exportFile = path.join(dataDir, 'heads.json');
    const exported = await runCli(['audit', 'heads', '--hospital', HOSPITAL, '--export', exportFile], { ...env, ALLIANCE_URL: allianceUrl });
    expect(exported).toMatchObject({
      code: 0,
      output: expect.stringMatching(new RegExp(`^exported \\d+ witnessed heads of ${SUBGRAPH} to `)),
    });
    const heads = JSON.parse(readFileSync(exportFile, 'utf8'));
    expect(heads).toMatchObject({
      subgraphId: SUBGRAPH,
      heads: expect.arrayContaining([expect.objectContaining({ rows: 4, token: expect.any(String) })]),
    });
    expect(await verify()).toMatchObject({ code: 0 });
    expect(await runCli(['audit', 'verify', '--hospital', HOSPITAL, '--heads', exportFile], env)).toMatchObject({
      code: 0,
      output: expect.stringMatching(/^audit chain OK: 4 rows\nwitnessed heads OK/),
    });
  });

  it('refuses a head signed by another key, and keeps nothing of it', async () => {
    const real = await loadOrCreateSigningKey(dataDir, auditKeyName(SUBGRAPH));
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({
      use: 'audit-head',
      rows: 9999,
      lastHash: 'f'.repeat(64),
      at: new Date().toISOString(),
    })
      .setProtectedHeader({ alg: 'ES256', kid: real.kid })
      .setIssuer(SUBGRAPH)
      .setAudience(WITNESS_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const post = (head: string) =>
      fetch(new URL('/audit/heads', allianceUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ head }),
      });
    const refused = await post(forged);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      error: 'The signature does not verify with the key the signer publishes.',
    });
    // the member's own key, but claiming to be another member: checked against that member's key
    const impostor = await new SignJWT({
      use: 'audit-head',
      rows: 9999,
      lastHash: 'f'.repeat(64),
      at: new Date().toISOString(),
    })
      .setProtectedHeader({ alg: 'ES256', kid: real.kid })
      .setIssuer('hospital:dh-district')
      .setAudience(WITNESS_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(real.privateKey);
    expect((await post(impostor)).status).toBe(401);
    expect((await post('not a token')).status).toBe(401);
    expect(await witnessedRowCounts(allianceUrl, dataDir, SUBGRAPH)).not.toContain(9999);
  });

  itMysql('on MySQL/MariaDB, while the member runs: rows deleted from the end of its chain are reported', async () => {
    const scratch = await createScratchDatabase('witness_member');
    const district = await spawnCli(['hospital', '--id', 'dh-district', '--port', String(districtPort)], {
      ...env,
      DATABASE_URL: scratch.url,
      ALLIANCE_URL: allianceUrl,
      MEDALLIANCE_AUDIT_HEAD_INTERVAL_MS: '200',
    });
    try {
      const mysqlEnv = { ...env, DATABASE_URL: scratch.url, ALLIANCE_URL: allianceUrl };
      for (const rows of [1, 2]) {
        await readChart(district.url, 'dh-district');
        await waitForWitnessedHead(allianceUrl, dataDir, 'hospital:dh-district', rows);
      }
      expect(await runCli(['audit', 'verify', '--hospital', 'dh-district'], mysqlEnv)).toMatchObject({
        code: 0,
        output: expect.stringMatching(/^audit chain OK: 2 rows\nwitnessed heads OK: /),
      });
      const connection = await mysql.createConnection({ uri: scratch.url });
      await connection.query('DELETE FROM audit_entry ORDER BY seq DESC LIMIT 1');
      await connection.end();
      const truncated = await runCli(['audit', 'verify', '--hospital', 'dh-district'], mysqlEnv);
      expect(truncated).toMatchObject({
        code: 1,
        output: expect.stringMatching(
          /^audit chain OK: 1 row\naudit chain TRUNCATED: the chain has 1 row, but 2 were witnessed at \S+: rows were removed from its end; the first missing row is 2\n$/,
        ),
      });
    } finally {
      await district.stop('SIGTERM');
      await scratch.drop();
    }
  });
});
