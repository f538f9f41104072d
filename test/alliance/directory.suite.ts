import { CALLERS, codes, type AllianceHarness, heldResult } from './harness';

const hill = CALLERS.clinician('dh-chc-hill');
const lead = CALLERS.clinician('dh-lead');

/** Directory, registry, master patient index, catalogue and recognition over HTTP. */
export function describeDirectory(h: () => AllianceHarness): void {
  describe('directory and registry', () => {
    it('refuses a call without the gateway token (401)', async () => {
      const t = h();
      const response = await t.gql(null, '{ alliance { id } }');
      expect(response.status).toBe(401);
      expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    });

    it('describes the alliance, its lead and members', async () => {
      const t = h();
      const { body } = await t.gql(CALLERS.dashboard(), '{ alliance { id name nameEn kind region leadHospital { id role level } members { id } } }');
      expect(body.errors).toBeUndefined();
      expect(body.data.alliance).toMatchObject({
        name: '东湖医联体',
        nameEn: 'East Lake Medical Alliance',
        kind: 'URBAN_MEDICAL_GROUP',
        leadHospital: { id: 'dh-lead', role: 'LEAD', level: 'TERTIARY' },
      });
      expect(body.data.alliance.members.map((m: { id: string }) => m.id)).toEqual(['dh-chc-hill', 'dh-chc-lakeside', 'dh-district', 'dh-lead']);
    });

    it('gives the gateway (service) the routing table; others get FORBIDDEN on subgraphUrl only', async () => {
      const t = h();
      const query = '{ hospitals(status: ACTIVE) { id name level role status subgraphUrl } }';
      const service = await t.gql(CALLERS.service(), query);
      expect(service.body.errors).toBeUndefined();
      expect(service.body.data.hospitals).toHaveLength(4);
      expect(service.body.data.hospitals.find((x: { id: string }) => x.id === 'dh-district').subgraphUrl).toBe('http://127.0.0.1:4102/graphql');
      const clinician = await t.gql(lead, query);
      expect(clinician.body.data.hospitals.every((x: { subgraphUrl: string | null; name: string }) => x.subgraphUrl === null && x.name)).toBe(true);
      expect(new Set(codes(clinician))).toEqual(new Set(['FORBIDDEN']));
      expect(clinician.body.errors![0].path).toEqual(['hospitals', 0, 'subgraphUrl']);
    });

    it('filters hospitals and reads one with its EQA qualifications', async () => {
      const t = h();
      const { body } = await t.gql(
        CALLERS.analyst(),
        '{ primary: hospitals(level: PRIMARY) { id } lead: hospitals(role: LEAD) { id } hill: hospital(id: "dh-chc-hill") { id joinedAt recognitionMark labQualifications { loinc passed validFrom validUntil program } } none: hospital(id: "nope") { id } }',
      );
      expect(body.data.primary.map((x: { id: string }) => x.id)).toEqual(['dh-chc-hill', 'dh-chc-lakeside']);
      expect(body.data.lead).toEqual([{ id: 'dh-lead' }]);
      expect(body.data.none).toBeNull();
      const quals = body.data.hill.labQualifications;
      expect(quals.find((q: { loinc: string }) => q.loinc === '4548-4').passed).toBe(false);
      expect(quals.filter((q: { passed: boolean }) => q.passed).length).toBeGreaterThan(10);
    });

    it('registers a member (admin only), refuses duplicates, bad ids and non-http URLs', async () => {
      const t = h();
      const mutation = 'mutation ($input: RegisterHospitalInput!) { registerHospital(input: $input) { id role status level subgraphUrl } }';
      const input = {
        id: 'dh-member-09',
        name: '东湖医联体成员单位9号',
        level: 'PRIMARY',
        region: '湖北省武汉市东湖区',
        recognitionMark: '鄂HR',
        subgraphUrl: 'http://127.0.0.1:4999/graphql',
      };
      expect(codes(await t.gql(lead, mutation, { input }))).toEqual(['FORBIDDEN']);
      const created = await t.gql(CALLERS.admin(), mutation, { input });
      // nothing serves the contract at that URL: registered, but not live
      expect(created.body.data.registerHospital).toEqual({ id: 'dh-member-09', role: 'MEMBER', status: 'PENDING', level: 'PRIMARY', subgraphUrl: input.subgraphUrl });
      const activate = await t.gql(CALLERS.admin(), 'mutation { setMembershipStatus(id: "dh-member-09", status: ACTIVE, reason: "go live") { status } }');
      expect(codes(activate)).toEqual(['BAD_USER_INPUT']);
      expect(activate.body.errors![0].message).not.toMatch(/127\.0\.0\.1|4999/);
      expect(codes(await t.gql(CALLERS.admin(), mutation, { input }))).toEqual(['CONFLICT']);
      expect(codes(await t.gql(CALLERS.admin(), mutation, { input: { ...input, id: 'Bad Id' } }))).toEqual(['BAD_USER_INPUT']);
      const ftp = await t.gql(CALLERS.admin(), mutation, { input: { ...input, id: 'dh-member-10', subgraphUrl: 'ftp://127.0.0.1/graphql' } });
      expect(codes(ftp)).toEqual(['BAD_USER_INPUT']);
      expect(ftp.body.errors![0].message).not.toMatch(/127\.0\.0\.1/);
    });

    it('suspends a member with a reason, keeps the history and drops it from the routing table', async () => {
      const t = h();
      const mutation =
        'mutation ($id: ID!, $status: MembershipStatus!, $reason: String!) { setMembershipStatus(id: $id, status: $status, reason: $reason) { id status membershipHistory { from to reason by } } }';
      expect(codes(await t.gql(CALLERS.admin(), mutation, { id: 'dh-member-09', status: 'SUSPENDED', reason: '  ' }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await t.gql(CALLERS.admin(), mutation, { id: 'nope-hospital', status: 'SUSPENDED', reason: 'x' }))).toEqual(['NOT_FOUND']);
      expect(codes(await t.gql(CALLERS.dashboard(), mutation, { id: 'dh-member-09', status: 'SUSPENDED', reason: 'x' }))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql(CALLERS.admin(), mutation, { id: 'dh-lead', status: 'LEFT', reason: 'x' }))).toEqual(['BAD_USER_INPUT']);
      const { body } = await t.gql(CALLERS.admin(), mutation, { id: 'dh-member-09', status: 'SUSPENDED', reason: '质控检查未通过' });
      expect(body.data.setMembershipStatus.status).toBe('SUSPENDED');
      expect(body.data.setMembershipStatus.membershipHistory).toEqual([
        {
          from: null,
          to: 'PENDING',
          reason: expect.stringMatching(/^registered; contract check failed \(1 problem\): the subgraph did not answer _service/),
          by: 'admin:admin-1@dh-lead',
        },
        { from: 'PENDING', to: 'SUSPENDED', reason: '质控检查未通过', by: 'admin:admin-1@dh-lead' },
      ]);
      const active = await t.gql(CALLERS.service(), '{ hospitals(status: ACTIVE) { id } }');
      expect(active.body.data.hospitals.map((x: { id: string }) => x.id)).not.toContain('dh-member-09');
    });
  });

  describe('master patient index', () => {
    it('finds a person and their charts at the holding hospitals', async () => {
      const t = h();
      const { body } = await t.gql(lead, '{ patient(mpiId: "MPI-000001") { mpiId records { hospitalId mrn } referrals { id } } missing: patient(mpiId: "MPI-999999") { mpiId } }');
      expect(body.errors).toBeUndefined();
      expect(body.data.patient.records.map((r: { hospitalId: string }) => r.hospitalId)).toEqual(['dh-chc-lakeside', 'dh-district', 'dh-lead']);
      expect(body.data.missing).toBeNull();
      const mrn = body.data.patient.records[0].mrn;
      const byId = await t.gql(lead, 'query ($mrn: String!) { patientByIdentifier(hospitalId: "dh-chc-lakeside", mrn: $mrn) { mpiId } }', { mrn });
      expect(byId.body.data.patientByIdentifier).toEqual({ mpiId: 'MPI-000001' });
    });

    it('is PHI: analysts, dashboards, admins and clinicians without a purpose get FORBIDDEN', async () => {
      const t = h();
      for (const caller of [CALLERS.analyst(), CALLERS.dashboard(), CALLERS.admin(), { ...lead, purpose: undefined }]) {
        expect(codes(await t.gql(caller, '{ patient(mpiId: "MPI-000001") { mpiId } }'))).toEqual(['FORBIDDEN']);
      }
    });
  });

  describe('mutual recognition', () => {
    it('lists the catalogue by category', async () => {
      const t = h();
      const { body } = await t.gql(
        CALLERS.analyst(),
        '{ lab: recognitionCatalog(category: LAB) { loinc scope mark validityDays priceYuan } imaging: recognitionCatalog(category: IMAGING) { loinc } all: recognitionCatalog { loinc } }',
      );
      expect(body.data.lab).toHaveLength(16);
      expect(body.data.lab.find((i: { loinc: string }) => i.loinc === '6690-2')).toEqual({ loinc: '6690-2', scope: 'NATIONAL', mark: '全国HR', validityDays: 7, priceYuan: 12 });
      expect(body.data.lab.find((i: { loinc: string }) => i.loinc === '4548-4').mark).toBe('鄂HR');
      expect(body.data.imaging).toHaveLength(2);
      expect(body.data.all).toHaveLength(18);
    });

    it('answers recognition for LabResult entities (the @requires fetch) with bounded SQL', async () => {
      const t = h();
      const recent = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const reps = [
        { __typename: 'LabResult', hospitalId: 'dh-district', id: 'lr-1', loinc: '6690-2', status: 'FINAL', collectedAt: recent },
        { __typename: 'LabResult', hospitalId: 'dh-chc-hill', id: 'lr-2', loinc: '4548-4', status: 'FINAL', collectedAt: recent },
        { __typename: 'LabResult', hospitalId: 'dh-lead', id: 'lr-3', loinc: '6690-2', status: 'FINAL', collectedAt: recent },
        { __typename: 'LabResult', hospitalId: 'dh-district', id: 'lr-4', loinc: '1988-5', status: 'FINAL', collectedAt: recent },
        { __typename: 'LabResult', hospitalId: 'dh-district', id: 'lr-5', loinc: '6690-2', status: 'PRELIMINARY', collectedAt: recent },
        { __typename: 'LabResult', hospitalId: 'dh-district', id: 'lr-6', loinc: '6690-2', status: 'FINAL', collectedAt: new Date(Date.now() - 30 * 86_400_000).toISOString() },
        { __typename: 'LabResult', hospitalId: 'dh-member-09', id: 'lr-7', loinc: '6690-2', status: 'FINAL', collectedAt: recent },
      ];
      const query =
        'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on LabResult { id recognition(atHospitalId: "dh-lead") { status mark validUntil reason item { loinc } } } } }';
      const counted = { 'x-medalliance-sql-statements': 'count' };
      const response = await t.gql(lead, query, { reps }, counted);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data._entities.map((e: { recognition: { status: string } }) => e.recognition.status)).toEqual([
        'RECOGNIZED',
        'LAB_NOT_QUALIFIED',
        'OWN_RESULT',
        'NOT_IN_CATALOG',
        'NOT_FINAL',
        'EXPIRED',
        'ISSUER_NOT_ACTIVE',
      ]);
      expect(response.body.data._entities[0].recognition).toMatchObject({ mark: '全国HR', validUntil: new Date(Date.parse(recent) + 7 * 86_400_000).toISOString() });
      const few = await t.gql(lead, query, { reps: reps.slice(0, 2) }, counted);
      expect(Number(response.headers.get('x-medalliance-sql-statements'))).toBe(Number(few.headers.get('x-medalliance-sql-statements')));
      // the caller's membership, then one tick: the asking and issuing hospitals together, the catalogue, the qualifications
      expect(Number(response.headers.get('x-medalliance-sql-statements'))).toBe(4);
    });

    it('records decisions: ACCEPTED saves the price, idempotent, RETESTED needs a reason, own hospital only', async () => {
      const t = h();
      const mutation =
        'mutation ($input: RecognitionDecisionInput!) { recordRecognitionDecision(input: $input) { id decision retestReason savedYuan decidedBy atHospitalId result { hospitalId id } } }';
      // an HbA1c result the member confirms (DESIGN 5: decisions only on results that exist)
      const held = await heldResult(t, 'dh-chc-hill', '4548-4');
      const input = { result: { hospitalId: 'dh-chc-hill', id: held.id }, loinc: '4548-4', atHospitalId: 'dh-lead', decision: 'ACCEPTED', idempotencyKey: 'dec-test-1' };
      const first = await t.gql(lead, mutation, { input });
      expect(first.body.data.recordRecognitionDecision).toMatchObject({
        decision: 'ACCEPTED',
        savedYuan: 45,
        decidedBy: 'clinician:clinician-dh-lead@dh-lead',
        result: { hospitalId: 'dh-chc-hill', id: held.id },
      });
      expect(codes(await t.gql(lead, mutation, { input: { ...input, result: { hospitalId: 'dh-chc-hill', id: 'lr-not-there' }, idempotencyKey: 'dec-test-missing' } }))).toEqual([
        'NOT_FOUND',
      ]);
      const again = await t.gql(lead, mutation, { input });
      expect(again.body.data.recordRecognitionDecision.id).toBe(first.body.data.recordRecognitionDecision.id);
      expect(codes(await t.gql(lead, mutation, { input: { ...input, decision: 'RETESTED', retestReason: 'EMERGENCY' } }))).toEqual(['CONFLICT']);
      expect(codes(await t.gql(lead, mutation, { input: { ...input, idempotencyKey: 'dec-test-2', decision: 'RETESTED' } }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await t.gql(lead, mutation, { input: { ...input, idempotencyKey: 'dec-test-3', decision: 'RETESTED', retestReason: 'OTHER' } }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await t.gql(lead, mutation, { input: { ...input, idempotencyKey: 'dec-test-4', retestReason: 'EMERGENCY' } }))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await t.gql(hill, mutation, { input: { ...input, idempotencyKey: 'dec-test-5' } }))).toEqual(['FORBIDDEN']);
      const retest = await t.gql(lead, mutation, { input: { ...input, idempotencyKey: 'dec-test-6', decision: 'RETESTED', retestReason: 'OTHER', note: '标本溶血' } });
      expect(retest.body.data.recordRecognitionDecision).toMatchObject({ decision: 'RETESTED', retestReason: 'OTHER', savedYuan: 0 });
    });
  });
}
