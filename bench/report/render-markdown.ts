import type { BroadcastResult } from '../workloads/broadcast';
import { broadcastSection, broadcastTargetRows, memorySection } from './render-broadcast';
import type { PatientQueryResult } from '../workloads/patient-query';
import { patientQueryLines, patientQueryTargetRows } from './render-patient-query';
import { TARGETS, type SingleHospitalResult, type Target } from '../workloads/single-hospital';
import type { SqlScale } from '../workloads/sql-statements';
import type { EmbeddedBookingsResult } from '../workloads/embedded-bookings';

export interface BenchResults {
  command: string;
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  settings: Record<string, unknown> & {
    connections: number;
    seconds: number;
    warmupSeconds: number;
    broadcastLightSamples: number;
    broadcastLightIntervalMs: number;
    sqlBasePatients: number;
    broadcastDelayMs: number;
  };
  singleHospital: SingleHospitalResult;
  patientQuery: PatientQueryResult;
  broadcast: BroadcastResult;
  sqlStatements: SqlScale[];
  /** Absent in results from before workload 6. */
  embeddedBookings?: EmbeddedBookingsResult;
}

const LABEL: Record<Target, string> = {
  direct: 'direct to the member',
  medalliance: 'MedAlliance gateway',
  apolloGateway: 'plain `@apollo/gateway` (defaults)',
  hiveGateway: 'Hive Gateway (defaults)',
  hiveGatewayNoDedup: 'Hive Gateway, deduplication off',
};

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : NaN);
const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function cpuOf(result: SingleHospitalResult, target: Target, process: 'member' | 'gateway'): string {
  const values = result.rounds.map((r) => r[target].cpuMsPerRequest[process]).filter((v) => v !== undefined && !Number.isNaN(v));
  return values.length ? (values.reduce((a, b) => a + b, 0) / values.length).toFixed(2) : '–';
}

export function renderMarkdown(r: BenchResults): string {
  const w1 = r.singleHospital.mean;
  const sqlRows = (['singleHospitalDirect', 'singleHospitalGateway', 'broadcast', 'patientQuery'] as const).map((key) => {
    const values = r.sqlStatements.map((s) => s.perRequest[key]);
    const constant = values.every((v) => Math.max(...v) === Math.max(...values[0]) && Math.min(...v) === Math.min(...values[0]));
    return [key, ...values.map((v) => (Math.min(...v) === Math.max(...v) ? String(v[0]) : `${Math.min(...v)}–${Math.max(...v)}`)), constant ? 'yes' : '**no**'];
  });
  const sqlConstant = sqlRows.every((row) => row[row.length - 1] === 'yes');

  return `# Benchmarks

Produced by \`${r.command}\` (build, then \`node dist/bench/run-bench.js\`) on ${r.startedAt.slice(0, 10)}:
${r.machine.cpus} CPUs (${r.machine.cpuModel}), ${r.machine.memoryGb} GB, Node ${r.machine.node}, ${r.machine.platform};
${r.durationSeconds} s in all. Every process runs on this machine over loopback: members, alliance, gateways
and the load generator (autocannon) share the same cores, so the ratios between rows of one run are
the figures to read; absolute numbers move with the machine. Raw figures: \`bench/results/latest.json\`.

Each measurement: ${r.settings.warmupSeconds} s warm-up (discarded), then ${r.settings.seconds} s with ${r.settings.connections} connections
(closed loop) unless said otherwise. Before each measurement a few requests are checked for data and no
errors; throughput counts 2xx answers. The gateway's per-caller rate limit is off for the bench.

## Targets

| target | measured | |
| --- | --- | --- |
| gateway ≥ 2.5× plain \`@apollo/gateway\` (workload 1) | ${ratio(w1.medalliance.throughput, w1.apolloGateway.throughput)}× | ${mark(ratio(w1.medalliance.throughput, w1.apolloGateway.throughput) >= 2.5)} |
| gateway ≥ 2× Hive Gateway (defaults) | ${ratio(w1.medalliance.throughput, w1.hiveGateway.throughput)}× | ${mark(ratio(w1.medalliance.throughput, w1.hiveGateway.throughput) >= 2)} |
| gateway ≥ 50% of direct-to-member | ${Math.round(ratio(w1.medalliance.throughput, w1.direct.throughput) * 100)}% | ${mark(ratio(w1.medalliance.throughput, w1.direct.throughput) >= 0.5)} |
| SQL statements constant in the row count | ${sqlConstant ? 'constant' : 'varies'} | ${mark(sqlConstant)} |
${broadcastTargetRows(r.broadcast, r.settings)}
${patientQueryTargetRows(r.patientQuery).join('\n')}

## 1. Single-hospital query

A staff lookup on \`dh-lead\`, the name varied per request over the ${r.singleHospital.distinctNames} staff names of
its seed (so that in-flight deduplication cannot decide the result). ${r.singleHospital.rounds.length} rounds, order
reversed every other round; the table shows the mean. CPU columns: CPU time of the member and of the
gateway process per request (/proc), which on shared cores is what one side takes from the other.

${table(
  ['target', 'req/s', '× direct', '× plain Apollo', 'p50 ms', 'p99 ms', 'member CPU ms/req', 'gateway CPU ms/req'],
  TARGETS.map((t) => [
    LABEL[t],
    w1[t].throughput,
    ratio(w1[t].throughput, w1.direct.throughput),
    ratio(w1[t].throughput, w1.apolloGateway.throughput),
    w1[t].p50Ms,
    w1[t].p99Ms,
    cpuOf(r.singleHospital, t, 'member'),
    t === 'direct' ? '–' : cpuOf(r.singleHospital, t, 'gateway'),
  ]),
)}

What each side runs (variables \`{ "name": <a staff name> }\`):

- direct, plain \`@apollo/gateway\`, Hive Gateway: \`${r.singleHospital.query.direct}\`. The direct call sends a
  token signed with the gateway key for \`hospital:dh-lead\`; the two third-party gateways route to a
  one-subgraph supergraph (the hospital contract at the member's URL, composed with
  \`@apollo/composition\`) and add that token to each subgraph call (Apollo: \`willSendRequest\`; Hive: an
  \`onFetch\` plugin), nothing else changed from their defaults.
- MedAlliance gateway: \`${r.singleHospital.query.gateway}\` with a caller token (analyst): caller verification,
  the alliance's full supergraph, planning, one member call with a token signed for it, request log at info.

${broadcastSection(r.broadcast, r.settings)}

${patientQueryLines(r.patientQuery, r.settings.connections).join('\n')}

## 4. SQL statements per request

Counted from each subgraph's \`x-medalliance-sql-statements\` header by proxies in front of the alliance
and of each member (${r.sqlStatements[0] ? 'dh-lead, dh-district, dh-chc-lakeside' : ''}), summed over every subgraph one request reached;
three requests each with different variables. Seeds: ${r.sqlStatements.map((s) => `${s.seedPatients}`).join(', ')} patients.

${table(['workload', ...r.sqlStatements.map((s) => `${s.seedPatients} patients`), 'constant'], sqlRows)}

${memorySection(r.broadcast)}
${bookingsSection(r.embeddedBookings)}
${ANALYSIS}`;
}

/** Workload 6: what durable commits cost on this machine's disk. */
function bookingsSection(b: EmbeddedBookingsResult | undefined): string {
  if (!b) return '';
  return `
## 6. Bookings per second on the embedded database

One member (${b.member}) on its embedded SQLite file as shipped: WAL with \`synchronous=FULL\`, so every
COMMIT waits for the log's fsync before the answer leaves. ${b.connections} connections straight to the member
(no gateway) book ${b.bookings} different free slots; each booking commits twice (the booking with its
idempotency record, then the audit row of the write), and commits of one process take turns.

${table(['connections', 'bookings', 'seconds', 'bookings/s', 'p50 ms', 'p99 ms', 'errors'], [[b.connections, b.bookings, b.seconds, b.perSecond, b.p50Ms, b.p99Ms, b.errors]])}
`;
}

/** What the profiles showed and why the targets not met are out of reach here; kept by hand, read with the figures above. */
const ANALYSIS = `## Reading the results

- **Direct is the ceiling of every gateway.** A gateway does the member's HTTP and GraphQL work
  again on the same two cores, so no gateway can pass the direct figure. Plain \`@apollo/gateway\`
  2.14 in front of this member already runs at about 0.75× direct (its keep-alive fetch is not
  the 0.2× measured against a tiny subgraph), so "2.5× plain Apollo" would need about 1.9× the
  direct throughput and "2× Hive Gateway" about 1.3× it: out of reach by construction while the
  member's own work (about 1.1 ms of CPU per lookup: HTTP, GraphQL, TypeORM, SQLite) shares the
  cores. What the gateways themselves cost is the gateway CPU column: ours is the lowest of the
  three. "≥ 50 % of direct" is met.
- **What the profiles led to** (\`bench/tools/try-single.ts\` with \`BENCH_CPU_PROF\` puts the
  gateway and one member under \`--cpu-prof\`):
  - *Gateway fast path* (\`gateway/fast-path/\`): an operation already planned as one fetch of
    root fields from one subgraph (hospitals or alliance) is answered without Apollo's request pipeline and
    executor, with the same caller check, rate limit, limits, variable check, fan-out, error
    mapper, log line and metrics (a test compares it byte for byte with the full path). Its
    gateway CPU per lookup is about 25 % below the full path's (same run, same machine).
  - *Earlier:* verified caller tokens remembered until expiry (about 9 % of busy CPU); shape
    limits judged once per document; subgraph tokens reused for 30 s; the dev key file re-read
    only when it changes; no ETag hash of every answer.
  - *Members:* a verified gateway token is remembered until its \`exp\` (ES256 verification was
    about 19 % of a member's CPU per request); loaders and the request logger made on first use;
    the staff directory filters in SQL; reads no longer rewrite the embedded database (then sql.js,
    now SQLite on disk, which writes only changed pages at each commit). Member CPU per staff
    lookup: 1.9 → 1.1 ms on this machine (measured on sql.js).
  - *What is left* in the gateway's own CPU per request: socket writes (one for the answer, one
    per member call: syscalls are dear on this virtual machine), undici, express and its body
    parser, the JSON request log line, JSON in and out.
- **Broadcast to 30 members on two cores.** With real members each member call also costs about
  1–2 ms of member CPU, and the 30 member processes share the two cores with the gateway and the
  load generator, so one broadcast queues 30 times that before any delay: that series measures
  the machine. The canned members take the members' CPU out; what is left is the gateway's
  fan-out, which is concurrent (N = 30 adds milliseconds, not 30 × 20 ms), plus the bench's own
  proxy process relaying N calls (the "without gateway" column). The gateway's own cost is about
  0.2 ms of CPU per member call (the undici request and its socket write, a timeout signal, JSON
  in and out).
- **Light load is timed by the bench.** An earlier light series at 2 req/s through autocannon's
  \`overallRate\` showed a p50 below the injected delay (16 ms at N = 1): autocannon corrects
  rate-limited runs for coordinated omission with an expected interval of \`ceil(1 / rate)\` = 1 ms,
  adding a made-up sample for every millisecond below each real one, which halves the median.
  The light series now sends one request at a time, paced, and times each itself.
- **SQL statements** depend on the query's shape and on which relations are empty, never on the
  number of rows. The patient query is asked, at every seed size, for the first person whose
  answer has the same shape (charts at three hospitals, each with results, and a referral): which
  person has a referral changes with the seed size, and an answer without one skips a lookup.
- **Gateway memory.** The live heap of a gateway with 30 members ready is about 35 MB (heap
  snapshot: 10 MB of module source strings, 10 MB of compiled code). \`@apollo/gateway\`'s phone-home
  reporting is off and its modules are no longer loaded (gateway/apollo/telemetry-off.ts: about
  30 MB less RSS). Under load the RSS is V8's headroom, not data: the young generation grows to
  32 MB and the old generation is let grow to three or four times the live heap while allocation
  is fast. Capping it works and costs CPU: \`--max-semi-space-size=2 --max-old-space-size=96\`
  keeps N = 30 under about 145 MB but doubles the gateway's CPU per broadcast (6 → 12 ms) and cuts
  its throughput by 40 %; \`--max-semi-space-size=2\` alone still reaches about 245 MB. The
  gateway ships with V8's defaults; an operator who must bound memory can set those flags in
  \`NODE_OPTIONS\` (docs/OPERATIONS.md).
`;
