import { allianceRoster } from '../../subgraphs/runtime/seed/roster';
import type { Stack } from '../harness/alliance-stack';
import { cpuPerRequest } from '../harness/cpu';
import { measure, verify, type LoadFigures } from '../harness/load';
import { sampleRss, type RssFigures } from '../harness/rss';
import { callerHeaders } from '../harness/tokens';

/** A root broadcast: every targeted member answers its departments of one specialty. */
export const BROADCAST_QUERY = `query DepartmentsBySpecialty($specialty: String, $ids: [ID!]) { departments(specialty: $specialty, hospitalIds: $ids) { hospitalId id name specialty bedsTotal bedsOccupied } }`;
const SPECIALTIES = ['cardiology', 'respiratory', 'radiology', 'laboratory', 'general-practice', 'pediatrics', 'rehabilitation', 'general-surgery'];

export interface BroadcastPoint {
  n: number;
  /** Closed loop, `connections` at once: throughput and latency under load. */
  loaded: LoadFigures & { gatewayCpuMsPerRequest: number };
  /** A fixed low rate: the fan-out's own latency, without queueing behind the CPU. */
  light: LoadFigures;
  /** Member calls that failed during both runs (gateway metrics). */
  memberErrors: number;
}

export interface BroadcastResult {
  query: string;
  delayMs: number;
  points: BroadcastPoint[];
  /** Gateway RSS during the N = 30 runs (workload 5). */
  rssAtMaxN?: RssFigures;
}

async function memberErrors(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith('medalliance_gateway_member_errors_total')) sum += Number(line.split(' ').pop());
  return sum;
}

export interface BroadcastOptions {
  ns: number[];
  delayMs: number;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  lightRate: number;
  log: (line: string) => void;
}

/**
 * Workload 2 (and 5): the same broadcast over N members, each behind a delay proxy. N below
 * the roster size names the first N members in `hospitalIds`; N = all is a plain broadcast.
 */
export async function runBroadcast(stack: Stack, options: BroadcastOptions): Promise<BroadcastResult> {
  const headers = await callerHeaders(stack.dataDir, 'analyst');
  const base = stack.gateway.url.replace(/\/graphql$/, '');
  const roster = allianceRoster(stack.members.size).map((h) => h.id);
  const points: BroadcastPoint[] = [];
  let rssAtMaxN: RssFigures | undefined;
  for (const n of options.ns) {
    const ids = n >= roster.length ? undefined : roster.slice(0, n);
    const spec = { url: stack.gateway.url, headers: () => headers, body: (i: number) => ({ query: BROADCAST_QUERY, variables: { specialty: SPECIALTIES[i % SPECIALTIES.length], ids } }) };
    await verify(spec, 1, (data) => Array.isArray(data.departments));
    const errorsBefore = await memberErrors(base);
    const rss = n === Math.max(...options.ns) ? sampleRss(stack.gateway.pid) : undefined;
    let cpu: ReturnType<typeof cpuPerRequest> | undefined;
    const loaded = await measure({ ...spec, connections: options.connections, seconds: options.seconds, warmupSeconds: options.warmupSeconds, onMeasureStart: () => (cpu = cpuPerRequest({ gateway: stack.gateway.pid })) });
    const gatewayCpuMsPerRequest = cpu!.stop(loaded.requests).gateway;
    const light = await measure({ ...spec, connections: 1, seconds: options.seconds, warmupSeconds: 0, overallRate: options.lightRate });
    if (rss) rssAtMaxN = rss.stop();
    const point = { n, loaded: { ...loaded, gatewayCpuMsPerRequest }, light, memberErrors: (await memberErrors(base)) - errorsBefore };
    points.push(point);
    options.log(`  w2 N=${n}: loaded ${loaded.throughput} req/s p50 ${loaded.p50Ms} p99 ${loaded.p99Ms} ms; light p50 ${light.p50Ms} p99 ${light.p99Ms} ms; member errors ${point.memberErrors}`);
  }
  return { query: BROADCAST_QUERY, delayMs: options.delayMs, points, rssAtMaxN };
}
