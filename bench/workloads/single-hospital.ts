import path from 'node:path';
import { hospitalAudience } from '../../common/auth/gateway-token';
import type { Stack } from '../harness/alliance-stack';
import { cpuPerRequest } from '../harness/cpu';
import { measure, verify, type LoadFigures, type LoadSpec } from '../harness/load';
import { startNode, type BenchProcess } from '../harness/processes';
import { ANALYST, callerHeaders, gatewayAuthorization } from '../harness/tokens';

export const MEMBER = 'dh-lead';
const FIELDS = 'hospitalId id name role title specialty availableForDispatch';
/** What the member itself, plain Apollo and Hive Gateway run (they front this one member). */
export const DIRECT_QUERY = `query StaffLookup($name: String!) { staffDirectory(filter: { nameContains: $name }, first: 5) { ${FIELDS} } }`;
/** What our gateway runs: the same field restricted to the member, so it plans to one member. */
export const GATEWAY_QUERY = `query StaffLookup($name: String!) { staffDirectory(filter: { nameContains: $name }, hospitalIds: ["${MEMBER}"], first: 5) { ${FIELDS} } }`;

export type Target = 'direct' | 'medalliance' | 'apolloGateway' | 'hiveGateway' | 'hiveGatewayNoDedup';
export const TARGETS: Target[] = ['direct', 'medalliance', 'apolloGateway', 'hiveGateway', 'hiveGatewayNoDedup'];

export interface SingleHospitalResult {
  query: { direct: string; gateway: string };
  distinctNames: number;
  rounds: Record<Target, LoadFigures & { cpuMsPerRequest: Record<string, number> }>[];
  mean: Record<Target, { throughput: number; p50Ms: number; p99Ms: number }>;
}

/** The staff names of the member, drawn from its seeded data: one per request, in turn. */
export async function staffNames(url: string, authorize: (request: { query: string }) => string): Promise<string[]> {
  const body = { query: '{ staffDirectory(first: 500) { name } }' };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: authorize(body) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { data?: { staffDirectory?: { name: string }[] } };
  const names = [...new Set((answer.data?.staffDirectory ?? []).map((s) => s.name))];
  if (names.length === 0) throw new Error('the member returned no staff to draw names from');
  return names;
}

export interface SingleHospitalOptions {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
  log: (line: string) => void;
}

/**
 * Workload 1: one staff lookup on one member, directly, through our gateway, through a
 * plain @apollo/gateway and through Hive Gateway (defaults; deduplication off), in turn,
 * `rounds` times, names varied per request so that deduplication cannot decide the result.
 */
export async function runSingleHospital(stack: Stack, options: SingleHospitalOptions): Promise<SingleHospitalResult> {
  const member = stack.members.get(MEMBER)!;
  const memberAuth = await gatewayAuthorization(stack.dataDir, ANALYST, hospitalAudience(MEMBER));
  const names = await staffNames(member.url, memberAuth);
  const callerAuth = await callerHeaders(stack.dataDir, 'analyst');
  const env = { MEDALLIANCE_DATA_DIR: stack.dataDir, BENCH_MEMBER_URL: member.url, BENCH_MEMBER_ID: MEMBER };
  const baselines: BenchProcess[] = [];
  try {
    const script = (name: string) => path.join(__dirname, '..', 'baselines', name);
    const [apollo, hive, hiveNoDedup] = await Promise.all([
      startNode('apollo gateway', script('apollo-gateway-process.js'), [], env),
      startNode('hive gateway', script('hive-gateway-process.js'), [], env),
      startNode('hive gateway (no dedup)', script('hive-gateway-process.js'), [], { ...env, BENCH_HIVE_DEDUPLICATE: 'false' }),
    ]);
    baselines.push(apollo, hive, hiveNoDedup);
    const body = (query: string) => (i: number) => ({ query, variables: { name: names[i % names.length] } });
    const specs: Record<Target, { url: string; headers: LoadSpec['headers']; body: (i: number) => { query: string; variables: Record<string, unknown> } }> = {
      direct: { url: member.url, headers: (request) => ({ authorization: memberAuth(request) }), body: body(DIRECT_QUERY) },
      medalliance: { url: stack.gateway.url, headers: () => callerAuth, body: body(GATEWAY_QUERY) },
      apolloGateway: { url: apollo.url, headers: () => ({}), body: body(DIRECT_QUERY) },
      hiveGateway: { url: hive.url, headers: () => ({}), body: body(DIRECT_QUERY) },
      hiveGatewayNoDedup: { url: hiveNoDedup.url, headers: () => ({}), body: body(DIRECT_QUERY) },
    };
    const found = (data: Record<string, unknown>) => Array.isArray(data.staffDirectory) && data.staffDirectory.length > 0;
    for (const target of TARGETS) await verify(specs[target], 3, found);

    const pids: Record<Target, number> = {
      direct: member.pid,
      medalliance: stack.gateway.pid,
      apolloGateway: apollo.pid,
      hiveGateway: hive.pid,
      hiveGatewayNoDedup: hiveNoDedup.pid,
    };
    const rounds: SingleHospitalResult['rounds'] = [];
    for (let round = 0; round < options.rounds; round++) {
      const figures = {} as SingleHospitalResult['rounds'][number];
      // alternate the order between rounds so that drift does not favour one side
      const order = round % 2 === 0 ? TARGETS : [...TARGETS].reverse();
      for (const target of order) {
        // CPU per request of the member and of the gateway in front of it: on shared cores one's CPU is the other's
        const processes: Record<string, number> = target === 'direct' ? { member: member.pid } : { member: member.pid, gateway: pids[target] };
        let cpu: ReturnType<typeof cpuPerRequest> | undefined;
        const measured = await measure({
          ...specs[target],
          connections: options.connections,
          seconds: options.seconds,
          warmupSeconds: options.warmupSeconds,
          onMeasureStart: () => (cpu = cpuPerRequest(processes)),
        });
        figures[target] = { ...measured, cpuMsPerRequest: cpu!.stop(measured.requests) };
        options.log(
          `  w1 round ${round + 1} ${target}: ${measured.throughput} req/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms, CPU ms/request ${JSON.stringify(figures[target].cpuMsPerRequest)}`,
        );
      }
      rounds.push(figures);
    }
    const avg = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
    const mean = Object.fromEntries(
      TARGETS.map((t) => [t, { throughput: avg(rounds.map((r) => r[t].throughput)), p50Ms: avg(rounds.map((r) => r[t].p50Ms)), p99Ms: avg(rounds.map((r) => r[t].p99Ms)) }]),
    ) as SingleHospitalResult['mean'];
    return { query: { direct: DIRECT_QUERY, gateway: GATEWAY_QUERY }, distinctNames: names.length, rounds, mean };
  } finally {
    await Promise.all(baselines.map((b) => b.stop()));
  }
}
