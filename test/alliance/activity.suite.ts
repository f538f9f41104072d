import { CALLERS, codes, heldResult, type AllianceHarness } from './harness';

const hill = CALLERS.clinician('dh-chc-hill');
const lead = CALLERS.clinician('dh-lead');
const district = CALLERS.clinician('dh-district');

const REFERRAL_FIELDS =
  'id status direction urgency requestedAt respondBy respondedAt scheduledAt outcome reason diagnosisCode patient { mpiId } fromHospital { id } toHospital { id } toDepartment { hospitalId id } attachedResults { hospitalId id } history { from to by note }';

/** Referrals, dispatches, trainings, statistics and audit over HTTP. */
export function describeActivity(h: () => AllianceHarness): void {
  let patientAtHill = '';
  let resultAtHill = '';
  let otherPatientsResult = '';

  describe('referrals', () => {
    const request = `mutation ($input: RequestReferralInput!) { requestReferral(input: $input) { ${REFERRAL_FIELDS} } }`;
    const baseInput = () => ({
      patientMpiId: patientAtHill,
      fromHospitalId: 'dh-chc-hill',
      toHospitalId: 'dh-lead',
      toDepartmentId: 'dep-cardiology',
      urgency: 'GREEN_CHANNEL',
      reason: '胸痛2小时',
      diagnosisCode: 'I21.9',
      attachedResults: [{ hospitalId: 'dh-chc-hill', id: resultAtHill }],
      idempotencyKey: 'ref-test-1',
    });
    let referralId = '';

    it('finds a patient charted at the sending hospital', async () => {
      const t = h();
      // a result the member holds on the patient's chart (DESIGN 5: attached results are confirmed there)
      const held = await heldResult(t, 'dh-chc-hill');
      patientAtHill = held.mpiId;
      resultAtHill = held.id;
      otherPatientsResult = (await heldResult(t, 'dh-chc-hill', undefined, 1)).id;
      expect(patientAtHill).toMatch(/^MPI-/);
    });

    it('requests a referral: direction from levels, respondBy from urgency, idempotent', async () => {
      const t = h();
      const first = await t.gql(hill, request, { input: baseInput() });
      expect(first.body.errors).toBeUndefined();
      const r = first.body.data.requestReferral;
      referralId = r.id;
      expect(r).toMatchObject({
        status: 'REQUESTED',
        direction: 'UPWARD',
        urgency: 'GREEN_CHANNEL',
        toDepartment: { hospitalId: 'dh-lead', id: 'dep-cardiology' },
        attachedResults: [{ hospitalId: 'dh-chc-hill', id: resultAtHill }],
      });
      expect(Date.parse(r.respondBy) - Date.parse(r.requestedAt)).toBe(30 * 60_000);
      expect(r.history).toEqual([{ from: null, to: 'REQUESTED', by: 'clinician:clinician-dh-chc-hill@dh-chc-hill', note: null }]);
      const again = await t.gql(hill, request, { input: baseInput() });
      expect(again.body.data.requestReferral.id).toBe(referralId);
      expect(codes(await t.gql(hill, request, { input: { ...baseInput(), urgency: 'ROUTINE' } }))).toEqual(['CONFLICT']);
    });

    it('refuses bad requests with the right codes', async () => {
      const t = h();
      const cases: [object, typeof hill, string][] = [
        [{ toHospitalId: 'dh-chc-hill' }, hill, 'BAD_USER_INPUT'],
        [{ fromHospitalId: 'dh-district' }, hill, 'FORBIDDEN'],
        [{ patientMpiId: 'MPI-999999' }, hill, 'NOT_FOUND'],
        [{ toHospitalId: 'dh-nowhere' }, hill, 'MEMBER_UNKNOWN'],
        [{ toHospitalId: 'dh-member-09' }, hill, 'MEMBER_UNKNOWN'],
        [{ attachedResults: [{ hospitalId: 'dh-chc-hill', id: 'lr-not-there' }] }, hill, 'NOT_FOUND'],
        [{ attachedResults: [{ hospitalId: 'dh-chc-hill', id: otherPatientsResult }] }, hill, 'BAD_USER_INPUT'],
        [{ diagnosisCode: 'heart' }, hill, 'BAD_USER_INPUT'],
        [{ reason: ' ' }, hill, 'BAD_USER_INPUT'],
        [{}, CALLERS.admin(), 'FORBIDDEN'],
      ];
      for (const [change, caller, code] of cases) {
        const response = await t.gql(caller, request, { input: { ...baseInput(), idempotencyKey: `bad-${code}-${JSON.stringify(change)}`, ...change } });
        expect([JSON.stringify(change), codes(response)]).toEqual([JSON.stringify(change), [code]]);
      }
    });

    it('runs the state machine with the right actors and records every event', async () => {
      const t = h();
      const accept = 'mutation ($id: ID!, $at: DateTime) { acceptReferral(id: $id, scheduledAt: $at, note: "绿色通道") { status respondedAt scheduledAt } }';
      expect(codes(await t.gql(hill, accept, { id: referralId }))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql(district, accept, { id: referralId }))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql(lead, accept, { id: 'ref-missing' }))).toEqual(['NOT_FOUND']);
      expect(codes(await t.gql(lead, `mutation ($id: ID!) { markReferralArrived(id: $id) { status } }`, { id: referralId }))).toEqual(['INVALID_TRANSITION']);
      const at = new Date(Date.now() + 3_600_000).toISOString();
      const accepted = await t.gql(lead, accept, { id: referralId, at });
      expect(accepted.body.data.acceptReferral).toMatchObject({ status: 'ACCEPTED', scheduledAt: at });
      expect(codes(await t.gql(lead, 'mutation ($id: ID!) { rejectReferral(id: $id, reason: "full") { status } }', { id: referralId }))).toEqual(['INVALID_TRANSITION']);
      expect(codes(await t.gql(lead, 'mutation ($id: ID!) { cancelReferral(id: $id, reason: "x") { status } }', { id: referralId }))).toEqual(['FORBIDDEN']);
      expect((await t.gql(lead, 'mutation ($id: ID!) { markReferralArrived(id: $id) { status } }', { id: referralId })).body.data.markReferralArrived.status).toBe('ARRIVED');
      expect(codes(await t.gql(lead, 'mutation ($id: ID!) { completeReferral(id: $id, outcome: "") { status } }', { id: referralId }))).toEqual(['BAD_USER_INPUT']);
      const done = await t.gql(lead, `mutation ($id: ID!) { completeReferral(id: $id, outcome: "PCI术后稳定") { ${REFERRAL_FIELDS} } }`, { id: referralId });
      expect(done.body.data.completeReferral.outcome).toBe('PCI术后稳定');
      expect(done.body.data.completeReferral.history.map((e: { to: string }) => e.to)).toEqual(['REQUESTED', 'ACCEPTED', 'ARRIVED', 'COMPLETED']);
      expect(codes(await t.gql(hill, 'mutation ($id: ID!) { cancelReferral(id: $id, reason: "x") { status } }', { id: referralId }))).toEqual(['INVALID_TRANSITION']);
    });

    it('lets the sender cancel and the receiver reject', async () => {
      const t = h();
      const a = (await t.gql(hill, request, { input: { ...baseInput(), idempotencyKey: 'ref-test-2', urgency: 'ROUTINE' } })).body.data.requestReferral;
      expect(Date.parse(a.respondBy) - Date.parse(a.requestedAt)).toBe(72 * 3_600_000);
      const cancelled = await t.gql(hill, 'mutation ($id: ID!) { cancelReferral(id: $id, reason: "患者拒绝") { status history { to note } } }', { id: a.id });
      expect(cancelled.body.data.cancelReferral.status).toBe('CANCELLED');
      const b = (await t.gql(hill, request, { input: { ...baseInput(), idempotencyKey: 'ref-test-3', urgency: 'URGENT', toHospitalId: 'dh-chc-lakeside' } })).body.data
        .requestReferral;
      expect(b.direction).toBe('LATERAL');
      const rejected = await t.gql(CALLERS.clinician('dh-chc-lakeside'), 'mutation ($id: ID!) { rejectReferral(id: $id, reason: "无床位") { status respondedAt } }', { id: b.id });
      expect(rejected.body.data.rejectReferral.status).toBe('REJECTED');
      expect(rejected.body.data.rejectReferral.respondedAt).not.toBeNull();
    });

    it('pages the connection with opaque cursors and filters', async () => {
      const t = h();
      const query =
        'query ($f: ReferralFilter, $first: Int, $after: String) { referrals(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status urgency direction fromHospital { id } toHospital { id } requestedAt } } } }';
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let page = 0; page < 50; page += 1) {
        const { body }: { body: any } = await t.gql(lead, query, { f: { hospitalId: 'dh-chc-hill' }, first: 7, after });
        total = body.data.referrals.totalCount;
        seen.push(...body.data.referrals.edges.map((e: { node: { id: string } }) => e.node.id));
        for (const e of body.data.referrals.edges) expect([e.node.fromHospital.id, e.node.toHospital.id]).toContain('dh-chc-hill');
        if (!body.data.referrals.pageInfo.hasNextPage) break;
        after = body.data.referrals.pageInfo.endCursor;
      }
      expect(total).toBeGreaterThan(7);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      for (const filter of [{ status: 'REQUESTED' }, { urgency: 'GREEN_CHANNEL' }, { direction: 'DOWNWARD' }, { status: 'CANCELLED', fromHospitalId: 'dh-chc-hill' }]) {
        const { body } = await t.gql(lead, query, { f: filter, first: 500 });
        expect(body.data.referrals.totalCount).toBeGreaterThan(0);
        for (const e of body.data.referrals.edges) expect(e.node).toMatchObject(Object.fromEntries(Object.entries(filter).filter(([k]) => k !== 'fromHospitalId')));
      }
      const window = await t.gql(lead, query, {
        f: { requestedFrom: new Date(Date.now() - 86_400_000).toISOString(), requestedTo: new Date(Date.now() + 60_000).toISOString() },
        first: 500,
      });
      for (const e of window.body.data.referrals.edges) expect(Date.parse(e.node.requestedAt)).toBeGreaterThan(Date.now() - 86_400_000 - 1);
      expect(codes(await t.gql(lead, query, { after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await t.gql(lead, query, { first: 501 }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await t.gql(CALLERS.analyst(), query, {}))).toEqual(['FORBIDDEN']);
    });

    it('shows every status, urgency and direction in the seeded demo', async () => {
      const t = h();
      for (const [field, values] of [
        ['status', ['REQUESTED', 'ACCEPTED', 'REJECTED', 'ARRIVED', 'COMPLETED', 'CANCELLED']],
        ['urgency', ['ROUTINE', 'URGENT', 'GREEN_CHANNEL']],
        ['direction', ['UPWARD', 'DOWNWARD', 'LATERAL']],
      ] as const) {
        for (const value of values) {
          const { body } = await t.gql(lead, `{ referrals(filter: { ${field}: ${value} }, first: 0) { totalCount } }`);
          expect([field, value, body.data.referrals.totalCount > 0]).toEqual([field, value, true]);
        }
      }
    });
  });
}
