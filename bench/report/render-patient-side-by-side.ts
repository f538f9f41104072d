import { SIDE_TARGETS, type PatientSideBySideResult, type SideTarget } from '../workloads/patient-query-side-by-side';
import { table } from './table';
import { atMost, BOUNDS, ratio, verdictCell, type TargetRow } from './verdicts';

const LABEL: Record<SideTarget, string> = {
  medalliance: 'MedAlliance gateway',
  apolloGateway: 'plain `@apollo/gateway` (defaults)',
  hiveGateway: 'Hive Gateway (defaults)',
};

const BASELINES = ['apolloGateway', 'hiveGateway'] as const;
const range = (r: { min: number; max: number }) => (r.min === r.max ? String(r.min) : `${r.min}–${r.max}`);

/** Our gateway's CPU per request over a baseline's, as printed; NaN when either is missing. */
function cpuShare(r: PatientSideBySideResult, baseline: SideTarget): number {
  return ratio(r.mean.medalliance.cpuMsPerRequest.gateway, r.mean[baseline].cpuMsPerRequest.gateway);
}

const times = (value: number) => (Number.isNaN(value) ? '–' : `${value}×`);

/** Workload 3b's targets, one per baseline, as rows of the report's targets table; the verdicts are computed. */
export function patientSideBySideTargets(r: PatientSideBySideResult | undefined): TargetRow[] {
  return BASELINES.map((baseline) => {
    const share = r ? cpuShare(r, baseline) : NaN;
    return {
      target: `patient query, one-member alliance (3b): our gateway CPU/request ≤ ${BOUNDS.patientSideCpuShare}× ${LABEL[baseline]}'s`,
      measured: times(share),
      verdict: atMost(share, BOUNDS.patientSideCpuShare),
    };
  });
}

/** The section of docs/BENCHMARKS.md for workload 3b, as markdown lines. */
export function renderPatientSideBySide(r: PatientSideBySideResult): string[] {
  const ours = r.mean.medalliance.cpuMsPerRequest.gateway;
  return [
    '## 3b. Patient query side by side (one-member alliance)',
    '',
    `DESIGN 3.3's patient query on an alliance of one member: the alliance and ${r.member} (seed: one hospital, ${r.seedPatients} patients),`,
    `so every chart is there; ${r.patients.length} patients asked in turn (${r.patients[0]} on), as a treating clinician of ${r.member}.`,
    `Each answer: ${range(r.answerShape.charts)} chart, ${range(r.answerShape.labResults)} results with their recognition, ${range(r.answerShape.referrals)} referrals`,
    '(one hospital refers to no other). All three gateways run the same supergraph: the alliance SDL and the hospital',
    "contract as one subgraph `hospitals`, which the two third-party gateways send to the member's URL. They add to",
    'each subgraph call the token our gateway signs (a clinician with a purpose of use, one use, bound to the',
    "call's body; Apollo: `willSendRequest`, Hive: an `onFetch` plugin), nothing else changed from their defaults.",
    "Before measuring, every patient's answer is asked of all three and must be the same data without errors.",
    '',
    `Loaded: ${r.rounds.length} rounds of ${r.rounds[0]?.medalliance.load.connections ?? '–'} connections, order reversed every other round, mean shown. CPU: time of`,
    'each process per answered request (/proc); the alliance and member columns are for information (they do the',
    'same work behind every gateway). One at a time: the three gateways take turns, one request each.',
    '',
    table(
      ['gateway', 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU ms/req', 'ours ÷ theirs', 'alliance CPU ms/req', 'member CPU ms/req', 'p50 ms one at a time'],
      SIDE_TARGETS.map((t) => {
        const m = r.mean[t];
        return [
          LABEL[t],
          m.throughput,
          m.p50Ms,
          m.p99Ms,
          m.cpuMsPerRequest.gateway.toFixed(2),
          t === 'medalliance' ? '–' : times(cpuShare(r, t)),
          m.cpuMsPerRequest.alliance.toFixed(2),
          m.cpuMsPerRequest.member.toFixed(2),
          r.latency[t].p50Ms,
        ];
      }),
    ),
    '',
    `Target: our gateway's CPU per request ≤ ${BOUNDS.patientSideCpuShare}× each baseline's (${ours.toFixed(2)} ms here).`,
    '',
    table(
      ['target', 'measured', ''],
      patientSideBySideTargets(r).map((t) => [t.target, t.measured, verdictCell(t.verdict)]),
    ),
    '',
  ];
}
