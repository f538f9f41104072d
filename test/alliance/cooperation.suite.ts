import { CALLERS, codes, type AllianceHarness } from './harness';

const lead = CALLERS.clinician('dh-lead');
const hill = CALLERS.clinician('dh-chc-hill');

/** Expert dispatch, training, statistics and the audit trail over HTTP. */
export function describeCooperation(h: () => AllianceHarness): void {
  describe('expert dispatch', () => {
    const schedule =
      'mutation ($input: ScheduleDispatchInput!) { scheduleExpertDispatch(input: $input) { id status purpose start end patientsSeen expert { hospitalId id } toHospital { id } fromHospital { id } toDepartment { id } } }';
    const update =
      'mutation ($id: ID!, $status: DispatchStatus!, $seen: Int, $procedures: Int) { updateExpertDispatch(id: $id, status: $status, patientsSeen: $seen, proceduresPerformed: $procedures) { status patientsSeen proceduresPerformed } }';
    const start = new Date(Date.now() + 86_400_000);
    const input = {
      expertHospitalId: 'dh-lead',
      expertId: 'stf-0001',
      toHospitalId: 'dh-chc-hill',
      toDepartmentId: 'dep-general-practice',
      purpose: 'CLINIC',
      start: start.toISOString(),
      end: new Date(start.getTime() + 8 * 3_600_000).toISOString(),
      idempotencyKey: 'dsp-test-1',
    };

    it('schedules, moves through its states and counts', async () => {
      const t = h();
      const created = await t.gql(lead, schedule, { input });
      expect(created.body.errors).toBeUndefined();
      const d = created.body.data.scheduleExpertDispatch;
      expect(d).toMatchObject({ status: 'PLANNED', expert: { hospitalId: 'dh-lead', id: 'stf-0001' }, toHospital: { id: 'dh-chc-hill' }, fromHospital: { id: 'dh-lead' } });
      expect((await t.gql(lead, schedule, { input })).body.data.scheduleExpertDispatch.id).toBe(d.id);
      expect(codes(await t.gql(lead, schedule, { input: { ...input, purpose: 'SURGERY' } }))).toEqual(['CONFLICT']);
      expect(codes(await t.gql(lead, update, { id: d.id, status: 'COMPLETED' }))).toEqual(['INVALID_TRANSITION']);
      expect((await t.gql(hill, update, { id: d.id, status: 'ACTIVE' })).body.data.updateExpertDispatch.status).toBe('ACTIVE');
      expect(codes(await t.gql(lead, update, { id: d.id, status: 'COMPLETED', seen: -1 }))).toEqual(['BAD_USER_INPUT']);
      const done = await t.gql(CALLERS.admin(), update, { id: d.id, status: 'COMPLETED', seen: 23, procedures: 2 });
      expect(done.body.data.updateExpertDispatch).toEqual({ status: 'COMPLETED', patientsSeen: 23, proceduresPerformed: 2 });
      expect(codes(await t.gql(lead, update, { id: d.id, status: 'CANCELLED' }))).toEqual(['INVALID_TRANSITION']);
      expect(codes(await t.gql(lead, update, { id: 'dsp-missing', status: 'ACTIVE' }))).toEqual(['NOT_FOUND']);
    });

    it('refuses bad schedules', async () => {
      const t = h();
      const cases: [object, string][] = [
        [{ end: input.start }, 'BAD_USER_INPUT'],
        [{ toHospitalId: 'dh-lead' }, 'BAD_USER_INPUT'],
        [{ toHospitalId: 'dh-member-09' }, 'MEMBER_UNKNOWN'],
        [{ toHospitalId: 'dh-nowhere' }, 'MEMBER_UNKNOWN'],
      ];
      for (const [change, code] of cases) {
        expect(codes(await t.gql(CALLERS.admin(), schedule, { input: { ...input, ...change, idempotencyKey: `dsp-bad-${JSON.stringify(change)}` } }))).toEqual([code]);
      }
      expect(codes(await t.gql(CALLERS.clinician('dh-district'), schedule, { input: { ...input, idempotencyKey: 'dsp-bad-actor' } }))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql(CALLERS.analyst(), schedule, { input: { ...input, idempotencyKey: 'dsp-bad-analyst' } }))).toEqual(['FORBIDDEN']);
    });

    it('lists dispatches in every status, filtered and paged', async () => {
      const t = h();
      const query =
        'query ($f: DispatchFilter, $after: String) { expertDispatches(filter: $f, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status toHospital { id } } } } }';
      for (const status of ['PLANNED', 'ACTIVE', 'COMPLETED', 'CANCELLED']) {
        const { body } = await t.gql(CALLERS.dashboard(), query, { f: { status } });
        expect([status, body.data.expertDispatches.totalCount > 0]).toEqual([status, true]);
        for (const e of body.data.expertDispatches.edges) expect(e.node.status).toBe(status);
      }
      const first = (await t.gql(CALLERS.dashboard(), query, {})).body.data.expertDispatches;
      const second = (await t.gql(CALLERS.dashboard(), query, { after: first.pageInfo.endCursor })).body.data.expertDispatches;
      expect(second.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(first.edges[0].node.id);
      expect(codes(await t.gql(CALLERS.dashboard(), query, { after: 'bm9wZQ' }))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('training', () => {
    const enroll =
      'mutation ($input: EnrollTrainingInput!) { enrollTraining(input: $input) { id status start end program trainee { hospitalId id } hostHospital { id } hostDepartment { id } } }';
    const complete = 'mutation ($id: ID!, $passed: Boolean!) { completeTraining(id: $id, passed: $passed) { status completedAt } }';
    const input = {
      traineeHospitalId: 'dh-chc-hill',
      traineeId: 'stf-0003',
      hostHospitalId: 'dh-lead',
      hostDepartmentId: 'dep-emergency',
      program: '急危重症救治能力提升班',
      start: '2026-03-02',
      end: '2026-03-30',
      idempotencyKey: 'trn-test-1',
    };

    it('enrols, completes and refuses a second completion', async () => {
      const t = h();
      const created = await t.gql(hill, enroll, { input });
      expect(created.body.errors).toBeUndefined();
      const id = created.body.data.enrollTraining.id;
      expect(created.body.data.enrollTraining).toMatchObject({ status: 'ENROLLED', start: '2026-03-02', trainee: { hospitalId: 'dh-chc-hill', id: 'stf-0003' } });
      expect((await t.gql(hill, enroll, { input })).body.data.enrollTraining.id).toBe(id);
      expect(codes(await t.gql(hill, enroll, { input: { ...input, end: '2026-04-30' } }))).toEqual(['CONFLICT']);
      expect(codes(await t.gql(hill, complete, { id, passed: true }))).toEqual(['FORBIDDEN']);
      const done = await t.gql(lead, complete, { id, passed: true });
      expect(done.body.data.completeTraining.status).toBe('COMPLETED');
      expect(codes(await t.gql(lead, complete, { id, passed: false }))).toEqual(['INVALID_TRANSITION']);
      const second = (await t.gql(hill, enroll, { input: { ...input, idempotencyKey: 'trn-test-2' } })).body.data.enrollTraining.id;
      expect((await t.gql(CALLERS.admin(), complete, { id: second, passed: false })).body.data.completeTraining.status).toBe('FAILED');
      expect(codes(await t.gql(lead, complete, { id: 'trn-missing', passed: true }))).toEqual(['NOT_FOUND']);
      expect(codes(await t.gql(hill, enroll, { input: { ...input, idempotencyKey: 'trn-bad-1', end: '2026-03-01' } }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await t.gql(hill, enroll, { input: { ...input, idempotencyKey: 'trn-bad-2', end: '2026-02-30' } }))).toEqual(['BAD_USER_INPUT']);
    });

    it('lists trainings in every status with filters', async () => {
      const t = h();
      for (const status of ['ENROLLED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'WITHDRAWN']) {
        const { body } = await t.gql(CALLERS.dashboard(), 'query ($f: TrainingFilter) { trainings(filter: $f, first: 500) { totalCount edges { node { status } } } }', {
          f: { status },
        });
        expect([status, body.data.trainings.totalCount > 0]).toEqual([status, true]);
        for (const e of body.data.trainings.edges) expect(e.node.status).toBe(status);
      }
      const host = await t.gql(CALLERS.dashboard(), '{ trainings(filter: { hostHospitalId: "dh-lead" }, first: 500) { edges { node { hostHospital { id } } } } }');
      for (const e of host.body.data.trainings.edges) expect(e.node.hostHospital.id).toBe('dh-lead');
    });
  });

  describe('statistics and audit', () => {
    it('has a non-zero figure in every column for the default window', async () => {
      const t = h();
      // exact figures: the admin (a dashboard sees small figures withheld, below)
      const { body } = await t.gql(
        CALLERS.admin(),
        '{ allianceStats { from to referralsUpward referralsDownward referralsLateral greenChannelReferrals medianResponseMinutes expertsDispatched dispatchDays staffTrained resultsReused retests estimatedSavingsYuan byHospital { hospital { id } referralsSent referralsReceived expertsReceived staffTrained resultsReused } } }',
      );
      expect(body.errors).toBeUndefined();
      const stats = body.data.allianceStats;
      for (const [key, value] of Object.entries(stats)) {
        if (key === 'from' || key === 'to' || key === 'byHospital') continue;
        expect([key, (value as number) > 0]).toEqual([key, true]);
      }
      expect(Date.parse(stats.to) - Date.parse(stats.from)).toBe(365 * 86_400_000);
      for (const column of ['referralsSent', 'referralsReceived', 'expertsReceived', 'staffTrained', 'resultsReused']) {
        expect([column, stats.byHospital.some((row: Record<string, number>) => row[column] > 0)]).toEqual([column, true]);
      }
      const empty = await t.gql(
        CALLERS.dashboard(),
        '{ allianceStats(from: "2000-12-31T16:00:00Z", to: "2001-01-31T16:00:00Z") { referralsUpward medianResponseMinutes suppressed } }',
      );
      expect(empty.body.data.allianceStats).toEqual({ referralsUpward: 0, medianResponseMinutes: null, suppressed: false });
      expect(codes(await t.gql(CALLERS.dashboard(), '{ allianceStats(from: "2026-01-31T16:00:00Z", to: "2025-12-31T16:00:00Z") { retests } }'))).toEqual(['BAD_USER_INPUT']);
    });

    it('shows dashboards and analysts no figure from fewer than MEDALLIANCE_MIN_CELL patients, over whole days only', async () => {
      const t = h();
      const FIGURES =
        '{ allianceStats { from to referralsUpward referralsDownward referralsLateral greenChannelReferrals medianResponseMinutes resultsReused retests estimatedSavingsYuan suppressed byHospital { hospital { id } referralsSent referralsReceived resultsReused suppressed } retestsByReason { reason count suppressed } } }';
      const exact = (await t.gql(CALLERS.admin(), FIGURES)).body.data.allianceStats;
      for (const caller of [CALLERS.dashboard(), CALLERS.analyst()]) {
        const shown = (await t.gql(caller, FIGURES)).body.data.allianceStats;
        // a whole-day window: it ends at the start of today in Asia/Shanghai (16:00 UTC)
        expect(shown.to).toMatch(/T16:00:00\.000Z$/);
        let withheld = 0;
        for (const key of ['referralsUpward', 'referralsDownward', 'referralsLateral', 'greenChannelReferrals', 'resultsReused', 'retests']) {
          const value = shown[key];
          if (value === null) withheld++;
          // a figure shown comes from no small group: zero, or at least 10
          else expect([key, value === 0 || value >= 10]).toEqual([key, true]);
        }
        for (const row of [...shown.byHospital, ...shown.retestsByReason]) {
          for (const [key, value] of Object.entries(row)) if (typeof value === 'number') expect([key, value === 0 || value >= 10]).toEqual([key, true]);
          expect(row.suppressed).toBe(Object.values(row).some((v) => v === null));
        }
        expect(shown.suppressed).toBe(withheld > 0 || (shown.medianResponseMinutes === null && exact.medianResponseMinutes !== null) || shown.estimatedSavingsYuan === null);
        expect(shown.retestsByReason.some((r: { suppressed: boolean }) => r.suppressed)).toBe(true);
        // bounds are snapped down to the midnight (Asia/Shanghai) that starts their day
        expect((await t.gql(caller, '{ allianceStats(from: "2026-01-01T00:00:00Z", to: "2026-01-31T16:00:01Z") { from to } }')).body.data.allianceStats).toEqual({
          from: '2025-12-31T16:00:00.000Z',
          to: '2026-01-31T16:00:00.000Z',
        });
        expect(codes(await t.gql(caller, '{ allianceStats(from: "2026-01-01T09:00:00Z", to: "2026-01-01T15:00:00Z") { retests } }'))).toEqual(['BAD_USER_INPUT']);
      }
    });

    it('keeps an admin-only audit trail of every write, refusals included', async () => {
      const t = h();
      const query =
        'query ($f: AuditFilter, $after: String) { auditTrail(filter: $f, first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id time caller role hospitalId purpose operation targetId outcome patients { mpiId hospitalId } } } } }';
      expect(codes(await t.gql(lead, query, {}))).toEqual(['FORBIDDEN']);
      const all = (await t.gql(CALLERS.admin(), query, {})).body.data.auditTrail;
      expect(all.totalCount).toBeGreaterThan(20);
      const next = (await t.gql(CALLERS.admin(), query, { after: all.pageInfo.endCursor })).body.data.auditTrail;
      expect(Number(next.edges[0].node.id)).toBeLessThan(Number(all.edges[4].node.id));
      const forbidden = (await t.gql(CALLERS.admin(), query, { f: { outcome: 'FORBIDDEN', operation: 'requestReferral' } })).body.data.auditTrail;
      expect(forbidden.totalCount).toBeGreaterThan(0);
      const ok = (await t.gql(CALLERS.admin(), query, { f: { outcome: 'SUCCESS', operation: 'requestReferral' } })).body.data.auditTrail;
      expect(ok.edges[0].node).toMatchObject({ role: 'clinician', hospitalId: 'dh-chc-hill', purpose: 'TREATMENT', operation: 'requestReferral' });
      expect(ok.edges[0].node.patients[0].mpiId).toMatch(/^MPI-/);
    });
  });
}
