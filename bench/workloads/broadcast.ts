import { allianceRoster } from '../../subgraphs/runtime/seed/roster';
import type { Stack } from '../harness/alliance-stack';
import { fanOutSender, latencySender, measureWithCpu, sampleInTurns, verify, type LatencyFigures, type LoadFigures } from '../harness/load';
import { sampleRss, type RssFigures } from '../harness/rss';
import { callerHeaders } from '../harness/tokens';

/** A root broadcast: every targeted member answers its departments of one specialty. */
export const BROADCAST_QUERY = `query DepartmentsBySpecialty($specialty: String, $ids: [ID!]) { departments(specialty: $specialty, hospitalIds: $ids) { hospitalId id name specialty bedsTotal bedsOccupied } }`;
/** What the gateway sends each member for the broadcast (canned members answer it without a token). */
const MEMBER_QUERY = `query DepartmentsBySpecialty($specialty: String) { departments(specialty: $specialty) { hospitalId id name specialty bedsTotal bedsOccupied } }`;
const SPECIALTIES = ['cardiology', 'respiratory', 'radiology', 'laboratory', 'general-practice', 'pediatrics', 'rehabilitation', 'general-surgery'];

/**
 * Gateway settings of every broadcast stack: many members on shared cores queue far beyond the
 * 2 s member timeout under 10 connections, and a breaker opened by that queueing would turn
 * the next N into errors instead of figures.
 */
export const BROADCAST_GATEWAY_ENV: NodeJS.ProcessEnv = { MEDALLIANCE_MEMBER_TIMEOUT_MS: '60000', MEDALLIANCE_BREAKER_FAILURES: '1000' };

/** Member calls as the gateway's own metrics saw them over one point. */
export interface MemberCalls {
  /** Calls per broadcast: N when every targeted member was asked once. */
  perRequest: number;
  /** Calls answered within `fastBoundMs` (below the injected delay): any means a call bypassed the delay. */
  fasterThanDelay: number;
  fastBoundMs: number;
  errors: number;
  /** Failed member calls by the gateway's reason label (timeout, failed, circuit-open, …). */
  errorReasons: Record<string, number>;
}

export interface BroadcastPoint {
  n: number;
  /** Closed loop, `connections` at once: throughput and latency under load. */
  loaded: LoadFigures & { gatewayCpuMsPerRequest: number; gatewayCpuMsPerMemberCall: number };
  /** One request at a time at a fixed pace: the fan-out's own latency, without queueing. */
  light: LatencyFigures;
  memberCalls: MemberCalls;
  /** Canned members only: the same N member calls sent at once by the bench itself, no gateway, paced like `light`. */
  floor?: LatencyFigures;
}

export type MemberKind = 'real' | 'canned';

export interface BroadcastSeries {
  /** real: hospital subgraph processes with their databases; canned: in-memory servers replaying answers. */
  members: MemberKind;
  /** Members running (and listed in the alliance's registry); absent in results from before the 200-member series: the largest N. */
  running?: number;
  points: BroadcastPoint[];
  /** Gateway RSS for a second once every member is ready, before the first request. */
  rssReady: RssFigures;
  /** Gateway RSS during the largest N's runs (workload 5). */
  rssAtMaxN?: RssFigures;
}

export interface BroadcastResult {
  query: string;
  delayMs: number;
  series: BroadcastSeries[];
}

interface MemberCounts {
  calls: number;
  fast: number;
  errors: number;
  reasons: Record<string, number>;
}

/** Sums of the gateway's member-call histogram (all members) and error counter. */
async function memberCounts(base: string, boundSeconds: number): Promise<MemberCounts> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const counts: MemberCounts = { calls: 0, fast: 0, errors: 0, reasons: {} };
  for (const line of text.split('\n')) {
    const value = Number(line.split(' ').pop());
    if (line.startsWith('medalliance_gateway_member_errors_total')) {
      counts.errors += value;
      const reason = /reason="([^"]*)"/.exec(line)?.[1] ?? 'unknown';
      counts.reasons[reason] = (counts.reasons[reason] ?? 0) + value;
    } else if (line.startsWith('medalliance_gateway_member_request_duration_seconds_count')) counts.calls += value;
    else if (line.startsWith('medalliance_gateway_member_request_duration_seconds_bucket') && line.includes(`le="${boundSeconds}"`)) counts.fast += value;
  }
  return counts;
}

/** Counts once no member call has ended for a moment (at most a few seconds). */
async function settledCounts(base: string, boundSeconds: number): Promise<MemberCounts> {
  let last = await memberCounts(base, boundSeconds);
  for (let i = 0; i < 25; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await memberCounts(base, boundSeconds);
    if (next.calls === last.calls) return next;
    last = next;
  }
  return last;
}

/** The gateway's member-latency buckets (seconds); the largest one below the delay is the bypass test. */
const MEMBER_BUCKETS = [0.005, 0.01, 0.025, 0.05];

export interface BroadcastOptions {
  members: MemberKind;
  ns: number[];
  delayMs: number;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  lightSamples: number;
  lightIntervalMs: number;
  log: (line: string) => void;
}

/**
 * Workload 2 (and 5): the same broadcast over N members, each behind a delay proxy. N below
 * the roster size names the first N members in `hospitalIds`; N = all is a plain broadcast.
 */
export async function runBroadcast(stack: Stack, options: BroadcastOptions): Promise<BroadcastSeries> {
  const headers = await callerHeaders(stack.dataDir, 'analyst');
  const base = stack.gateway.url.replace(/\/graphql$/, '');
  const roster = allianceRoster(stack.members.size).map((h) => h.id);
  const bound = [...MEMBER_BUCKETS].reverse().find((b) => b * 1000 < options.delayMs) ?? 0;
  const idle = sampleRss(stack.gateway.pid);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rssReady = idle.stop();
  const points: BroadcastPoint[] = [];
  let rssAtMaxN: RssFigures | undefined;
  for (const n of options.ns) {
    const ids = n >= roster.length ? undefined : roster.slice(0, n);
    const spec = {
      url: stack.gateway.url,
      headers: () => headers,
      body: (i: number) => ({ query: BROADCAST_QUERY, variables: { specialty: SPECIALTIES[i % SPECIALTIES.length], ids } }),
    };
    await verify(spec, 1, (data) => Array.isArray(data.departments));
    const rss = n === Math.max(...options.ns) ? sampleRss(stack.gateway.pid) : undefined;
    const start = await memberCounts(base, bound);
    const { load: loaded, cpuMsPerRequest } = await measureWithCpu(
      { ...spec, connections: options.connections, seconds: options.seconds, warmupSeconds: options.warmupSeconds },
      { gateway: stack.gateway.pid },
    );
    const gatewayCpuMsPerRequest = cpuMsPerRequest.gateway;
    // the load generator stops without waiting for the answers still under way
    const settled = await settledCounts(base, bound);
    const urls = (ids ?? roster).map((id) => stack.memberUrls[id]);
    // with canned members, the same fan-out without the gateway takes turns with it
    const senders = [latencySender(spec)];
    if (options.members === 'canned') senders.push(fanOutSender(urls, (i) => ({ query: MEMBER_QUERY, variables: { specialty: SPECIALTIES[i % SPECIALTIES.length] } })));
    const [light, floor] = await sampleInTurns(senders, options.lightSamples, options.lightIntervalMs);
    if (rss) rssAtMaxN = rss.stop();
    const end = await memberCounts(base, bound);
    const memberCalls: MemberCalls = {
      perRequest: Math.round(((end.calls - settled.calls) / options.lightSamples) * 100) / 100,
      fasterThanDelay: end.fast - start.fast,
      fastBoundMs: bound * 1000,
      errors: end.errors - start.errors,
      errorReasons: Object.fromEntries(
        Object.entries(end.reasons)
          .map(([reason, count]): [string, number] => [reason, count - (start.reasons[reason] ?? 0)])
          .filter(([, count]) => count > 0),
      ),
    };
    // the gateway's cost of one member call: what grows with N when members cost nothing
    const gatewayCpuMsPerMemberCall = memberCalls.perRequest > 0 ? Math.round((gatewayCpuMsPerRequest / memberCalls.perRequest) * 1000) / 1000 : NaN;
    points.push({ n, loaded: { ...loaded, gatewayCpuMsPerRequest, gatewayCpuMsPerMemberCall }, light, memberCalls, floor });
    options.log(
      `  w2 ${options.members} N=${n}: loaded ${loaded.throughput} req/s p50 ${loaded.p50Ms} p99 ${loaded.p99Ms} ms, gateway CPU ${gatewayCpuMsPerRequest} ms/req (${gatewayCpuMsPerMemberCall} per member call); ` +
        `light p50 ${light.p50Ms} p99 ${light.p99Ms} ms (${light.samples} samples)${floor ? `; without gateway p50 ${floor.p50Ms} p99 ${floor.p99Ms} ms` : ''}; member calls/req ${memberCalls.perRequest}, under ${memberCalls.fastBoundMs} ms ${memberCalls.fasterThanDelay}, errors ${memberCalls.errors} ${JSON.stringify(memberCalls.errorReasons)}`,
    );
  }
  return { members: options.members, running: stack.members.size, points, rssReady, rssAtMaxN };
}
