import type { BroadcastResult } from '../workloads/broadcast';
import { broadcastSection, memorySection, runningOf } from './render-broadcast';
import { cannedSingleSection, singleSection } from './render-single';
import { patientSideBySideTargets, renderPatientSideBySide } from './render-patient-side-by-side';
import { table } from './table';
import { nodeEnvSentence } from './sentences';
import { BOUNDS, ratio, targetFigures, targetRows, verdictCell } from './verdicts';
import type { PatientQueryResult } from '../workloads/patient-query';
import type { PatientSideBySideResult } from '../workloads/patient-query-side-by-side';
import { patientQueryLines, patientQueryTargets } from './render-patient-query';
import type { SingleHospitalResult } from '../workloads/single-hospital';
import type { SqlScale } from '../workloads/sql-statements';
import type { EmbeddedBookingsResult } from '../workloads/embedded-bookings';

export interface BenchResults {
  command: string;
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  /** NODE_ENV of every process the run started; absent in results from before it was recorded (unset then). */
  nodeEnv?: string;
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
  /** Workload 1 against canned members; absent in results from before it. */
  singleHospitalCanned?: SingleHospitalResult;
  patientQuery: PatientQueryResult;
  /** Workload 3b; absent in results from before it. */
  patientSideBySide?: PatientSideBySideResult;
  broadcast: BroadcastResult;
  sqlStatements: SqlScale[];
  /** Absent in results from before workload 6. */
  embeddedBookings?: EmbeddedBookingsResult;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function renderMarkdown(r: BenchResults): string {
  const sqlRows = (['singleHospitalDirect', 'singleHospitalGateway', 'broadcast', 'patientQuery'] as const).map((key) => {
    const values = r.sqlStatements.map((s) => s.perRequest[key]);
    const constant = values.every((v) => Math.max(...v) === Math.max(...values[0]) && Math.min(...v) === Math.min(...values[0]));
    return [key, ...values.map((v) => (Math.min(...v) === Math.max(...v) ? String(v[0]) : `${Math.min(...v)}–${Math.max(...v)}`)), constant ? 'yes' : '**no**'];
  });
  const sqlConstant = sqlRows.every((row) => row[row.length - 1] === 'yes');
  const rows = [
    ...targetRows(targetFigures(r.singleHospital, r.singleHospitalCanned, r.broadcast), r.settings.connections),
    ...patientQueryTargets(r.patientQuery),
    ...patientSideBySideTargets(r.patientSideBySide),
  ];
  const met = rows.filter((row) => row.verdict === 'met').length;

  return `# Benchmarks

Produced by \`${r.command}\` (build, then \`node dist/bench/run-bench.js\`) on ${r.startedAt.slice(0, 10)}:
${r.machine.cpus} CPUs (${r.machine.cpuModel}), ${r.machine.memoryGb} GB, Node ${r.machine.node}, ${r.machine.platform};
${r.durationSeconds} s in all. Every process runs on this machine over loopback: members, alliance, gateways
and the load generator (autocannon) share the same cores, so the ratios between rows of one run are
the figures to read; absolute numbers move with the machine. Raw figures: \`bench/results/latest.json\`.

Each measurement: ${r.settings.warmupSeconds} s warm-up (discarded), then ${r.settings.seconds} s with ${r.settings.connections} connections
(closed loop) unless said otherwise. Before each measurement a few requests are checked for data and no
errors; throughput counts 2xx answers. The gateway's per-caller rate limit is off for the bench.
${nodeEnvSentence(r.nodeEnv)}

## Targets

Every verdict below is computed by \`bench/report/verdicts.ts\` from this run's figures (the section
that has them in brackets); ${met} of ${rows.length} are met.

${table(
  ['target', 'measured', 'verdict'],
  rows.map((row) => [row.target, row.measured, verdictCell(row.verdict)]),
)}

${singleSection(r.singleHospital)}
${cannedSingleSection(r.singleHospitalCanned)}
${broadcastSection(r.broadcast, r.settings)}

${patientQueryLines(r.patientQuery, r.settings.connections).join('\n')}

${r.patientSideBySide ? renderPatientSideBySide(r.patientSideBySide).join('\n') : ''}
## 4. SQL statements per request

Counted from each subgraph's \`x-medalliance-sql-statements\` header by proxies in front of the alliance
and of each member (${r.sqlStatements[0] ? 'dh-lead, dh-district, dh-chc-lakeside' : ''}), summed over every subgraph one request reached;
three requests each with different variables. Seeds: ${r.sqlStatements.map((s) => `${s.seedPatients}`).join(', ')} patients.
${sqlConstant ? 'Every workload ran the same number of statements at every seed size.' : 'At least one workload ran a different number of statements at different seed sizes (marked **no**).'}

${table(['workload', ...r.sqlStatements.map((s) => `${s.seedPatients} patients`), 'constant'], sqlRows)}

${memorySection(r.broadcast)}
${bookingsSection(r.embeddedBookings)}
${analysis(r)}`;
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

/** How to read the figures: the reasons are kept by hand, every figure and comparison in it comes from the run. */
function analysis(r: BenchResults): string {
  const w1 = r.singleHospital.mean;
  const apolloOfDirect = ratio(w1.apolloGateway.throughput, w1.direct.throughput);
  const cannedSeries = r.broadcast.series.filter((s) => s.members === 'canned');
  const perCall = cannedSeries.flatMap((s) => s.points.filter((p) => p.n === runningOf(s)).map((p) => `${p.loaded.gatewayCpuMsPerMemberCall ?? '–'} ms at N = ${p.n}`));
  const rss = r.broadcast.series.map((s) => `${s.rssAtMaxN?.maxMb ?? '–'} MB with ${s.members} members at N = ${s.points[s.points.length - 1]?.n ?? '–'}`);
  return `## Reading the results

- **Direct is the ceiling of every gateway on a real member.** A gateway does the member's HTTP and
  GraphQL work again on the same cores, so no gateway can pass the direct figure by much. Plain
  \`@apollo/gateway\` in front of the real member ran at ${Number.isNaN(apolloOfDirect) ? '–' : apolloOfDirect}× direct in this run, so
  ${BOUNDS.cannedOverApollo}× plain Apollo there would need ${Number.isNaN(apolloOfDirect) ? '–' : round1(BOUNDS.cannedOverApollo * apolloOfDirect)}× the direct throughput. The comparison with the
  third-party gateways is therefore made against a canned member (1b), where the member's own work is
  taken out and what is left is each gateway's; on the real member the target is a share of direct (1).
- **What the profiles led to** (\`bench/tools/try-single.ts\` with \`BENCH_CPU_PROF\` puts the
  gateway and one member under \`--cpu-prof\`):
  - *Gateway fast path* (\`gateway/fast-path/\`): an operation already planned as one fetch of
    root fields from one subgraph (hospitals or alliance) is answered by a step of Apollo's request
    pipeline (\`responseForOperation\`) instead of its executor, after the same caller check, rate limit
    and limits, with the same log line, metrics and error mapper (a test compares it byte for byte and
    line for line with the executor's answers).
  - *Earlier:* verified caller tokens remembered until expiry; shape limits judged once per document;
    the dev key file re-read only when it changes; no ETag hash of every answer.
  - *Members:* a verified gateway token is remembered until its \`exp\`; loaders and the request logger
    made on first use; the staff directory filters in SQL; reads no longer rewrite the embedded database.
  - *Round 2:* subgraph tokens signed with node:crypto at once instead of WebCrypto (every subgraph
    call has its own one-use token); each member query encoded and hashed once per request; member
    calls as undici dispatch handlers without a body stream or timeout signal each; the subgraphs
    skip the per-field guard chain on plain fields their rule already allows, have Apollo's
    cache-control plugin off, and append audit rows without hydrating an entity.
  - *Members' token check:* gateway tokens verified by node:crypto at once instead of jose's
    WebCrypto promise, the same checks done by hand (\`common/auth/compact-jws.ts\`,
    \`registered-claims.ts\`); \`bench/tools/try-verify-tokens.ts\` measures the CPU per token.
  - *No async hooks:* while an async-local store is open, Node runs its hooks on every promise of
    the process. The subgraphs count SQL statements per request only for the requests that ask
    (the \`x-medalliance-sql-statements\` request header), and the gateway adds the request id to an
    internal error from the request's context. The embedded database's hot reads return raw rows
    (arrays) instead of objects built one property at a time. \`bench/tools/try-patient-ab.ts\`
    compares builds on the patient query side by side.
  - *Per result and per read:* a request's hash (\`req_hash\`) builds its canonical JSON as one
    string instead of an array joined per object, on both sides of every call; a result's
    calendar date for recognition comes from the zone's offset for that hour (the formatter answers
    the hours in which the offset changes); on the embedded database a PHI read's audit row is
    appended with the same four statements prepared on the connection, in the transactions' turn,
    instead of through a TypeORM transaction. \`bench/tools/try-subgraph-ab.ts\` compares builds
    on the alliance's recognition call or a member's chart call alone.
  - *What is left* in the gateway's own CPU per request: socket writes (one for the answer, one
    per member call), undici, express, the JSON request log line, JSON in and out.
- **Broadcast on two cores.** With real members each member call also costs member CPU, and the member
  processes share the cores with the gateway and the load generator, so one broadcast queues that
  work before any delay: that series measures the machine. The canned members take the members' CPU
  out; what is left is the gateway's fan-out plus the bench's own proxy process relaying N calls (the
  "without gateway" column). The gateway's own cost per member call, canned members, plain broadcast:
  ${perCall.length ? perCall.join(', ') : 'not measured in this run'}.
- **Light load is timed by the bench.** autocannon corrects rate-limited runs for coordinated omission
  with an expected interval of \`ceil(1 / rate)\` ms, adding a made-up sample for every millisecond
  below each real one, which at a few requests per second puts the median below the injected delay.
  The light series sends one request at a time, paced, and times each itself.
- **SQL statements** depend on the query's shape and on which relations are empty, never on the
  number of rows. The patient query is asked, at every seed size, for the first person whose
  answer has the same shape (charts at three hospitals, each with results, and a referral): which
  person has a referral changes with the seed size, and an answer without one skips a lookup.
- **Gateway memory.** Gateway RSS in this run: ${rss.join('; ')}. Under load much of a Node
  process's RSS is V8's headroom rather than live data: the young generation grows, and the old
  generation is let grow well past the live heap while allocation is fast. The gateway ships with
  V8's defaults; an operator who must bound memory can cap both (\`--max-semi-space-size\`,
  \`--max-old-space-size\` in \`NODE_OPTIONS\`, docs/OPERATIONS.md), at a cost in CPU that
  \`bench/tools/try-broadcast.ts\` with \`BENCH_GATEWAY_NODE_ARGS\` measures on this machine.
`;
}
