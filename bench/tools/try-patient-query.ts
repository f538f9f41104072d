import path from 'node:path';
import { startStack } from '../harness/alliance-stack';
import { printLine, runDevTool } from '../harness/processes';
import { runPatientQuery } from '../workloads/patient-query';
import { patientQueryLines } from '../report/render-patient-query';

const MEMBERS = ['dh-lead', 'dh-district', 'dh-chc-lakeside', 'dh-chc-hill'];

/** `--cpu-prof` into `<dir>/<process>` for each named process: gateway, alliance, members (all of them) or a member id. */
function profiling(dir: string | undefined, names: string[]) {
  const args = (name: string) => (dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir, name)}`] : undefined);
  const chosen = (name: string) => names.includes(name) || (MEMBERS.includes(name) && names.includes('members'));
  return {
    gatewayNodeArgs: chosen('gateway') ? args('gateway') : undefined,
    allianceNodeArgs: chosen('alliance') ? args('alliance') : undefined,
    memberNodeArgs: Object.fromEntries(MEMBERS.filter(chosen).map((id) => [id, args(id) ?? []])),
  };
}

/**
 * Development aid: workload 3 (the cross-hospital patient query) alone, on the stack of
 * `npm run bench`, printing its report section and the raw figures. BENCH_ROUNDS (default
 * 1), BENCH_SAMPLES (one-at-a-time requests, default 200), BENCH_SECONDS (loaded run,
 * default 6); BENCH_CPU_PROF=<dir> puts the processes named in BENCH_CPU_PROF_OF
 * (comma-separated: gateway, alliance, members or a member id; default all) under
 * `--cpu-prof`, one profile per process written when the stack stops.
 */
async function main(): Promise<void> {
  const dir = process.env.BENCH_CPU_PROF;
  const names = (process.env.BENCH_CPU_PROF_OF ?? 'gateway,alliance,members').split(',').map((s) => s.trim());
  const stack = await startStack('try-w3', { members: MEMBERS, seedHospitals: 4, seedPatients: 200, ...profiling(dir, names) });
  try {
    const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
    for (let round = 1; round <= rounds; round++) {
      const result = await runPatientQuery(stack, {
        connections: 10,
        seconds: Number(process.env.BENCH_SECONDS ?? 6),
        warmupSeconds: 2,
        lightSamples: Number(process.env.BENCH_SAMPLES ?? 200),
      });
      printLine(`round ${round}`);
      for (const line of patientQueryLines(result)) printLine(line);
      printLine(JSON.stringify({ light: result.light, cpuLight: result.cpuLight, loaded: result.figures, cpuLoaded: result.cpuLoaded }));
    }
  } finally {
    await stack.stop();
  }
}

runDevTool(main);
