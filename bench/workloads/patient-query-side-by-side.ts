import path from 'node:path';
import { CROSS_HOSPITAL_PATIENT_QUERY } from '../../common/contract/cross-hospital-patient-query';
import { startStack, type Stack } from '../harness/alliance-stack';
import { latencySender, measureWithCpu, sampleInTurns, type LatencyFigures, type LoadFigures, type LoadSpec } from '../harness/load';
import { startNode, type BenchProcess } from '../harness/processes';
import { callerHeaders } from '../harness/tokens';
import { checkSameAnswers, choosePatients, patientBody, type AnswerShape } from './patient-side-answers';

/** The one member of the alliance; the clinician asking is of this hospital too. */
export const SIDE_MEMBER = 'dh-lead';

export type SideTarget = 'medalliance' | 'apolloGateway' | 'hiveGateway';
export const SIDE_TARGETS: SideTarget[] = ['medalliance', 'apolloGateway', 'hiveGateway'];
export type SideProcess = 'gateway' | 'alliance' | 'member';

/** DESIGN 3.3's target (issue #19): our gateway's CPU per request at most this share of each baseline's. */

export interface PatientSideBySideOptions {
  seedPatients: number;
  /** Distinct patients asked in turn, so that no in-flight deduplication decides the result. */
  patients: number;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
  latencySamples: number;
  latencyIntervalMs: number;
  log: (line: string) => void;
  /** e.g. `--cpu-prof` to profile our gateway. */
  gatewayNodeArgs?: string[];
}

/** What the bench and the try tool run beside its common settings (connections, seconds, warm-up). */
export const PATIENT_SIDE_SETTINGS = { patients: 10, rounds: 2, latencySamples: 40, latencyIntervalMs: 50 };

export interface SideFigures {
  load: LoadFigures;
  cpuMsPerRequest: Record<SideProcess, number>;
}

export interface PatientSideBySideResult {
  query: string;
  member: string;
  seedPatients: number;
  patients: string[];
  /** Checked equal from all three gateways before measuring. */
  answerShape: AnswerShape;
  rounds: Record<SideTarget, SideFigures>[];
  mean: Record<SideTarget, { throughput: number; p50Ms: number; p99Ms: number; cpuMsPerRequest: Record<SideProcess, number> }>;
  /** One request at a time, the three gateways taking turns. */
  latency: Record<SideTarget, LatencyFigures>;
}

const avg = (values: number[], digits = 1) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10 ** digits) / 10 ** digits;

async function startBaselines(stack: Stack): Promise<{ apollo: BenchProcess; hive: BenchProcess }> {
  const env = {
    MEDALLIANCE_DATA_DIR: stack.dataDir,
    BENCH_ALLIANCE_URL: stack.alliance.url,
    BENCH_MEMBER_URL: stack.memberUrls[SIDE_MEMBER],
    BENCH_MEMBER_ID: SIDE_MEMBER,
  };
  const script = (name: string) => path.join(__dirname, '..', 'baselines', name);
  const [apollo, hive] = await Promise.allSettled([
    startNode('apollo gateway (alliance + member)', script('apollo-gateway-process.js'), [], env),
    startNode('hive gateway (alliance + member)', script('hive-gateway-process.js'), [], env),
  ]);
  if (apollo.status === 'fulfilled' && hive.status === 'fulfilled') return { apollo: apollo.value, hive: hive.value };
  for (const started of [apollo, hive]) if (started.status === 'fulfilled') await started.value.stop();
  throw [apollo, hive].map((s) => (s.status === 'rejected' ? (s.reason as Error) : undefined)).find(Boolean)!;
}

/**
 * Workload 3b: DESIGN 3.3's patient query on a one-member alliance (the alliance and
 * dh-lead, every chart there) through our gateway, plain @apollo/gateway and Hive Gateway
 * (defaults) over the same supergraph, the answers checked equal first; then each loaded
 * in turn (`rounds` times, order reversed every other round) with the CPU per request of
 * its process and of the alliance and the member, and one request at a time, in turns.
 */
export async function runPatientSideBySide(options: PatientSideBySideOptions): Promise<PatientSideBySideResult> {
  const stack = await startStack('patient-side', { members: [SIDE_MEMBER], seedHospitals: 1, seedPatients: options.seedPatients, gatewayNodeArgs: options.gatewayNodeArgs });
  const baselines: BenchProcess[] = [];
  try {
    const { apollo, hive } = await startBaselines(stack);
    baselines.push(apollo, hive);
    const clinician = await callerHeaders(stack.dataDir, 'clinician', SIDE_MEMBER);
    const gateways: Record<SideTarget, BenchProcess> = { medalliance: stack.gateway, apolloGateway: apollo, hiveGateway: hive };
    const headers: Record<SideTarget, LoadSpec['headers']> = { medalliance: () => clinician, apolloGateway: () => ({}), hiveGateway: () => ({}) };
    const patients = await choosePatients({ url: stack.gateway.url, headers: headers.medalliance }, SIDE_MEMBER, options.patients);
    const bodies = patients.map((mpiId) => patientBody(mpiId, SIDE_MEMBER));
    const spec = (t: SideTarget): Pick<LoadSpec, 'url' | 'headers' | 'body'> => ({ url: gateways[t].url, headers: headers[t], body: (i) => bodies[i % bodies.length] });
    const specs: Record<SideTarget, Pick<LoadSpec, 'url' | 'headers' | 'body'>> = {
      medalliance: spec('medalliance'),
      apolloGateway: spec('apolloGateway'),
      hiveGateway: spec('hiveGateway'),
    };
    const answerShape = await checkSameAnswers(specs, bodies);
    options.log(`  w3b: ${patients.length} patients, same answer from all three (${answerShape.labResults.min}–${answerShape.labResults.max} results each)`);

    const processes = (t: SideTarget) => ({ gateway: gateways[t].pid, alliance: stack.alliance.pid, member: stack.members.get(SIDE_MEMBER)!.pid });
    const rounds: PatientSideBySideResult['rounds'] = [];
    for (let round = 0; round < options.rounds; round++) {
      const figures = {} as Record<SideTarget, SideFigures>;
      for (const target of round % 2 === 0 ? SIDE_TARGETS : [...SIDE_TARGETS].reverse()) {
        figures[target] = await measureWithCpu(
          { ...specs[target], connections: options.connections, seconds: options.seconds, warmupSeconds: options.warmupSeconds },
          processes(target),
        );
        options.log(
          `  w3b round ${round + 1} ${target}: ${figures[target].load.throughput} req/s, p50 ${figures[target].load.p50Ms} ms, CPU ms/request ${JSON.stringify(figures[target].cpuMsPerRequest)}`,
        );
      }
      rounds.push(figures);
    }
    const senders = SIDE_TARGETS.map((t) => latencySender(specs[t]));
    const latencies = await sampleInTurns(senders, options.latencySamples, options.latencyIntervalMs);
    const latency = Object.fromEntries(SIDE_TARGETS.map((t, i) => [t, latencies[i]])) as Record<SideTarget, LatencyFigures>;
    options.log(`  w3b one at a time: ${SIDE_TARGETS.map((t) => `${t} p50 ${latency[t].p50Ms} ms`).join(', ')}`);
    const mean = Object.fromEntries(
      SIDE_TARGETS.map((t) => {
        const of = (pick: (f: SideFigures) => number, digits?: number) =>
          avg(
            rounds.map((r) => pick(r[t])),
            digits,
          );
        const cpu = (p: SideProcess) => of((f) => f.cpuMsPerRequest[p], 2);
        return [
          t,
          {
            throughput: of((f) => f.load.throughput),
            p50Ms: of((f) => f.load.p50Ms),
            p99Ms: of((f) => f.load.p99Ms),
            cpuMsPerRequest: { gateway: cpu('gateway'), alliance: cpu('alliance'), member: cpu('member') },
          },
        ];
      }),
    ) as PatientSideBySideResult['mean'];
    return { query: CROSS_HOSPITAL_PATIENT_QUERY, member: SIDE_MEMBER, seedPatients: options.seedPatients, patients, answerShape, rounds, mean, latency };
  } finally {
    await Promise.all(baselines.map((b) => b.stop()));
    await stack.stop();
  }
}
