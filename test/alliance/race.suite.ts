import { CALLERS, codes, type AllianceHarness } from './harness';

const hill = CALLERS.clinician('dh-chc-hill');
const lead = CALLERS.clinician('dh-lead');
const CALLS = 10;
const REQUEST = 'mutation ($input: RequestReferralInput!) { requestReferral(input: $input) { id status requestedAt } }';

/** DESIGN 5 under concurrency at the alliance: one key, one result; a raced change happens once. */
export function describeRaces(h: () => AllianceHarness): void {
  describe('races', () => {
    let patient = '';
    const input = (idempotencyKey: string) => ({
      patientMpiId: patient,
      fromHospitalId: 'dh-chc-hill',
      toHospitalId: 'dh-lead',
      urgency: 'ROUTINE',
      reason: '复查',
      idempotencyKey,
    });

    beforeAll(async () => {
      const t = h();
      const { body } = await t.gql(hill, '{ referrals(filter: { fromHospitalId: "dh-chc-hill" }, first: 1) { edges { node { patient { mpiId } } } } }');
      patient = body.data.referrals.edges[0].node.patient.mpiId;
    });

    it(`${CALLS} concurrent requestReferral with one idempotency key all get the first referral`, async () => {
      const t = h();
      const key = `race-request-${Date.now()}`;
      const answers = await Promise.all(Array.from({ length: CALLS }, () => t.gql(hill, REQUEST, { input: input(key) })));
      expect(answers.flatMap(codes)).toEqual([]);
      const results = answers.map((a) => JSON.stringify(a.body.data.requestReferral));
      expect(new Set(results).size).toBe(1);
      const listed = await t.gql(hill, '{ referrals(filter: { fromHospitalId: "dh-chc-hill", status: REQUESTED }, first: 500) { edges { node { id } } } }');
      const id = answers[0].body.data.requestReferral.id;
      expect(listed.body.data.referrals.edges.filter((e: { node: { id: string } }) => e.node.id === id)).toHaveLength(1);
    });

    it(`${CALLS} concurrent acceptReferral of one referral: one ACCEPTED, the others INVALID_TRANSITION, one event`, async () => {
      const t = h();
      const { id } = (await t.gql(hill, REQUEST, { input: input(`race-accept-${Date.now()}`) })).body.data.requestReferral;
      const accept = 'mutation ($id: ID!) { acceptReferral(id: $id) { status } }';
      const answers = await Promise.all(Array.from({ length: CALLS }, () => t.gql(lead, accept, { id })));
      const outcomes = answers.map((a) => (a.body.errors ? codes(a).join() : a.body.data.acceptReferral.status)).sort();
      expect(outcomes).toEqual(['ACCEPTED', ...Array.from({ length: CALLS - 1 }, () => 'INVALID_TRANSITION')]);
      const history = await t.gql(lead, 'query ($id: ID!) { referral(id: $id) { history { to } } }', { id });
      expect(history.body.data.referral.history.map((e: { to: string }) => e.to)).toEqual(['REQUESTED', 'ACCEPTED']);
    });

    it('accept and reject racing for one referral: exactly one wins', async () => {
      const t = h();
      const { id } = (await t.gql(hill, REQUEST, { input: input(`race-mixed-${Date.now()}`) })).body.data.requestReferral;
      const answers = await Promise.all([
        ...Array.from({ length: CALLS / 2 }, () => t.gql(lead, 'mutation ($id: ID!) { acceptReferral(id: $id) { status } }', { id })),
        ...Array.from({ length: CALLS / 2 }, () => t.gql(lead, 'mutation ($id: ID!) { rejectReferral(id: $id, reason: "无床位") { status } }', { id })),
      ]);
      const wins = answers.filter((a) => !a.body.errors);
      expect(wins).toHaveLength(1);
      expect(answers.filter((a) => a.body.errors).flatMap(codes)).toEqual(Array.from({ length: CALLS - 1 }, () => 'INVALID_TRANSITION'));
    });
  });
}
