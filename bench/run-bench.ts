import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack } from './harness/alliance-stack';
import { killAllNow, stopAll } from './harness/processes';
import { renderMarkdown, type BenchResults } from './report/render-markdown';
import { BROADCAST_QUERY, runBroadcast } from './workloads/broadcast';
import { runEmbeddedBookings } from './workloads/embedded-bookings';
import { runPatientQuery } from './workloads/patient-query';
import { runSingleHospital } from './workloads/single-hospital';
import { runSqlStatements } from './workloads/sql-statements';

/** Hard stop: whatever happens, the bench ends and takes its children with it. */
const DEADLINE_MS = 9.5 * 60_000;
const ROOT = path.resolve(__dirname, '..', '..');
const COMMAND = 'npm run bench';

const SETTINGS = {
  connections: 10,
  seconds: 6,
  warmupSeconds: 2,
  singleHospitalRounds: 2,
  broadcastNs: [1, 4, 10, 30],
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
  const results: BenchResults = {
    command: COMMAND,
    startedAt: new Date(started).toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    settings: SETTINGS,
  } as unknown as BenchResults;

  log(`[${elapsed()}] workloads 1 and 3: 4 members, ${SETTINGS.sqlBasePatients} patients`);
  const small = await startStack('w1', { members: ['dh-lead', 'dh-district', 'dh-chc-lakeside', 'dh-chc-hill'], seedHospitals: 4, seedPatients: SETTINGS.sqlBasePatients });
  try {
    results.singleHospital = await runSingleHospital(small, {
      connections: SETTINGS.connections,
      seconds: SETTINGS.seconds,
      warmupSeconds: SETTINGS.warmupSeconds,
      rounds: SETTINGS.singleHospitalRounds,
      log,
    });
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

  const maxN = Math.max(...SETTINGS.broadcastNs);
  const { allianceRoster } = await import('../subgraphs/runtime/seed/roster');
  const broadcastOptions = {
    ns: SETTINGS.broadcastNs,
    delayMs: SETTINGS.broadcastDelayMs,
    connections: SETTINGS.connections,
    seconds: SETTINGS.seconds,
    warmupSeconds: SETTINGS.warmupSeconds,
    lightSamples: SETTINGS.broadcastLightSamples,
    lightIntervalMs: SETTINGS.broadcastLightIntervalMs,
    log,
  };
  results.broadcast = { query: BROADCAST_QUERY, delayMs: SETTINGS.broadcastDelayMs, series: [] };
  // real members first (the figures users get), then canned ones (the gateway's fan-out alone)
  for (const members of ['real', 'canned'] as const) {
    log(`[${elapsed()}] workloads 2 and 5, ${members} members: ${maxN} behind ${SETTINGS.broadcastDelayMs} ms delay proxies`);
    const wide = await startStack(`w2-${members}`, {
      members: allianceRoster(maxN).map((h) => h.id),
      seedHospitals: maxN,
      seedPatients: SETTINGS.broadcastSeedPatients,
      delayMs: SETTINGS.broadcastDelayMs,
      cannedMembers: members === 'canned',
      // 30 members on shared cores queue far beyond the 2 s member timeout under 10 connections; a breaker opened by
      // that queueing would turn the next N into errors instead of figures
      gatewayEnv: { MEDALLIANCE_MEMBER_TIMEOUT_MS: '60000', MEDALLIANCE_BREAKER_FAILURES: '1000' },
    });
    try {
      results.broadcast.series.push(await runBroadcast(wide, { ...broadcastOptions, members }));
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
