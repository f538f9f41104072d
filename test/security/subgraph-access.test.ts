import { rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import type { AuditEntry } from '../../subgraphs/runtime/audit/audit-entry.entity';
import type { Caller } from '../../common/auth/caller';
import { startRealAlliance, type RealAlliance } from '../gateway/support/real-alliance';
import { postGraphQL, type GraphQLResponse } from '../support/graphql-client';
import { spawnCli } from '../support/spawn-cli';
import { ALLIANCE_AUDIENCE, CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';

/**
 * The red-team findings of the subgraph side, replayed against real processes (built CLI:
 * two members, the alliance, the gateway; one scratch data directory, real ES256 tokens):
 * membership-bound access, hospital arguments, clinical integrity of referrals and
 * recognition decisions. Subgraphs are called the way the gateway calls them, with a token
 * signed by the gateway key; the aggregate cases go through the gateway.
 */
jest.setTimeout(180_000);

let system: RealAlliance;
const codes = (r: GraphQLResponse) => (r.body.errors ?? []).map((e) => e.extensions?.code as string);

async function alliance(caller: Caller, query: string, variables?: Record<string, unknown>, requestId?: string): Promise<GraphQLResponse> {
  const headers = await gatewayHeaders(caller, { dataDir: system.dataDir, audience: ALLIANCE_AUDIENCE }, { query, variables });
  return postGraphQL(system.alliance.url, query, variables, { ...headers, ...(requestId ? { 'x-request-id': requestId } : {}) });
}

async function member(hospitalId: string, caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const headers = await gatewayHeaders(caller, { dataDir: system.dataDir, audience: hospitalAudience(hospitalId) }, { query, variables });
  return postGraphQL(system.hospitals.get(hospitalId)!.url, query, variables, headers);
}

const lead = CALLERS.clinician('dh-lead');
const district = CALLERS.clinician('dh-district');
const admin = CALLERS.admin();

interface Chart {
  mpiId: string;
  mrn: string;
  results: { id: string; loinc: string }[];
}

/** People with a chart at dh-district holding results, from the index and the member itself. */
async function chartsAtDistrict(count: number): Promise<Chart[]> {
  const found: Chart[] = [];
  for (let n = 1; found.length < count && n <= 60; n++) {
    const mpiId = `MPI-${String(n).padStart(6, '0')}`;
    const person = await alliance(lead, 'query ($m: ID!) { patient(mpiId: $m) { records { hospitalId mrn } } }', { m: mpiId });
    const chart = person.body.data?.patient?.records.find((r: { hospitalId: string }) => r.hospitalId === 'dh-district');
    if (!chart) continue;
    const held = await member(
      'dh-district',
      district,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { labResults(first: 20, status: [FINAL]) { id loinc } } } }',
      {
        r: [{ __typename: 'PatientRecord', hospitalId: 'dh-district', mrn: chart.mrn }],
      },
    );
    const results = held.body.data?._entities[0]?.labResults ?? [];
    if (results.length > 0) found.push({ mpiId, mrn: chart.mrn, results });
  }
  if (found.length < count) throw new Error('the seed has too few charts at dh-district');
  return found;
}

beforeAll(async () => {
  system = await startRealAlliance({ running: ['dh-lead', 'dh-district'], env: { MEDALLIANCE_SEED_PATIENTS: '60' } });
});
afterAll(async () => {
  await system?.stop();
  if (system) rmSync(system.dataDir, { recursive: true, force: true });
});

describe('membership-bound access at the subgraphs', () => {
  it('a member refuses every clinician whose hospital the gateway does not state as ACTIVE', async () => {
    const [someone] = await chartsAtDistrict(1);
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { name labResults { id valueQuantity } } } }';
    const variables = { r: [{ __typename: 'PatientRecord', hospitalId: 'dh-district', mrn: someone.mrn }] };
    expect((await member('dh-district', district, query, variables)).body.data._entities[0].name).toEqual(expect.any(String));
    for (const memberStatus of ['SUSPENDED', 'LEFT', 'UNKNOWN', undefined] as const) {
      const answer = await member('dh-district', { ...CALLERS.clinician('dh-chc-hill'), memberStatus }, query, variables);
      expect({ memberStatus, data: answer.body.data, codes: codes(answer) }).toEqual({ memberStatus, data: { _entities: [null] }, codes: ['FORBIDDEN'] });
    }
  });

  it('the alliance reads its own registry: a suspended or unknown hospital reads and writes nothing, whatever the token claims', async () => {
    const [someone] = await chartsAtDistrict(1);
    const suspend = await alliance(admin, 'mutation { setMembershipStatus(id: "dh-chc-hill", status: SUSPENDED, reason: "red-team replay") { status } }');
    expect(suspend.body.data.setMembershipStatus.status).toBe('SUSPENDED');
    try {
      const outsiders: Caller[] = [CALLERS.clinician('dh-chc-hill'), { ...CALLERS.clinician('dh-nowhere'), memberStatus: 'ACTIVE' }];
      for (const outsider of outsiders) {
        const requestId = `outsider-${outsider.hospitalId}-${Date.now()}`;
        const read = await alliance(outsider, 'query Outsider($m: ID!) { patient(mpiId: $m) { records { mrn } } }', { m: someone.mpiId }, requestId);
        expect({ who: outsider.hospitalId, data: read.body.data, codes: codes(read) }).toEqual({ who: outsider.hospitalId, data: { patient: null }, codes: ['FORBIDDEN'] });
        const row = await auditRowOf(requestId);
        expect({ who: outsider.hospitalId, row }).toMatchObject({ who: outsider.hospitalId, row: { outcome: 'DENIED', patientRefs: JSON.stringify([someone.mpiId]) } });
        const write = await alliance(outsider, 'mutation ($i: RequestReferralInput!) { requestReferral(input: $i) { id } }', {
          i: {
            patientMpiId: someone.mpiId,
            fromHospitalId: outsider.hospitalId,
            toHospitalId: 'dh-lead',
            urgency: 'ROUTINE',
            reason: 'replay',
            idempotencyKey: `outsider-${outsider.hospitalId}`,
          },
        });
        expect({ who: outsider.hospitalId, codes: codes(write), data: write.body.data }).toEqual({ who: outsider.hospitalId, codes: ['FORBIDDEN'], data: null });
        const directory = await alliance(outsider, '{ hospitals { id } }');
        expect({ who: outsider.hospitalId, codes: codes(directory) }).toEqual({ who: outsider.hospitalId, codes: ['FORBIDDEN'] });
      }
    } finally {
      await alliance(admin, 'mutation { setMembershipStatus(id: "dh-chc-hill", status: ACTIVE, reason: "replay done") { status } }');
    }
  });
});

async function auditRowOf(requestId: string): Promise<Partial<AuditEntry> | null> {
  const trail = await alliance(admin, 'query ($f: AuditFilter) { auditTrail(filter: $f, first: 500) { edges { node { requestId outcome patients { mpiId } } } } }', {
    f: { outcome: 'DENIED' },
  });
  const node = trail.body.data.auditTrail.edges.map((e: { node: any }) => e.node).find((n: { requestId: string }) => n.requestId === requestId);
  return node ? { outcome: node.outcome, patientRefs: JSON.stringify(node.patients.map((p: { mpiId: string }) => p.mpiId)) } : null;
}

describe('every argument naming a hospital is checked at the alliance', () => {
  it('recognition(atHospitalId:) with a typo is MEMBER_UNKNOWN, never a computed status', async () => {
    const [someone] = await chartsAtDistrict(1);
    const result = someone.results[0];
    const ask = (here: string) =>
      alliance(lead, 'query ($r: [_Any!]!, $h: ID!) { _entities(representations: $r) { ... on LabResult { recognition(atHospitalId: $h) { status } } } }', {
        r: [{ __typename: 'LabResult', hospitalId: 'dh-district', id: result.id, loinc: result.loinc, status: 'FINAL', collectedAt: new Date().toISOString() }],
        h: here,
      });
    expect((await ask('dh-lead')).body.data._entities[0].recognition.status).toEqual(expect.any(String));
    const typo = await ask('dh-leed');
    expect(codes(typo)).toEqual(['MEMBER_UNKNOWN']);
    expect(typo.body.data?._entities?.[0] ?? null).toBeNull();
  });

  it('filters naming an unknown hospital are MEMBER_UNKNOWN; a lookup by id is simply null', async () => {
    for (const [query, filter] of [
      ['query ($f: ReferralFilter) { referrals(filter: $f) { totalCount } }', { hospitalId: 'dh-leed' }],
      ['query ($f: DispatchFilter) { expertDispatches(filter: $f) { totalCount } }', { toHospitalId: 'dh-leed' }],
      ['query ($f: TrainingFilter) { trainings(filter: $f) { totalCount } }', { hostHospitalId: 'dh-leed' }],
    ] as const) {
      expect({ query, codes: codes(await alliance(lead, query, { f: filter })) }).toEqual({ query, codes: ['MEMBER_UNKNOWN'] });
    }
    expect((await alliance(lead, '{ hospital(id: "dh-leed") { id } }')).body).toEqual({ data: { hospital: null } });
  });

  it('requestReferral and recordRecognitionDecision refuse hospitals that are not active members', async () => {
    const [someone] = await chartsAtDistrict(1);
    const referral = await alliance(district, 'mutation ($i: RequestReferralInput!) { requestReferral(input: $i) { id } }', {
      i: { patientMpiId: someone.mpiId, fromHospitalId: 'dh-district', toHospitalId: 'dh-leed', urgency: 'ROUTINE', reason: 'typo', idempotencyKey: `typo-${Date.now()}` },
    });
    expect(codes(referral)).toEqual(['MEMBER_UNKNOWN']);
    const decision = await alliance(lead, 'mutation ($i: RecognitionDecisionInput!) { recordRecognitionDecision(input: $i) { id } }', {
      i: {
        result: { hospitalId: 'dh-distrct', id: someone.results[0].id },
        loinc: someone.results[0].loinc,
        atHospitalId: 'dh-lead',
        decision: 'ACCEPTED',
        idempotencyKey: `typo-dec-${Date.now()}`,
      },
    });
    expect(codes(decision)).toEqual(['MEMBER_UNKNOWN']);
  });
});

describe('clinical integrity', () => {
  const REQUEST = 'mutation ($i: RequestReferralInput!) { requestReferral(input: $i) { id attachedResults { id } } }';
  const input = (mpiId: string, attachedResults: { hospitalId: string; id: string }[], key: string) => ({
    i: { patientMpiId: mpiId, fromHospitalId: 'dh-district', toHospitalId: 'dh-lead', urgency: 'ROUTINE', reason: '复查', attachedResults, idempotencyKey: key },
  });

  it("a referral refuses another patient's results and results that do not exist, and takes the patient's own", async () => {
    const [patient, other] = await chartsAtDistrict(2);
    const stamp = Date.now();
    const foreign = await alliance(district, REQUEST, input(patient.mpiId, [{ hospitalId: 'dh-district', id: other.results[0].id }], `foreign-${stamp}`));
    expect(codes(foreign)).toEqual(['BAD_USER_INPUT']);
    const missing = await alliance(district, REQUEST, input(patient.mpiId, [{ hospitalId: 'dh-district', id: 'res-does-not-exist' }], `missing-${stamp}`));
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    const elsewhere = await alliance(district, REQUEST, input(patient.mpiId, [{ hospitalId: 'dh-chc-hill', id: patient.results[0].id }], `elsewhere-${stamp}`));
    const charts = (await alliance(lead, 'query ($m: ID!) { patient(mpiId: $m) { records { hospitalId } } }', { m: patient.mpiId })).body.data.patient.records.map(
      (r: { hospitalId: string }) => r.hospitalId,
    );
    if (!charts.includes('dh-chc-hill')) expect(codes(elsewhere)).toEqual(['BAD_USER_INPUT']);
    const own = await alliance(district, REQUEST, input(patient.mpiId, [{ hospitalId: 'dh-district', id: patient.results[0].id }], `own-${stamp}`));
    expect(codes(own)).toEqual([]);
    expect(own.body.data.requestReferral.attachedResults).toEqual([{ id: patient.results[0].id }]);
  });

  it('a decision on a result that does not exist is refused and saves nothing; a real one is counted', async () => {
    const [patient] = await chartsAtDistrict(1);
    const savings = async () => (await alliance(admin, '{ allianceStats { estimatedSavingsYuan resultsReused } }')).body.data.allianceStats;
    const before = await savings();
    const DECIDE = 'mutation ($i: RecognitionDecisionInput!) { recordRecognitionDecision(input: $i) { id savedYuan } }';
    const result = patient.results[0];
    for (let n = 0; n < 3; n++) {
      const fake = await alliance(lead, DECIDE, {
        i: {
          result: { hospitalId: 'dh-district', id: `res-fake-${n}` },
          loinc: result.loinc,
          atHospitalId: 'dh-lead',
          decision: 'ACCEPTED',
          idempotencyKey: `fake-${Date.now()}-${n}`,
        },
      });
      expect(codes(fake)).toEqual(['NOT_FOUND']);
    }
    const wrongCode = await alliance(lead, DECIDE, {
      i: {
        result: { hospitalId: 'dh-district', id: result.id },
        loinc: '4548-4' === result.loinc ? '2823-3' : '4548-4',
        atHospitalId: 'dh-lead',
        decision: 'ACCEPTED',
        idempotencyKey: `code-${Date.now()}`,
      },
    });
    expect(codes(wrongCode)).toEqual(['BAD_USER_INPUT']);
    expect(await savings()).toEqual(before);

    const real = await alliance(lead, DECIDE, {
      i: { result: { hospitalId: 'dh-district', id: result.id }, loinc: result.loinc, atHospitalId: 'dh-lead', decision: 'ACCEPTED', idempotencyKey: `real-${Date.now()}` },
    });
    const catalogued = (await alliance(lead, '{ recognitionCatalog { loinc priceYuan } }')).body.data.recognitionCatalog.find((i: { loinc: string }) => i.loinc === result.loinc);
    if (catalogued) {
      expect(codes(real)).toEqual([]);
      const after = await savings();
      expect(after.resultsReused).toBe(before.resultsReused + 1);
      expect(after.estimatedSavingsYuan).toBeCloseTo(before.estimatedSavingsYuan + catalogued.priceYuan, 2);
    } else {
      expect(codes(real)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('de-identified aggregates', () => {
  const SUMMARY = 'query ($from: DateTime, $to: DateTime) { labSummary(loinc: "4548-4", from: $from, to: $to) { count abnormalCount mean min max suppressed } }';
  const DAY = 86_400_000;
  /** Midnight in Asia/Shanghai (UTC+8, no daylight saving) of the day an instant falls on. */
  const shanghaiMidnight = (at: number) => Math.floor((at + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000;

  async function targetResult(): Promise<{ value: number; collectedAt: number }> {
    for (let n = 1; n <= 60; n++) {
      const mpiId = `MPI-${String(n).padStart(6, '0')}`;
      const person = await alliance(lead, 'query ($m: ID!) { patient(mpiId: $m) { records { hospitalId mrn } } }', { m: mpiId });
      const chart = person.body.data?.patient?.records.find((r: { hospitalId: string }) => r.hospitalId === 'dh-district');
      if (!chart) continue;
      const held = await member(
        'dh-district',
        district,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { labResults(loinc: ["4548-4"], status: [FINAL], first: 1) { valueQuantity collectedAt } } } }',
        {
          r: [{ __typename: 'PatientRecord', hospitalId: 'dh-district', mrn: chart.mrn }],
        },
      );
      const [result] = held.body.data?._entities[0]?.labResults ?? [];
      if (result && Date.parse(result.collectedAt) < shanghaiMidnight(Date.now())) return { value: result.valueQuantity, collectedAt: Date.parse(result.collectedAt) };
    }
    throw new Error('no HbA1c result at dh-district');
  }

  it('replays the narrowing attack on one HbA1c result as an analyst and recovers nothing', async () => {
    const target = await targetResult();
    const analyst = CALLERS.analyst();
    const answers: { from: number; to: number; body: GraphQLResponse['body'] }[] = [];
    const ask = async (from: number, to: number) => {
      const answer = await member('dh-district', analyst, SUMMARY, { from: new Date(from).toISOString(), to: new Date(to).toISOString() });
      answers.push({ from, to, body: answer.body });
      return answer;
    };
    // 1. the original attack: halving windows of arbitrary instants around the result, down to the millisecond
    let [from, to] = [target.collectedAt - 64 * DAY, target.collectedAt + 64 * DAY];
    while (to - from > 1) {
      const answer = await ask(from, to);
      expect(codes(answer)).toEqual([]);
      const mid = from + Math.floor((to - from) / 2);
      if (target.collectedAt < mid) to = mid;
      else from = mid;
    }
    // 2. the same with whole days in the alliance's time zone, around the result's day
    const day = shanghaiMidnight(target.collectedAt);
    for (let days = 64; days >= 1; days = Math.floor(days / 2)) {
      for (const start of [day - (days - 1) * DAY, day]) await ask(start, start + days * DAY);
    }
    expect(answers.length).toBeGreaterThanOrEqual(40);
    // every bound was cut to a whole day, so a narrow window is an empty one; nothing shown
    // comes from fewer than 10 results; the one-day cell of the result is withheld
    for (const { body } of answers) {
      const row = body.data.labSummary[0];
      if (row.suppressed && row.count === null) expect(row).toEqual({ count: null, abnormalCount: null, mean: null, min: null, max: null, suppressed: true });
      else if (row.count === 0) expect(row).toMatchObject({ mean: null, min: null, max: null, suppressed: false });
      else expect(row.count).toBeGreaterThanOrEqual(10);
    }
    const oneDay = answers.find((a) => a.from === day && a.to === day + DAY)!.body.data.labSummary[0];
    const exact = (await member('dh-district', district, SUMMARY, { from: new Date(day).toISOString(), to: new Date(day + DAY).toISOString() })).body.data.labSummary[0];
    expect(exact.count).toBeGreaterThanOrEqual(1);
    if (exact.count < 10) expect(oneDay).toEqual({ count: null, abnormalCount: null, mean: null, min: null, max: null, suppressed: true });
    // a clinician keeps exact figures over any window
    const minute = await member('dh-district', district, SUMMARY, { from: new Date(target.collectedAt).toISOString(), to: new Date(target.collectedAt + 60_000).toISOString() });
    expect(minute.body.data.labSummary[0]).toMatchObject({ suppressed: false, min: target.value });
  });

  it('alliance statistics: an analyst gets whole days only (bounds snapped), and no figure from a small group', async () => {
    const analyst = CALLERS.analyst();
    const snapped = await alliance(analyst, '{ allianceStats(from: "2026-03-01T08:30:00Z") { from } }');
    expect(snapped.body.data.allianceStats.from).toBe('2026-02-28T16:00:00.000Z');
    const stats = (await alliance(analyst, '{ allianceStats { to greenChannelReferrals referralsLateral suppressed byHospital { referralsSent suppressed } } }')).body.data
      .allianceStats;
    expect(Date.parse(stats.to)).toBe(shanghaiMidnight(Date.now()));
    for (const value of [stats.greenChannelReferrals, stats.referralsLateral, ...stats.byHospital.map((h: { referralsSent: number | null }) => h.referralsSent)]) {
      expect(value === null || value === 0 || value >= 10).toBe(true);
    }
  });
});

describe('registration is contract-checked', () => {
  it('leaves a member PENDING until its subgraph passes the contract check, then lets it go live', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/graphql`;
    const REGISTER = 'mutation ($i: RegisterHospitalInput!) { registerHospital(input: $i) { id status membershipHistory { from to reason } } }';
    const registered = await alliance(admin, REGISTER, {
      i: { id: 'dh-member-05', name: '东湖医联体成员单位5号', level: 'PRIMARY', region: '湖北省武汉市东湖区', subgraphUrl: url },
    });
    expect(registered.body.data.registerHospital).toMatchObject({
      id: 'dh-member-05',
      status: 'PENDING',
      membershipHistory: [{ from: null, to: 'PENDING', reason: expect.stringContaining('contract check failed') }],
    });
    // not routed, not a member for clinicians or arguments
    expect((await alliance(CALLERS.service(), '{ hospitals(status: ACTIVE) { id } }')).body.data.hospitals.map((h: { id: string }) => h.id)).not.toContain('dh-member-05');
    expect(codes(await alliance(lead, 'query ($f: ReferralFilter) { referrals(filter: $f) { totalCount } }', { f: { hospitalId: 'dh-member-05' } }))).toEqual([]);
    const early = await alliance(admin, 'mutation { setMembershipStatus(id: "dh-member-05", status: ACTIVE, reason: "go live") { status } }');
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);

    const joiner = await spawnCli(['hospital', '--id', 'dh-member-05', '--port', String(port)], {
      MEDALLIANCE_DATA_DIR: system.dataDir,
      DATABASE_URL: '',
      MEDALLIANCE_SEED_PATIENTS: '60',
    });
    try {
      const live = await alliance(
        admin,
        'mutation { setMembershipStatus(id: "dh-member-05", status: ACTIVE, reason: "contract check passes now") { status membershipHistory { from to } } }',
      );
      expect(codes(live)).toEqual([]);
      expect(live.body.data.setMembershipStatus).toEqual({
        status: 'ACTIVE',
        membershipHistory: [
          { from: null, to: 'PENDING' },
          { from: 'PENDING', to: 'ACTIVE' },
        ],
      });
    } finally {
      await joiner.stop();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
