import { startStack } from '../harness/alliance-stack';
import { printLine, runDevTool } from '../harness/processes';
import { runSingleHospital } from '../workloads/single-hospital';
import { runPatientQuery } from '../workloads/patient-query';

/** Development aid: workload 1 (and 3) alone, optionally with the gateway under --cpu-prof (BENCH_CPU_PROF=dir). */
async function main(): Promise<void> {
  const prof = process.env.BENCH_CPU_PROF;
  const stack = await startStack('try', {
    members: ['dh-lead', 'dh-district', 'dh-chc-lakeside', 'dh-chc-hill'],
    seedHospitals: 4,
    seedPatients: 200,
    gatewayNodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}/gateway`] : undefined,
    firstMemberNodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}/member`] : undefined,
  });
  try {
    const w1 = await runSingleHospital(stack, { connections: 10, seconds: Number(process.env.BENCH_SECONDS ?? 5), warmupSeconds: 2, rounds: 1, log: printLine });
    printLine(JSON.stringify(w1.mean));
    if (process.env.BENCH_W3) printLine(JSON.stringify((await runPatientQuery(stack, { connections: 10, seconds: 5, warmupSeconds: 1 })).figures));
  } finally {
    await stack.stop();
  }
}

runDevTool(main);
