import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack } from './harness/alliance-stack';
import { BENCH_NODE_ENV, killAllNow, stopAll } from './harness/processes';
import { renderMarkdown, type BenchResults } from './report/render-markdown';
import { BROADCAST_GATEWAY_ENV, BROADCAST_QUERY, runBroadcast } from './workloads/broadcast';
import { runEmbeddedBookings } from './workloads/embedded-bookings';
import { runPatientQuery } from './workloads/patient-query';
import { PATIENT_SIDE_SETTINGS, runPatientSideBySide, type PatientSideBySideResult } from './workloads/patient-query-side-by-side';
import { DEMO_MEMBERS, runSingleHospital } from './workloads/single-hospital';
import { runSqlStatements } from './workloads/sql-statements';

/** Hard stop: whatever happens, the bench ends and takes its children with it. */
const DEADLINE_MS = 12 * 60_000;
const ROOT = path.resolve(__dirname, '..', '..');
const COMMAND = 'npm run bench';

const SETTINGS = {
  connections: 10,
  seconds: 6,
  warmupSeconds: 2,
  singleHospitalRounds: 2,
  broadcastNs: [1, 4, 10, 30],
  /** The widest broadcast: every member of the largest roster the seed allows, canned. */
  broadcastWideN: 200,
  broadcastDelayMs: 20,
  /** Light series: one request at a time, one every 100 ms (or right after a slower answer). */
  broadcastLightSamples: 64,
  broadcastLightIntervalMs: 100,
  broadcastSeedPatients: 30,
  /** Workload 3's one-at-a-time series (after as many again as a warm-up). */
  patientLightSamples: 200,
  sqlScales: [1, 10, 100],
  sqlBasePatients: 200,
  /** Workload 6: bookings on one member's embedded database (WAL, synchronous=FULL). */
  bookings: 300,
  bookingsWarmup: 20,
};

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
  // workload 3b's figures go to latest.json; its section is rendered by report/render-patient-side-by-side.ts
  const results: BenchResults & { patientSideBySide?: PatientSideBySideResult } = {
    command: COMMAND,
    startedAt: new Date(started).toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    nodeEnv: BENCH_NODE_ENV,
    settings: SETTINGS,
  } as unknown as BenchResults;

  const singleOptions = { connections: SETTINGS.connections, seconds: SETTINGS.seconds, warmupSeconds: SETTINGS.warmupSeconds, rounds: SETTINGS.singleHospitalRounds, log };
  log(`[${elapsed()}] workloads 1 and 3: ${DEMO_MEMBERS.length} members, ${SETTINGS.sqlBasePatients} patients`);
  const small = await startStack('w1', { members: DEMO_MEMBERS, seedHospitals: DEMO_MEMBERS.length, seedPatients: SETTINGS.sqlBasePatients });
  try {
    results.singleHospital = await runSingleHospital(small, { ...singleOptions, members: 'real' });
    results.patientQuery = await runPatientQuery(small, {
      connections: SETTINGS.connections,
      seconds: SETTINGS.seconds,
      warmupSeconds: SETTINGS.warmupSeconds,
      lightSamples: SETTINGS.patientLightSamples,
    });
    const w3 = results.patientQuery;
    log(`  w3: ${w3.figures.throughput} req/s, p50 ${w3.figures.p50Ms} ms; one at a time p50 ${w3.light?.p50Ms} ms, CPU ms/req ${JSON.stringify(w3.cpuLight)}`);
  } finally {
    await small.stop();
  }

  log(`[${elapsed()}] workload 1 against canned members: ${DEMO_MEMBERS.length} in-memory members`);
  const cannedSmall = await startStack('w1-canned', {
    members: DEMO_MEMBERS,
    seedHospitals: DEMO_MEMBERS.length,
    seedPatients: SETTINGS.broadcastSeedPatients,
    cannedMembers: true,
  });
  try {
    results.singleHospitalCanned = await runSingleHospital(cannedSmall, { ...singleOptions, members: 'canned' });
  } finally {
    await cannedSmall.stop();
  }

  log(`[${elapsed()}] workload 3b: the patient query on a one-member alliance, our gateway beside plain Apollo and Hive`);
  results.patientSideBySide = await runPatientSideBySide({ ...SETTINGS, ...PATIENT_SIDE_SETTINGS, seedPatients: SETTINGS.sqlBasePatients, log });

  const maxN = Math.max(...SETTINGS.broadcastNs);
  const { allianceRoster } = await import('../subgraphs/runtime/seed/roster');
  const broadcastOptions = {
    delayMs: SETTINGS.broadcastDelayMs,
    connections: SETTINGS.connections,
    seconds: SETTINGS.seconds,
    warmupSeconds: SETTINGS.warmupSeconds,
    lightSamples: SETTINGS.broadcastLightSamples,
    lightIntervalMs: SETTINGS.broadcastLightIntervalMs,
    log,
  };
  results.broadcast = { query: BROADCAST_QUERY, delayMs: SETTINGS.broadcastDelayMs, series: [] };
  // real members first (the figures users get), then canned ones (the gateway's fan-out alone), then the widest alliance, canned
  const runs = [
    { members: 'real', running: maxN, ns: SETTINGS.broadcastNs },
    { members: 'canned', running: maxN, ns: SETTINGS.broadcastNs },
    { members: 'canned', running: SETTINGS.broadcastWideN, ns: [SETTINGS.broadcastWideN] },
  ] as const;
  for (const run of runs) {
    log(`[${elapsed()}] workloads 2 and 5, ${run.members} members: ${run.running} behind ${SETTINGS.broadcastDelayMs} ms delay proxies`);
    const wide = await startStack(`w2-${run.members}-${run.running}`, {
      members: allianceRoster(run.running).map((h) => h.id),
      seedHospitals: run.running,
      seedPatients: SETTINGS.broadcastSeedPatients,
      delayMs: SETTINGS.broadcastDelayMs,
      cannedMembers: run.members === 'canned',
      gatewayEnv: BROADCAST_GATEWAY_ENV,
    });
    try {
      results.broadcast.series.push(await runBroadcast(wide, { ...broadcastOptions, members: run.members, ns: [...run.ns] }));
    } finally {
      await wide.stop();
    }
  }

  log(`[${elapsed()}] workload 4: SQL statements per request at ${SETTINGS.sqlScales.join('×, ')}× the seeded patients`);
  results.sqlStatements = await runSqlStatements(SETTINGS.sqlScales, SETTINGS.sqlBasePatients, log);

  log(`[${elapsed()}] workload 6: ${SETTINGS.bookings} bookings on the embedded database, ${SETTINGS.connections} connections`);
  results.embeddedBookings = await runEmbeddedBookings({ connections: SETTINGS.connections, bookings: SETTINGS.bookings, warmupBookings: SETTINGS.bookingsWarmup, log });

  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(ROOT, 'docs', 'BENCHMARKS.md'), renderMarkdown(results));
  log(`[${elapsed()}] wrote bench/results/latest.json and docs/BENCHMARKS.md`);
}

const deadline = setTimeout(() => {
  log(`bench stopped: over ${DEADLINE_MS / 60_000} minutes`);
  killAllNow();
  process.exit(2);
}, DEADLINE_MS);
deadline.unref();
process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main()
  .then(async () => {
    await stopAll();
    process.exit(0);
  })
  .catch(async (error: Error) => {
    log(`bench failed: ${error.message}`);
    await stopAll();
    process.exit(1);
  });
