import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Caller } from '../../common/auth/caller';
import { postGraphQL } from '../support/graphql-client';
import { itOn } from '../support/mysql';
import { runCli } from '../support/run-cli';
import { ALLIANCE_AUDIENCE, CALLERS, gatewayHeaders } from '../support/tokens';
import { openStorage, signalAndWait, spawnProduction, type DatabaseKind } from './support/acknowledged';

/**
 * Nothing acknowledged is lost at the alliance either: referral requests, a membership
 * suspension and audited PHI reads, answered, then SIGTERM or SIGKILL at once; after a
 * restart each referral is returned for its idempotency key, the suspension holds, and
 * every audit row is stored.
 */
const REFERRALS = 12;
const READS = 8;
const SUSPENDED = 'dh-chc-lakeside';

const REQUEST = 'mutation ($input: RequestReferralInput!) { requestReferral(input: $input) { id status } }';
const SUSPEND = 'mutation ($id: ID!) { setMembershipStatus(id: $id, status: SUSPENDED, reason: "quality control failed") { id status } }';
const PATIENT = 'query ($id: ID!) { patient(mpiId: $id) { mpiId } }';
const HILL_PATIENTS = '{ referrals(filter: { fromHospitalId: "dh-chc-hill" }, first: 20) { edges { node { patient { mpiId } } } } }';

const cases: [DatabaseKind, NodeJS.Signals][] = [
  ['embedded', 'SIGTERM'],
  ['embedded', 'SIGKILL'],
  ['mysql', 'SIGTERM'],
  ['mysql', 'SIGKILL'],
];

describe.each(cases)('the alliance on %s, %s right after its answers', (kind, signal) => {
  let dataDir = '';
  // made when the test runs: a skipped one runs no hooks, so would leave it behind
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-durable-alliance-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  itOn(kind)('keeps every acknowledged referral, the suspension and every audit row across the stop and a restart', async () => {
    const storage = await openStorage(kind, dataDir, path.join(dataDir, 'alliance.sqlite'));
    const env = { ...storage.env, MEDALLIANCE_SEED_PATIENTS: '40' };
    let alliance = await spawnProduction(['alliance', '--port', '0'], env);
    try {
      const call = async (caller: Caller, query: string, variables: Record<string, unknown> = {}, requestId?: string) =>
        postGraphQL(alliance.url, query, variables, {
          ...(await gatewayHeaders(caller, { dataDir, audience: ALLIANCE_AUDIENCE }, { query, variables })),
          ...(requestId ? { 'x-request-id': requestId } : {}),
        });
      const hill = CALLERS.clinician('dh-chc-hill');
      const patients = [...new Set(((await call(hill, HILL_PATIENTS)).body.data.referrals.edges as { node: { patient: { mpiId: string } } }[]).map((e) => e.node.patient.mpiId))];
      expect(patients.length).toBeGreaterThan(0);
      const inputs = Array.from({ length: REFERRALS }, (_, i) => ({
        patientMpiId: patients[i % patients.length],
        fromHospitalId: 'dh-chc-hill',
        toHospitalId: 'dh-lead',
        urgency: 'ROUTINE',
        reason: 'follow-up',
        idempotencyKey: `durable-${kind}-${signal}-${i}`,
      }));

      const [requested, suspended, read] = await Promise.all([
        Promise.all(inputs.map((input, i) => call(hill, REQUEST, { input }, `referral-${i}`))),
        call(CALLERS.admin(), SUSPEND, { id: SUSPENDED }, 'suspend'),
        Promise.all(Array.from({ length: READS }, (_, i) => call(CALLERS.clinician('dh-lead'), PATIENT, { id: patients[i % patients.length] }, `read-${i}`))),
      ]);
      const ended = await signalAndWait(alliance, signal);

      const referralIds = requested.map((r) => {
        expect(r.body.errors).toBeUndefined();
        return r.body.data.requestReferral.id as string;
      });
      expect(suspended.body.data.setMembershipStatus).toEqual({ id: SUSPENDED, status: 'SUSPENDED' });
      for (const r of read) expect(r.body.errors).toBeUndefined();
      expect(ended).toEqual(signal === 'SIGTERM' ? { code: 0, signal: null } : { code: null, signal: 'SIGKILL' });

      alliance = await spawnProduction(['alliance', '--port', '0'], env);
      const again = await Promise.all(inputs.map((input) => call(hill, REQUEST, { input })));
      expect(again.map((r) => r.body.data?.requestReferral?.id)).toEqual(referralIds);
      const status = await call(CALLERS.admin(), `{ hospital(id: "${SUSPENDED}") { status } }`);
      expect(status.body.data.hospital).toEqual({ status: 'SUSPENDED' });
      const requestIds = [...inputs.map((_, i) => `referral-${i}`), 'suspend', ...Array.from({ length: READS }, (_, i) => `read-${i}`)];
      expect((await storage.auditedRequestIds(requestIds)).sort()).toEqual([...requestIds].sort());
      expect(await runCli(['audit', 'verify', '--alliance', '--local-only'], env)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^audit chain OK: \d+ rows\n$/) });

      expect(await signalAndWait(alliance, 'SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await alliance.stop('SIGKILL');
      await storage.drop();
    }
  });
});
