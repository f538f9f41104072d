import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postGraphQL } from '../support/graphql-client';
import { editEmbeddedChain, freePort, rehashFrom, waitForWitnessedHead, witnessedRowCounts } from '../support/audit-witness';
import { spawnCli, type SpawnedService } from '../support/spawn-cli';
import { ALLIANCE_AUDIENCE, CALLERS, gatewayHeaders } from '../support/tokens';
import { runCli } from '../hospital/run-cli';

const SCHEDULE = 'mutation ($input: ScheduleDispatchInput!) { scheduleExpertDispatch(input: $input) { id } }';
const day = (n: number) => new Date(Date.now() + n * 86_400_000);
const dispatch = (n: number) => ({
  expertHospitalId: 'dh-lead',
  expertId: 'stf-0001',
  toHospitalId: 'dh-district',
  purpose: 'CLINIC',
  start: day(n).toISOString(),
  end: new Date(day(n).getTime() + 3_600_000).toISOString(),
  idempotencyKey: `witness-${n}`,
});

/**
 * DESIGN 5: the alliance's own chain heads are witnessed outside the alliance's database,
 * by the lead member (built CLI processes, embedded databases).
 */
describe('witnessed audit chain heads of the alliance (built CLI)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-alliance-witness-'));
  const file = path.join(dataDir, 'alliance.sqlite');
  const env = { MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_SEED_PATIENTS: '20', DATABASE_URL: '' };
  let alliance: SpawnedService | undefined;
  let lead: SpawnedService | undefined;
  const verify = () => runCli(['audit', 'verify', '--alliance'], env);

  beforeAll(async () => {
    const alliancePort = await freePort();
    lead = await spawnCli(['hospital', '--id', 'dh-lead', '--port', '0'], { ...env, ALLIANCE_URL: `http://127.0.0.1:${alliancePort}/graphql` });
    alliance = await spawnCli(['alliance', '--port', String(alliancePort)], {
      ...env,
      MEDALLIANCE_MEMBER_URLS: JSON.stringify({ 'dh-lead': lead.url }),
      MEDALLIANCE_AUDIT_HEAD_INTERVAL_MS: '200',
    });
  });
  afterAll(async () => {
    await alliance?.stop('SIGTERM');
    await lead?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the lead member witnesses the alliance while it runs and keeps its heads after it stops; truncation and a recomputed chain are reported', async () => {
    // a token per call, signed for exactly the body sent (the dates in it move with the clock: built once)
    const schedule = async (n: number) => {
      const variables = { input: dispatch(n) };
      const headers = await gatewayHeaders(CALLERS.clinician('dh-lead'), { dataDir, audience: ALLIANCE_AUDIENCE }, { query: SCHEDULE, variables });
      return (await postGraphQL(alliance!.url, SCHEDULE, variables, headers)).body.data.scheduleExpertDispatch.id as string;
    };
    for (const n of [1, 2]) {
      expect(await schedule(n)).toMatch(/^dsp-/);
      await waitForWitnessedHead(lead!.url, dataDir, 'alliance', n);
    }
    // while both run: the witness is the lead member named in the alliance's registry
    expect(await verify()).toMatchObject({ code: 0, output: expect.stringMatching(/^audit chain OK: 2 rows\nwitnessed heads OK: .*\(newest: 2 rows, /) });

    expect(await schedule(3)).toMatch(/^dsp-/);
    await alliance!.stop('SIGTERM');
    alliance = undefined;
    expect(await witnessedRowCounts(lead!.url, dataDir, 'alliance')).toContain(3);
    const pristine = `${file}.pristine`;
    copyFileSync(file, pristine);

    await editEmbeddedChain(file, (repo) => repo.delete({ seq: 3 }).then(() => undefined));
    expect(await verify()).toMatchObject({
      code: 1,
      output: expect.stringMatching(/\naudit chain TRUNCATED: the chain has 2 rows, but 3 were witnessed at \S+: rows were removed from its end; the first missing row is 3\n$/),
    });

    copyFileSync(pristine, file);
    await editEmbeddedChain(file, async (repo) => {
      await repo.update({ seq: 2 }, { outcome: 'ERROR' });
      await rehashFrom(repo, 2);
    });
    expect(await verify()).toMatchObject({ code: 1, output: expect.stringMatching(/^audit chain OK: 3 rows\naudit chain RECOMPUTED: .*the first bad row is 2\n$/) });

    copyFileSync(pristine, file);
    expect(await verify()).toMatchObject({ code: 0 });
  });
});
