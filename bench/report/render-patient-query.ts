import type { PatientQueryCpu, PatientQueryResult } from '../workloads/patient-query';
import { table } from './table';
import { atMost, BOUNDS, verdictCell, type TargetRow } from './verdicts';

type Judged = keyof typeof BOUNDS.patientQueryCpuMs;

const LABEL: Record<Judged, string> = {
  total: 'CPU per request, every process summed',
  gateway: 'gateway CPU per request',
  alliance: 'alliance CPU per request',
  perChart: 'member CPU per chart (members summed ÷ charts per answer)',
};

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(2));

/** Workload 3's targets as rows of the report's targets table; verdicts computed from the one-at-a-time CPU figures. */
export function patientQueryTargets(result: PatientQueryResult): TargetRow[] {
  return (Object.keys(BOUNDS.patientQueryCpuMs) as Judged[]).map((key) => {
    const value = result.cpuLight?.[key];
    return {
      target: `workload 3: ${LABEL[key]} ≤ ${BOUNDS.patientQueryCpuMs[key]} ms, one request at a time (see 3)`,
      measured: `${ms(value)} ms`,
      verdict: atMost(value, BOUNDS.patientQueryCpuMs[key]),
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
    table(
      ['series', 'requests', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms'],
      [
        ['one at a time', light?.samples ?? '–', '–', light?.p50Ms ?? '–', light?.p90Ms ?? '–', light?.p99Ms ?? '–'],
        [`${connections} connections`, figures.requests, figures.throughput, figures.p50Ms, figures.p90Ms, figures.p99Ms],
      ],
    ),
    '',
    'CPU time per answered request of each process (user + system from /proc, 10 ms ticks summed over the',
    `series), in ms. Per chart: the members' sum ÷ the ${result.charts ?? '–'} charts of one answer. The targets are judged on the`,
    'one-at-a-time series, where no process waits for a core taken by another request.',
    '',
    table(
      ['series', 'requests', 'gateway', 'alliance', 'members summed', 'per chart', 'all processes'],
      [cpuRow('one at a time', cpuLight), cpuRow(`${connections} connections`, cpuLoaded)],
    ),
    '',
    ...(memberIds.length
      ? [
          table(
            ['member', 'CPU ms/req, one at a time', `CPU ms/req, ${connections} connections`],
            memberIds.map((id) => [id, ms(cpuLight?.members[id]), ms(cpuLoaded?.members[id])]),
          ),
          '',
        ]
      : []),
    table(
      ['target', 'measured', ''],
      patientQueryTargets(result).map((t) => [t.target, t.measured, verdictCell(t.verdict)]),
    ),
  ];
}
