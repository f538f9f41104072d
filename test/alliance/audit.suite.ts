import { verifyAuditChain } from '../../subgraphs/runtime/audit/audit-chain';
import { AuditEntry } from '../../subgraphs/runtime/audit/audit-entry.entity';
import type { Caller } from '../../common/auth/caller';
import { CALLERS, codes, type AllianceHarness } from './harness';

const lead = CALLERS.clinician('dh-lead');
const TRAIL =
  'query ($f: AuditFilter, $first: Int) { auditTrail(filter: $f, first: $first) { totalCount edges { node { id caller role hospitalId purpose action operation operationHash requestId targetId outcome patients { mpiId hospitalId mrn } } } } }';

/** The hash-chained audit trail (DESIGN 5): writes, PHI reads and refusals, over HTTP. */
export function describeAudit(h: () => AllianceHarness): void {
  describe('hash-chained audit', () => {
    const newest = async (t: AllianceHarness, f: object = {}) => (await t.gql(CALLERS.admin(), TRAIL, { f, first: 1 })).body.data.auditTrail.edges[0]?.node;
    const rowsInChain = (t: AllianceHarness) => t.running.dataSource.getRepository(AuditEntry).count();

    it('leaves one chained WRITE row per write: done, replayed and refused', async () => {
      const t = h();
      const before = await rowsInChain(t);
      const schedule = 'mutation ($input: ScheduleDispatchInput!) { scheduleExpertDispatch(input: $input) { id } }';
      const start = new Date(Date.now() + 2 * 86_400_000);
      const input = {
        expertHospitalId: 'dh-lead',
        expertId: 'stf-0002',
        toHospitalId: 'dh-district',
        toDepartmentId: 'dep-general-practice',
        purpose: 'TEACHING',
        start: start.toISOString(),
        end: new Date(start.getTime() + 3_600_000).toISOString(),
        idempotencyKey: 'audit-dsp-1',
      };
      const id = (await t.gql(lead, schedule, { input })).body.data.scheduleExpertDispatch.id;
      expect(await newest(t)).toMatchObject({
        role: 'clinician',
        hospitalId: 'dh-lead',
        purpose: 'TREATMENT',
        action: 'WRITE',
        operation: 'scheduleExpertDispatch',
        targetId: id,
        outcome: 'OK',
        patients: [],
      });
      expect((await newest(t)).operationHash).toMatch(/^[0-9a-f]{64}$/);
      expect((await t.gql(lead, schedule, { input })).body.data.scheduleExpertDispatch.id).toBe(id);
      expect(codes(await t.gql(CALLERS.analyst(), schedule, { input: { ...input, idempotencyKey: 'audit-dsp-2' } }))).toEqual(['FORBIDDEN']);
      expect(await newest(t)).toMatchObject({ role: 'analyst', action: 'WRITE', operation: 'scheduleExpertDispatch', outcome: 'DENIED' });
      expect(codes(await t.gql(lead, schedule, { input: { ...input, purpose: 'SURGERY' } }))).toEqual(['CONFLICT']);
      expect(await newest(t)).toMatchObject({ operation: 'scheduleExpertDispatch', outcome: 'ERROR' });
      expect(await rowsInChain(t)).toBe(before + 4);
      await expect(verifyAuditChain(t.running.dataSource)).resolves.toEqual({ ok: true, rows: before + 4 });
    });

    it('records a referral write with the patient it names, and refuses it without a purpose of use', async () => {
      const t = h();
      const request = 'mutation ($input: RequestReferralInput!) { requestReferral(input: $input) { id } }';
      const input = { patientMpiId: 'MPI-000001', fromHospitalId: 'dh-district', toHospitalId: 'dh-lead', urgency: 'ROUTINE', reason: '复查', idempotencyKey: 'audit-ref-1' };
      const noPurpose: Caller = { ...CALLERS.clinician('dh-district'), purpose: undefined };
      expect(codes(await t.gql(noPurpose, request, { input }))).toEqual(['FORBIDDEN']);
      expect(await newest(t)).toMatchObject({ operation: 'requestReferral', outcome: 'DENIED', purpose: null, patients: [{ mpiId: 'MPI-000001', hospitalId: null, mrn: null }] });
      const id = (await t.gql(CALLERS.clinician('dh-district'), request, { input })).body.data.requestReferral.id;
      expect(await newest(t, { operation: 'requestReferral', mpiId: 'MPI-000001' })).toMatchObject({ targetId: id, outcome: 'OK', patients: [{ mpiId: 'MPI-000001' }] });
    });

    it('records each PHI read with the MPI ids it released, and each refused PHI read', async () => {
      const t = h();
      const read = await t.gql(lead, 'query ReadPatient { patient(mpiId: "MPI-000002") { mpiId records { hospitalId } } }');
      expect(read.body.data.patient.mpiId).toBe('MPI-000002');
      expect(await newest(t, { action: 'READ' })).toMatchObject({
        caller: lead.subject,
        purpose: 'TREATMENT',
        operation: 'ReadPatient',
        targetId: null,
        outcome: 'OK',
        patients: [{ mpiId: 'MPI-000002' }],
      });

      const chart = (await t.gql(lead, '{ patient(mpiId: "MPI-000001") { records { hospitalId mrn } } }')).body.data.patient.records[0];
      const byChart = await t.gql(lead, 'query ($h: ID!, $m: String!) { patientByIdentifier(hospitalId: $h, mrn: $m) { mpiId } }', { h: chart.hospitalId, m: chart.mrn });
      expect(byChart.body.data.patientByIdentifier).toEqual({ mpiId: 'MPI-000001' });
      expect(await newest(t, { action: 'READ' })).toMatchObject({ operation: '(anonymous)', outcome: 'OK', patients: [{ mpiId: 'MPI-000001' }] });

      const page = (await t.gql(lead, 'query Referrals { referrals(first: 3) { edges { node { id patient { mpiId } } } } }')).body.data.referrals.edges;
      const mpiIds = [...new Set(page.map((e: { node: { patient: { mpiId: string } } }) => e.node.patient.mpiId))].sort();
      expect((await newest(t, { operation: 'Referrals' })).patients.map((p: { mpiId: string }) => p.mpiId)).toEqual(mpiIds);

      await t.gql(lead, 'query OneReferral($id: ID!) { referral(id: $id) { id } }', { id: page[0].node.id });
      expect(await newest(t, { operation: 'OneReferral' })).toMatchObject({ outcome: 'OK', patients: [{ mpiId: page[0].node.patient.mpiId }] });

      for (const caller of [CALLERS.analyst(), CALLERS.admin(), { ...lead, purpose: undefined }] as Caller[]) {
        expect(codes(await t.gql(caller, 'query Peek { patient(mpiId: "MPI-000003") { mpiId } }'))).toEqual(['FORBIDDEN']);
        // a refusal names the patient asked for
        expect(await newest(t, { operation: 'Peek' })).toMatchObject({
          caller: caller.subject,
          role: caller.role,
          action: 'READ',
          outcome: 'DENIED',
          patients: [{ mpiId: 'MPI-000003', hospitalId: null, mrn: null }],
        });
      }
    });

    it('keeps one intact chain under concurrent writes, refusals and PHI reads', async () => {
      const t = h();
      const before = await rowsInChain(t);
      const enroll = 'mutation ($input: EnrollTrainingInput!) { enrollTraining(input: $input) { id } }';
      const input = (i: number) => ({
        traineeHospitalId: 'dh-district',
        traineeId: 'stf-0004',
        hostHospitalId: 'dh-lead',
        hostDepartmentId: 'dep-emergency',
        program: `并发培训 ${i}`,
        start: '2026-05-04',
        end: '2026-05-29',
        idempotencyKey: `audit-trn-${i}`,
      });
      const calls = Array.from({ length: 8 }, (_, i) => [
        t.gql(CALLERS.clinician('dh-district'), enroll, { input: input(i) }),
        t.gql(CALLERS.dashboard(), enroll, { input: input(100 + i) }),
        t.gql(lead, 'query Concurrent($id: ID!) { patient(mpiId: $id) { mpiId } }', { id: `MPI-${String(i + 1).padStart(6, '0')}` }),
      ]).flat();
      const responses = await Promise.all(calls);
      expect(responses.map(codes)).toEqual(Array.from({ length: 8 }, () => [[], ['FORBIDDEN'], []]).flat());
      expect(await rowsInChain(t)).toBe(before + 24);
      await expect(verifyAuditChain(t.running.dataSource)).resolves.toEqual({ ok: true, rows: before + 24 });
    });

    it('writes no row for reads without PHI', async () => {
      const t = h();
      const before = await rowsInChain(t);
      expect((await t.gql(CALLERS.analyst(), '{ hospitals { id } allianceStats { referralsUpward } }')).body.errors).toBeUndefined();
      expect(await rowsInChain(t)).toBe(before);
    });

    it('filters the trail and keeps it admin-only; the whole chain verifies', async () => {
      const t = h();
      expect(codes(await t.gql(lead, TRAIL, {}))).toEqual(['FORBIDDEN']);
      const all = (await t.gql(CALLERS.admin(), TRAIL, { first: 500 })).body.data.auditTrail;
      expect(all.edges).toHaveLength(all.totalCount);
      for (const [filter, check] of [
        [{ outcome: 'DENIED' }, (n: { outcome: string }) => n.outcome === 'DENIED'],
        [{ outcome: 'FORBIDDEN' }, (n: { outcome: string }) => n.outcome === 'DENIED'],
        [{ action: 'WRITE', outcome: 'SUCCESS' }, (n: { action: string; outcome: string }) => n.action === 'WRITE' && n.outcome === 'OK'],
        [{ hospitalId: 'dh-district' }, (n: { hospitalId: string }) => n.hospitalId === 'dh-district'],
        [{ operation: 'schedule_xpertDispatch' }, () => false],
      ] as [object, (n: any) => boolean][]) {
        const trail = (await t.gql(CALLERS.admin(), TRAIL, { f: filter, first: 500 })).body.data.auditTrail;
        expect([filter, trail.totalCount]).toEqual([filter, all.edges.filter((e: { node: unknown }) => check(e.node)).length]);
      }
      expect(codes(await t.gql(CALLERS.admin(), TRAIL, { f: { outcome: 'MAYBE' } }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await t.gql(CALLERS.admin(), TRAIL, { f: { action: 'DELETE' } }))).toEqual(['BAD_USER_INPUT']);
      const verdict = await verifyAuditChain(t.running.dataSource);
      expect(verdict).toEqual({ ok: true, rows: all.totalCount });
    });
  });
}
