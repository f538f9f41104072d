import path from 'node:path';
import { hospitalAudience } from '../../common/auth/gateway-token';
import { startStack } from '../harness/alliance-stack';
import { cpuMs } from '../harness/cpu';
import { measure, verify, type LoadSpec } from '../harness/load';
import { CLI_ENTRY } from '../../cli/stack/spawn-service';
import { printLine, runDevTool, startNode, type BenchProcess } from '../harness/processes';
import { ANALYST, callerHeaders, gatewayAuthorization } from '../harness/tokens';
import { DIRECT_QUERY, GATEWAY_QUERY, MEMBER, staffNames } from '../workloads/single-hospital';

interface Side {
  name: string;
  process: BenchProcess;
  spec: Omit<LoadSpec, 'connections' | 'seconds' | 'warmupSeconds'>;
  cpuMs: number;
  requests: number;
  seconds: number;
}

/** Asks until the gateway answers the lookup with data (its members are checked in the background after start). */
async function whenAnswering(spec: Side['spec'], found: (data: Record<string, unknown>) => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await verify(spec, 3, found);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * Development aid: gateway builds side by side on one stack of canned members, with plain
 * @apollo/gateway, the staff lookup of workload 1 sent to one after the other in short
 * slices, so that a busy machine weighs on each alike. BENCH_GATEWAYS: the builds compared
 * (comma-separated paths of their `cli/index.js`; default this build).
 * BENCH_SLICES (default 10) slices of BENCH_SLICE_SECONDS (default 2) per side, 10 connections.
 * Prints each side's gateway CPU ms per answered request, its req/s, and both as a ratio to plain Apollo's.
 */
async function main(): Promise<void> {
  const slices = Number(process.env.BENCH_SLICES ?? 10);
  const sliceSeconds = Number(process.env.BENCH_SLICE_SECONDS ?? 2);
  const stack = await startStack('ab', { members: [MEMBER], seedHospitals: 4, seedPatients: 10, cannedMembers: true });
  try {
    const member = stack.members.get(MEMBER)!;
    const names = await staffNames(member.url, await gatewayAuthorization(stack.dataDir, ANALYST, hospitalAudience(MEMBER)));
    const callerAuth = await callerHeaders(stack.dataDir, 'analyst');
    const body = (query: string) => (i: number) => ({ query, variables: { name: names[i % names.length] } });
    const gatewayEnv = { MEDALLIANCE_DATA_DIR: stack.dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'info', ALLIANCE_URL: stack.alliance.url, MEDALLIANCE_RATE_LIMIT_PER_SECOND: '0' };
    // every compared gateway is started alike, beside the stack's own (which is left idle: it measured slower than the same build started here)
    const builds = (process.env.BENCH_GATEWAYS ?? CLI_ENTRY).split(',').filter(Boolean);
    const sides: Side[] = [];
    const side = (name: string, process: BenchProcess, spec: Side['spec']) => sides.push({ name, process, spec, cpuMs: 0, requests: 0, seconds: 0 });
    for (const [index, entry] of builds.entries()) {
      const gateway = await startNode(`gateway ${index}`, entry, ['gateway', '--port', '0'], gatewayEnv);
      side(path.resolve(entry, '../..'), gateway, { url: gateway.url, headers: () => callerAuth, body: body(GATEWAY_QUERY) });
    }
    const apollo = await startNode('apollo gateway', path.join(__dirname, '..', 'baselines', 'apollo-gateway-process.js'), [], {
      MEDALLIANCE_DATA_DIR: stack.dataDir,
      BENCH_MEMBER_URL: member.url,
      BENCH_MEMBER_ID: MEMBER,
    });
    side('plain @apollo/gateway', apollo, { url: apollo.url, headers: () => ({}), body: body(DIRECT_QUERY) });
    try {
      const found = (data: Record<string, unknown>) => Array.isArray(data.staffDirectory) && data.staffDirectory.length > 0;
      for (const s of sides) await whenAnswering(s.spec, found);
      for (const s of sides) await measure({ ...s.spec, connections: 10, seconds: 3, warmupSeconds: 0 });
      for (let slice = 0; slice < slices; slice++) {
        // the order turns every slice, so that no side always follows the same one
        const order = sides.map((_, i) => sides[(i + slice) % sides.length]);
        for (const s of order) {
          const before = cpuMs(s.process.pid);
          const figures = await measure({ ...s.spec, connections: 10, seconds: sliceSeconds, warmupSeconds: 0 });
          s.cpuMs += cpuMs(s.process.pid) - before;
          s.requests += figures.requests;
          s.seconds += sliceSeconds;
        }
      }
      const apolloSide = sides[sides.length - 1];
      const perRequest = (s: Side) => s.cpuMs / Math.max(s.requests, 1);
      for (const s of sides) {
        printLine(
          `${s.name}: gateway CPU ${perRequest(s).toFixed(3)} ms/req (${(perRequest(s) / perRequest(apolloSide)).toFixed(2)}× plain Apollo), ` +
            `${(s.requests / s.seconds).toFixed(1)} req/s (${(s.requests / s.seconds / (apolloSide.requests / apolloSide.seconds)).toFixed(2)}× plain Apollo), ${s.requests} requests`,
        );
      }
    } finally {
      await Promise.all(sides.map((s) => s.process.stop()));
    }
  } finally {
    await stack.stop();
  }
}

runDevTool(main);
