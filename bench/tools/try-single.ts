import { startStack } from '../harness/alliance-stack';
import { printLine, runDevTool } from '../harness/processes';
import { DEMO_MEMBERS, runSingleHospital, type SingleMemberKind } from '../workloads/single-hospital';
import { runPatientQuery } from '../workloads/patient-query';

/**
 * Development aid: workload 1 (and 3) alone. BENCH_MEMBERS=real|canned (default real; canned:
 * in-memory members, no workload 3), BENCH_SECONDS, BENCH_ROUNDS, BENCH_W3=1, and
 * BENCH_CPU_PROF=dir to put the gateway (and the first real member) under --cpu-prof.
 */
async function main(): Promise<void> {
  const members = (process.env.BENCH_MEMBERS ?? 'real') as SingleMemberKind;
  const prof = process.env.BENCH_CPU_PROF;
  const stack = await startStack(`try-${members}`, {
    members: DEMO_MEMBERS,
    seedHospitals: DEMO_MEMBERS.length,
    seedPatients: 200,
    cannedMembers: members === 'canned',
    gatewayNodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}/gateway`] : undefined,
    firstMemberNodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}/member`] : undefined,
  });
  try {
    const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
    const w1 = await runSingleHospital(stack, { members, connections: 10, seconds: Number(process.env.BENCH_SECONDS ?? 5), warmupSeconds: 2, rounds, log: printLine });
    printLine(JSON.stringify(w1.mean));
    if (process.env.BENCH_W3 && members === 'real')
      printLine(JSON.stringify((await runPatientQuery(stack, { connections: 10, seconds: 5, warmupSeconds: 1, lightSamples: 50 })).figures));
  } finally {
    await stack.stop();
  }
}

runDevTool(main);
