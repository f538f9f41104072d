import type { BroadcastResult, MemberKind } from '../workloads/broadcast';
import type { SingleHospitalResult, Target, TargetMean } from '../workloads/single-hospital';

export type Verdict = 'met' | 'not met' | 'no figure';

/** A ratio as the report prints it (two decimals); verdicts judge the printed figure, so the two never disagree. */
export function ratio(a: number | undefined, b: number | undefined): number {
  return a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? Math.round((a / b) * 100) / 100 : NaN;
}

const known = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/** `value` against a lower bound (inclusive); no figure when the run did not measure it. */
export function atLeast(value: number | null | undefined, bound: number): Verdict {
  return !known(value) ? 'no figure' : value >= bound ? 'met' : 'not met';
}

/** `value` against an upper bound (inclusive). */
export function atMost(value: number | null | undefined, bound: number): Verdict {
  return !known(value) ? 'no figure' : value <= bound ? 'met' : 'not met';
}

export function verdictCell(verdict: Verdict): string {
  return verdict === 'not met' ? '**not met**' : verdict === 'no figure' ? 'no figure in this run' : 'met';
}

/** The targets (performance round 2). */
export const BOUNDS = {
  cannedOverApollo: 3,
  cannedOverHive: 2,
  cannedCpuOverApollo: 0.35,
  realOverDirect: 0.8,
  cpuPerMemberCallMs: 0.08,
  rssMb: 150,
  /** Workload 3, CPU per request in ms, judged on the one-at-a-time series. */
  patientQueryCpuMs: { total: 12, gateway: 2, alliance: 3, perChart: 2 },
  /** Workload 3b: our gateway's CPU per request over each baseline's. */
  patientSideCpuShare: 0.5,
  /** Broadcast widths the CPU per member call is judged at (canned members, plain broadcast). */
  judgedWidths: [30, 200],
  /** Width at which gateway RSS is judged, every series. */
  rssWidth: 30,
} as const;

/** The figures the targets are judged on, taken out of a run's results. */
export interface TargetFigures {
  real?: Record<Target, TargetMean>;
  canned?: Record<Target, TargetMean>;
  /** Canned members, plain broadcast to every running member, 10 connections. */
  cpuPerMemberCall: { n: number; ms: number | null }[];
  /** Gateway RSS (max) during the N = rssWidth runs, per series with that many members running. */
  rssAtWidth: { members: MemberKind; maxMb: number | null }[];
}

export function targetFigures(single: SingleHospitalResult | undefined, canned: SingleHospitalResult | undefined, broadcast: BroadcastResult): TargetFigures {
  const running = (s: BroadcastResult['series'][number]) => s.running ?? s.points[s.points.length - 1]?.n;
  return {
    real: single?.mean,
    canned: canned?.mean,
    cpuPerMemberCall: BOUNDS.judgedWidths.map((n) => {
      const series = broadcast.series.find((s) => s.members === 'canned' && running(s) === n);
      const point = series?.points.find((p) => p.n === n);
      return { n, ms: point?.loaded.gatewayCpuMsPerMemberCall ?? null };
    }),
    rssAtWidth: broadcast.series.filter((s) => running(s) === BOUNDS.rssWidth).map((s) => ({ members: s.members, maxMb: s.rssAtMaxN?.maxMb ?? null })),
  };
}

export interface TargetRow {
  target: string;
  measured: string;
  verdict: Verdict;
}

const times = (value: number) => (Number.isNaN(value) ? '–' : `${value}×`);

/** One row per target, each with its verdict computed from the figures. */
export function targetRows(f: TargetFigures, connections: number): TargetRow[] {
  const c = f.canned;
  const overApollo = ratio(c?.medalliance.throughput, c?.apolloGateway.throughput);
  const overHive = ratio(c?.medalliance.throughput, c?.hiveGateway.throughput);
  const overHiveNoDedup = ratio(c?.medalliance.throughput, c?.hiveGatewayNoDedup.throughput);
  const cpuOverApollo = ratio(c?.medalliance.gatewayCpuMs, c?.apolloGateway.gatewayCpuMs);
  const overDirect = ratio(f.real?.medalliance.throughput, f.real?.direct.throughput);
  return [
    {
      target: `staff lookup, canned member (1b): our req/s ≥ ${BOUNDS.cannedOverApollo}× plain \`@apollo/gateway\``,
      measured: times(overApollo),
      verdict: atLeast(overApollo, BOUNDS.cannedOverApollo),
    },
    { target: `same: our req/s ≥ ${BOUNDS.cannedOverHive}× Hive Gateway (defaults)`, measured: times(overHive), verdict: atLeast(overHive, BOUNDS.cannedOverHive) },
    {
      target: `same: our req/s ≥ ${BOUNDS.cannedOverHive}× Hive Gateway, deduplication off`,
      measured: times(overHiveNoDedup),
      verdict: atLeast(overHiveNoDedup, BOUNDS.cannedOverHive),
    },
    {
      target: `same: our gateway CPU per request ≤ ${BOUNDS.cannedCpuOverApollo}× plain \`@apollo/gateway\`'s`,
      measured: times(cpuOverApollo),
      verdict: atMost(cpuOverApollo, BOUNDS.cannedCpuOverApollo),
    },
    {
      target: `staff lookup, real member (1): our req/s ≥ ${BOUNDS.realOverDirect}× direct to the member`,
      measured: times(overDirect),
      verdict: atLeast(overDirect, BOUNDS.realOverDirect),
    },
    ...f.cpuPerMemberCall.map(({ n, ms }) => ({
      target: `broadcast to ${n} canned members, ${connections} connections (2): gateway CPU per member call ≤ ${BOUNDS.cpuPerMemberCallMs} ms`,
      measured: known(ms) ? `${ms} ms` : '–',
      verdict: atMost(ms, BOUNDS.cpuPerMemberCallMs),
    })),
    ...f.rssAtWidth.map(({ members, maxMb }) => ({
      target: `gateway RSS ≤ ${BOUNDS.rssMb} MB under load at N = ${BOUNDS.rssWidth}, ${members} members (5)`,
      measured: known(maxMb) ? `max ${maxMb} MB` : '–',
      verdict: atMost(maxMb, BOUNDS.rssMb),
    })),
  ];
}
