import path from 'node:path';
import { hospitalAudience } from '../../common/auth/gateway-token';
import type { Stack } from '../harness/alliance-stack';
import { measureWithCpu, verify, type LoadFigures, type LoadSpec } from '../harness/load';
import { startNode, type BenchProcess } from '../harness/processes';
import { ANALYST, callerHeaders, gatewayAuthorization } from '../harness/tokens';

export const MEMBER = 'dh-lead';
/** The stack of workloads 1 and 3: the four demo hospitals. */
export const DEMO_MEMBERS = ['dh-lead', 'dh-district', 'dh-chc-lakeside', 'dh-chc-hill'];
const FIELDS = 'hospitalId id name role title specialty availableForDispatch';
/** What the member itself, plain Apollo and Hive Gateway run (they front this one member). */
export const DIRECT_QUERY = `query StaffLookup($name: String!) { staffDirectory(filter: { nameContains: $name }, first: 5) { ${FIELDS} } }`;
/** What our gateway runs: the same field restricted to the member, so it plans to one member. */
export const GATEWAY_QUERY = `query StaffLookup($name: String!) { staffDirectory(filter: { nameContains: $name }, hospitalIds: ["${MEMBER}"], first: 5) { ${FIELDS} } }`;

export type Target = 'direct' | 'medalliance' | 'apolloGateway' | 'hiveGateway' | 'hiveGatewayNoDedup';
export const TARGETS: Target[] = ['direct', 'medalliance', 'apolloGateway', 'hiveGateway', 'hiveGatewayNoDedup'];

/** real: the member process with its database; canned: an in-memory member replaying its answers (harness/canned-members.ts). */
export type SingleMemberKind = 'real' | 'canned';

export interface TargetMean {
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU ms per request of the member process (for canned members: the process of all canned members). */
  memberCpuMs: number;
  /** CPU ms per request of the gateway process; NaN for `direct`. */
  gatewayCpuMs: number;
}

export interface SingleHospitalResult {
  /** Absent in results from before the canned series: real. */
  members?: SingleMemberKind;
  query: { direct: string; gateway: string };
  distinctNames: number;
  rounds: Record<Target, LoadFigures & { cpuMsPerRequest: Record<string, number> }>[];
  mean: Record<Target, TargetMean>;
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

function average(values: number[], digits: number): number {
  const known = values.filter((v) => v !== undefined && !Number.isNaN(v));
  return known.length ? Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10 ** digits) / 10 ** digits : NaN;
}

function meanOf(rounds: (LoadFigures & { cpuMsPerRequest: Record<string, number> })[]): TargetMean {
  return {
    throughput: average(
      rounds.map((r) => r.throughput),
      1,
    ),
    p50Ms: average(
      rounds.map((r) => r.p50Ms),
      1,
    ),
    p99Ms: average(
      rounds.map((r) => r.p99Ms),
      1,
    ),
    memberCpuMs: average(
      rounds.map((r) => r.cpuMsPerRequest.member),
      3,
    ),
    gatewayCpuMs: average(
      rounds.map((r) => r.cpuMsPerRequest.gateway),
      3,
    ),
  };
}

export interface SingleHospitalOptions {
  members: SingleMemberKind;
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
 * The stack's members are real or canned (`options.members` says which, for the report).
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
        const { load: measured, cpuMsPerRequest } = await measureWithCpu(
          { ...specs[target], connections: options.connections, seconds: options.seconds, warmupSeconds: options.warmupSeconds },
          processes,
        );
        figures[target] = { ...measured, cpuMsPerRequest };
        options.log(
          `  w1 ${options.members} round ${round + 1} ${target}: ${measured.throughput} req/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms, CPU ms/request ${JSON.stringify(figures[target].cpuMsPerRequest)}`,
        );
      }
      rounds.push(figures);
    }
    const mean = Object.fromEntries(TARGETS.map((t) => [t, meanOf(rounds.map((r) => r[t]))])) as SingleHospitalResult['mean'];
    return { members: options.members, query: { direct: DIRECT_QUERY, gateway: GATEWAY_QUERY }, distinctNames: names.length, rounds, mean };
  } finally {
    await Promise.all(baselines.map((b) => b.stop()));
  }
}
