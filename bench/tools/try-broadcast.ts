import { startStack } from '../harness/alliance-stack';
import { printLine, runDevTool } from '../harness/processes';
import { BROADCAST_GATEWAY_ENV, runBroadcast, type MemberKind } from '../workloads/broadcast';
import { allianceRoster } from '../../subgraphs/runtime/seed/roster';

/**
 * Development aid: workload 2 (and 5) alone. BENCH_MEMBERS=real|canned (default canned),
 * BENCH_NS=1,4,10,30 (up to 200), BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_SAMPLES, BENCH_INTERVAL_MS, and
 * BENCH_GATEWAY_NODE_ARGS (space-separated, e.g. V8 flags) to compare gateway settings.
 */
async function main(): Promise<void> {
  const members = (process.env.BENCH_MEMBERS ?? 'canned') as MemberKind;
  const ns = (process.env.BENCH_NS ?? '1,4,10,30').split(',').map(Number);
  const maxN = Math.max(...ns);
  const nodeArgs = process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter(Boolean);
  const stack = await startStack('try-w2', {
    members: allianceRoster(maxN).map((h) => h.id),
    seedHospitals: maxN,
    seedPatients: 30,
    delayMs: 20,
    cannedMembers: members === 'canned',
    gatewayNodeArgs: nodeArgs,
    gatewayEnv: BROADCAST_GATEWAY_ENV,
  });
  try {
    const series = await runBroadcast(stack, {
      members,
      ns,
      delayMs: 20,
      connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
      seconds: Number(process.env.BENCH_SECONDS ?? 6),
      warmupSeconds: 2,
      lightSamples: Number(process.env.BENCH_SAMPLES ?? 64),
      lightIntervalMs: Number(process.env.BENCH_INTERVAL_MS ?? 100),
      log: printLine,
    });
    printLine(JSON.stringify(series));
  } finally {
    await stack.stop();
  }
}

runDevTool(main);
