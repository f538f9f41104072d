import type { BroadcastPoint, BroadcastResult, BroadcastSeries, MemberKind } from '../workloads/broadcast';
import { table } from './table';
import { ratio } from './verdicts';

export interface BroadcastSettings {
  connections: number;
  broadcastLightSamples: number;
  broadcastLightIntervalMs: number;
}

const WHO: Record<MemberKind, string> = { real: 'real members', canned: 'canned members' };
const cell = (value: number | null | undefined) => (typeof value === 'number' && Number.isFinite(value) ? value : '–');

/** Members running in a series (results from before the 200-member series: its largest N). */
export const runningOf = (s: BroadcastSeries) => s.running ?? s.points[s.points.length - 1]?.n ?? 0;
const nameOf = (s: BroadcastSeries) => `${WHO[s.members]}, ${runningOf(s)} running`;

function ends(series: BroadcastSeries | undefined): { n1?: BroadcastPoint; nMax?: BroadcastPoint } {
  const points = series?.points ?? [];
  return { n1: points.find((p) => p.n === 1), nMax: points[points.length - 1] };
}

/** Member errors, with the calls cancelled because the load generator closed its connections at the end of a run. */
function errorsCell(p: BroadcastPoint): string {
  const cancelled = p.memberCalls.errorReasons?.cancelled ?? 0;
  return cancelled ? `${p.memberCalls.errors} (${cancelled} cancelled)` : String(p.memberCalls.errors);
}

function seriesTable(series: BroadcastSeries): string {
  const floor = series.points.some((p) => p.floor);
  return table(
    [
      'N',
      'req/s (loaded)',
      'p50 ms (loaded)',
      'p99 ms (loaded)',
      'gateway CPU ms/req (loaded)',
      'gateway CPU ms per member call (loaded)',
      'p50 ms (light)',
      'p90 ms (light)',
      'max ms (light)',
      ...(floor ? ['p50 ms without gateway'] : []),
      'member calls/req',
      'member errors',
    ],
    series.points.map((p) => [
      p.n,
      p.loaded.throughput,
      p.loaded.p50Ms,
      p.loaded.p99Ms,
      cell(p.loaded.gatewayCpuMsPerRequest),
      cell(p.loaded.gatewayCpuMsPerMemberCall ?? ratio(p.loaded.gatewayCpuMsPerRequest, p.memberCalls.perRequest)),
      p.light.p50Ms,
      p.light.p90Ms,
      p.light.maxMs,
      ...(floor ? [p.floor?.p50Ms ?? '–'] : []),
      p.memberCalls.perRequest,
      errorsCell(p),
    ]),
  );
}

/** How the light p50 grows from N = 1 to the series' largest N, and how much of it is there without any gateway. */
export function growthSentence(series: BroadcastSeries | undefined): string {
  const { n1, nMax } = ends(series);
  if (!series || !n1 || !nMax || n1 === nMax) return '';
  const growth = `With ${nameOf(series)}, one request at a time, the p50 at N = ${nMax.n} is ${cell(ratio(nMax.light.p50Ms, n1.light.p50Ms))}× the p50 at N = 1 (${n1.light.p50Ms} → ${nMax.light.p50Ms} ms).`;
  if (!n1.floor || !nMax.floor) return growth;
  const added = (p: BroadcastPoint) => Math.round((p.light.p50Ms - p.floor!.p50Ms) * 10) / 10;
  return `${growth} Without any gateway the same member calls take p50 ${n1.floor.p50Ms} ms at N = 1 and ${nMax.floor.p50Ms} ms at N = ${nMax.n}
(${cell(ratio(nMax.floor.p50Ms, n1.floor.p50Ms))}×): that part of the growth is the bench's own proxy and canned-member processes on the
same cores. The gateway adds ${added(n1)} ms to the p50 at N = 1 and ${added(nMax)} ms at N = ${nMax.n}.`;
}

function delaySentence(b: BroadcastResult): string {
  const points = b.series.flatMap((x) => x.points);
  const fast = points.reduce((sum, p) => sum + p.memberCalls.fasterThanDelay, 0);
  const bound = points[0]?.memberCalls.fastBoundMs ?? 0;
  return fast === 0
    ? `no member call ended within ${bound} ms, i.e. every call went through the delay`
    : `**${fast} member calls ended within ${bound} ms**, i.e. went around the delay: the figures of those points do not measure a WAN`;
}

export function broadcastSection(b: BroadcastResult, s: BroadcastSettings): string {
  const real = b.series.find((x) => x.members === 'real');
  const cannedSeries = b.series.filter((x) => x.members === 'canned');
  const widest = Math.max(0, ...b.series.map(runningOf));
  return `## 2. Broadcast over N members (${b.delayMs} ms injected delay per member call)

\`${b.query}\`, specialty varied per request. Each member runs behind a proxy (all proxies in one separate
process) that holds every request ${b.delayMs} ms; N below the members running names the first N in \`hospitalIds\`,
N = all is a plain broadcast. "Loaded": ${s.connections} connections, closed loop (autocannon). "Light": ${s.broadcastLightSamples} requests one
at a time, one every ${s.broadcastLightIntervalMs} ms or right after a slower answer, each timed on its own. Member calls per
request (light run) and member errors come from the gateway's own metrics ("cancelled": calls the gateway
dropped because the load generator closed its connections at the end of a run); ${delaySentence(b)}.
Gateway CPU per member call: the gateway's CPU per request under load divided by the member calls per request.

Series of the same run, each with its own gateway, alliance and proxies:

- **Real members**${real ? ` (${runningOf(real)})` : ''}: hospital subgraph processes with their databases. Each member call also
  costs member CPU (HTTP, GraphQL, database), and the member processes share the machine's cores with the
  gateway, so at the largest N that CPU is queued, not parallel: this series measures the machine.
- **Canned members** (${cannedSeries.map(runningOf).join(' and ')}): in-memory GraphQL servers in one process that serve the hospital
  contract (\`_service { sdl }\` for the gateway's contract check) and replay a per-member
  \`departments\` answer built from the seed's department catalogue. A member call costs next to no
  CPU, so what grows with N is the gateway's own fan-out (plus the proxy relaying N calls).
  In every series all running members are listed in the alliance's registry (the widest: ${widest}).
  "Without gateway": the bench itself sends the same N member calls at once through the same
  proxies, taking turns with the light requests through the gateway (one of each in turn), so a
  noisy spell on the machine costs both alike: the part of the latency that is not the gateway's.

Under ${s.connections} connections the gateway does N member calls per request on the same cores, so loaded latency
grows with its CPU per request: that is capacity, read from req/s and from the CPU per member call. One
request at a time shows whether the fan-out is parallel (a serial one would take N × ${b.delayMs} ms).
${b.series.map(growthSentence).filter(Boolean).join('\n')}

${b.series.map((x) => `### ${nameOf(x)[0].toUpperCase()}${nameOf(x).slice(1)}\n\n${seriesTable(x)}`).join('\n\n')}`;
}

export function memorySection(b: BroadcastResult): string {
  const rows = b.series.map((x) => [nameOf(x), x.rssReady.maxMb, ends(x).nMax?.n ?? '–', x.rssAtMaxN?.maxMb ?? '–', x.rssAtMaxN?.meanMb ?? '–', x.rssAtMaxN?.samples ?? 0]);
  return `## 5. Gateway memory under load

VmRSS of the gateway process: for one second once all members of the series are ready and before the first
request, then sampled every 250 ms during the runs (loaded and light) at the series' largest N.

${table(['series', 'ready, idle MB', 'largest N', 'max MB at largest N', 'mean MB at largest N', 'samples'], rows)}`;
}
