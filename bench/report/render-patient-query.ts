import type { PatientQueryCpu, PatientQueryResult } from '../workloads/patient-query';
import { atMost, verdictCell, type TargetRow } from './verdicts';

/** CPU per request of workload 3, in ms, judged on the one-at-a-time series. */
export const PATIENT_QUERY_CPU_TARGETS = { total: 12, gateway: 2, alliance: 3, perChart: 2 } as const;

type Judged = keyof typeof PATIENT_QUERY_CPU_TARGETS;

const LABEL: Record<Judged, string> = {
  total: 'CPU per request, every process summed',
  gateway: 'gateway CPU per request',
  alliance: 'alliance CPU per request',
  perChart: 'member CPU per chart (members summed ÷ charts per answer)',
};

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const head = (cells: string[]) => [row(cells), row(cells.map(() => '---'))];
const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(2));

/** Workload 3's targets as rows of the report's targets table; verdicts computed from the one-at-a-time CPU figures. */
export function patientQueryTargets(result: PatientQueryResult): TargetRow[] {
  return (Object.keys(PATIENT_QUERY_CPU_TARGETS) as Judged[]).map((key) => {
    const value = result.cpuLight?.[key];
    return {
      target: `workload 3: ${LABEL[key]} ≤ ${PATIENT_QUERY_CPU_TARGETS[key]} ms, one request at a time (see 3)`,
      measured: `${ms(value)} ms`,
      verdict: atMost(value === undefined || Number.isNaN(value) ? undefined : value, PATIENT_QUERY_CPU_TARGETS[key]),
    };
  });
}

function cpuRow(series: string, cpu: PatientQueryCpu | undefined): (string | number)[] {
  const memberSum = cpu ? Object.values(cpu.members).reduce((a, b) => a + b, 0) : undefined;
  return [series, cpu?.requests ?? '–', ms(cpu?.gateway), ms(cpu?.alliance), ms(memberSum), ms(cpu?.perChart), ms(cpu?.total)];
}

/** Section 3 of docs/BENCHMARKS.md: latency, throughput and every process's CPU per request, with verdicts. */
export function patientQueryLines(result: PatientQueryResult, connections = result.figures.connections): string[] {
  const { light, figures, cpuLight, cpuLoaded } = result;
  const memberIds = Object.keys(cpuLight?.members ?? cpuLoaded?.members ?? {});
  return [
    '## 3. Cross-hospital patient query (DESIGN 3.3)',
    '',
    `\`patient(mpiId: "${result.variables.mpiId}")\`, a person with ${result.charts ?? 'their'} charts at three hospitals, as a treating clinician`,
    'of dh-lead: alliance (MPI) → the three holding members → alliance (`recognition`). "One at a time": each',
    'request sent when the previous answer is in, each timed on its own (after as many again as a warm-up);',
    `"${connections} connections": closed loop (autocannon).`,
    '',
    ...head(['series', 'requests', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms']),
    row(['one at a time', light?.samples ?? '–', '–', light?.p50Ms ?? '–', light?.p90Ms ?? '–', light?.p99Ms ?? '–']),
    row([`${connections} connections`, figures.requests, figures.throughput, figures.p50Ms, figures.p90Ms, figures.p99Ms]),
    '',
    'CPU time per answered request of each process (user + system from /proc, 10 ms ticks summed over the',
    `series), in ms. Per chart: the members' sum ÷ the ${result.charts ?? '–'} charts of one answer. The targets are judged on the`,
    'one-at-a-time series, where no process waits for a core taken by another request.',
    '',
    ...head(['series', 'requests', 'gateway', 'alliance', 'members summed', 'per chart', 'all processes']),
    row(cpuRow('one at a time', cpuLight)),
    row(cpuRow(`${connections} connections`, cpuLoaded)),
    '',
    ...(memberIds.length
      ? [
          ...head(['member', 'CPU ms/req, one at a time', `CPU ms/req, ${connections} connections`]),
          ...memberIds.map((id) => row([id, ms(cpuLight?.members[id]), ms(cpuLoaded?.members[id])])),
          '',
        ]
      : []),
    ...head(['target', 'measured', '']),
    ...patientQueryTargets(result).map((t) => row([t.target, t.measured, verdictCell(t.verdict)])),
  ];
}
