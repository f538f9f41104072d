import { startStack } from '../harness/alliance-stack';
import { printLine, runDevTool } from '../harness/processes';
import { runSingleHospital, TARGETS, type Target } from '../workloads/single-hospital';
import { runPatientQuery } from '../workloads/patient-query';

/**
 * Development aid: workload 1 (and 3) alone, optionally with the gateway under --cpu-prof
 * (BENCH_CPU_PROF=dir), only some targets (BENCH_TARGETS=medalliance,apolloGateway), and
 * BENCH_ROUNDS rounds (default 1); BENCH_MEMBERS=canned puts in-memory members that replay
 * their answers (harness/canned-members.ts) in front of every gateway, so that the
 * gateways' own CPU is what is compared.
 */
async function main(): Promise<void> {
  const prof = process.env.BENCH_CPU_PROF;
  const targets = process.env.BENCH_TARGETS?.split(',').filter((t): t is Target => (TARGETS as string[]).includes(t));
  const stack = await startStack('try', {
    members: ['dh-lead', 'dh-district', 'dh-chc-lakeside', 'dh-chc-hill'],
    seedHospitals: 4,
    seedPatients: 200,
    cannedMembers: process.env.BENCH_MEMBERS === 'canned',
    gatewayNodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}/gateway`] : undefined,
    firstMemberNodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}/member`] : undefined,
  });
  try {
    const w1 = await runSingleHospital(stack, {
      connections: 10,
      seconds: Number(process.env.BENCH_SECONDS ?? 5),
      warmupSeconds: 2,
      rounds: Number(process.env.BENCH_ROUNDS ?? 1),
      log: printLine,
      targets,
    });
    printLine(JSON.stringify(w1.mean));
    if (process.env.BENCH_W3) printLine(JSON.stringify((await runPatientQuery(stack, { connections: 10, seconds: 5, warmupSeconds: 1 })).figures));
  } finally {
    await stack.stop();
  }
}

runDevTool(main);
