import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../common/log';
import { startAllianceSubgraph, type RunningAlliance } from '../../subgraphs/alliance/start-alliance';
import { verifyAuditChain } from '../../subgraphs/runtime/audit/audit-chain';
import type { Caller } from '../../common/auth/caller';
import { postGraphQL } from '../support/graphql-client';
import { createScratchDatabase, describeOn } from '../support/mysql';
import { ALLIANCE_AUDIENCE, CALLERS, gatewayHeaders } from '../support/tokens';

/** A 10 KB operation name: longer than the audit column, which a strict MySQL refuses instead of cutting. */
const LONG_NAME = `Op${'Y'.repeat(10_240)}`;
const PATIENT = `query ${LONG_NAME} { patient(mpiId: "MPI-000001") { mpiId } }`;
const SCHEDULE = `mutation ${LONG_NAME}($input: ScheduleDispatchInput!) { scheduleExpertDispatch(input: $input) { id } }`;
const start = new Date(Date.now() + 2 * 86_400_000);
const dispatch = (key: string) => ({
  expertHospitalId: 'dh-lead',
  expertId: 'stf-0001',
  toHospitalId: 'dh-district',
  purpose: 'CLINIC',
  start: start.toISOString(),
  end: new Date(start.getTime() + 3_600_000).toISOString(),
  idempotencyKey: key,
});

/** DESIGN 5 at the alliance: whatever the caller names its operation, every audited access and write gets its row. */
function allianceSuite(kind: 'embedded' | 'mysql') {
  describeOn(kind)(`alliance audit rows for any input (${kind})`, () => {
    let dataDir = '';
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
    let alliance: RunningAlliance | undefined;
    const as = async (caller: Caller, query: string, variables: Record<string, unknown> = {}) =>
      (await postGraphQL(alliance!.url, query, variables, await gatewayHeaders(caller, { dataDir, audience: ALLIANCE_AUDIENCE }, { query, variables }))).body;
    const rows = (): Promise<{ action: string; outcome: string; operation_name: string }[]> =>
      alliance!.dataSource.query('SELECT action, outcome, operation_name FROM audit_entry ORDER BY seq');
    const dispatches = async () => Number((await alliance!.dataSource.query('SELECT COUNT(*) AS n FROM expert_dispatch'))[0].n);

    beforeAll(async () => {
      // made when the group runs: a skipped group runs no hooks, so would leave it behind
      dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-alliance-audited-'));
      if (kind === 'mysql') scratch = await createScratchDatabase('alliance_audited');
      alliance = await startAllianceSubgraph({
        port: 0,
        dataDir,
        databaseUrl: scratch?.url,
        seedIfEmpty: { hospitalCount: 4, patients: 20, anchor: new Date() },
        logger: createLogger('alliance-audited', 'silent'),
      });
      if (kind === 'mysql') {
        const [{ mode }] = await alliance.dataSource.query('SELECT @@SESSION.sql_mode AS mode');
        expect(String(mode)).toContain('STRICT_TRANS_TABLES');
      }
    });
    afterAll(async () => {
      await alliance?.close();
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('a PHI read, a write and a refused write named by a 10 KB operation each get their row', async () => {
      const before = await dispatches();
      expect((await as(CALLERS.clinician('dh-lead'), PATIENT)).data.patient).toEqual({ mpiId: 'MPI-000001' });
      expect((await as(CALLERS.clinician('dh-lead'), SCHEDULE, { input: dispatch('long-1') })).data.scheduleExpertDispatch.id).toMatch(/^dsp-/);
      expect((await as(CALLERS.analyst(), SCHEDULE, { input: dispatch('long-2') })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await dispatches()).toBe(before + 1);
      const written = await rows();
      expect(written.map((r) => [r.action, r.outcome])).toEqual([
        ['READ', 'OK'],
        ['WRITE', 'OK'],
        ['WRITE', 'DENIED'],
      ]);
      expect(written[0].operation_name).toHaveLength(200);
      expect(written[0].operation_name).toMatch(/^OpY+…sha256:[0-9a-f]{64}$/);
      await expect(verifyAuditChain(alliance!.dataSource)).resolves.toEqual({ ok: true, rows: 3 });
    });
  });
}

allianceSuite('embedded');
allianceSuite('mysql');
