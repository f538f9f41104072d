import { CROSS_HOSPITAL_PATIENT_QUERY } from '../../common/contract/cross-hospital-patient-query';
import type { Stack } from '../harness/alliance-stack';
import { cpuPerRequest } from '../harness/cpu';
import { latencySender, measure, sampleInTurns, verify, type LatencyFigures, type LoadFigures } from '../harness/load';
import { callerHeaders } from '../harness/tokens';

export type PatientVariables = {
  mpiId: string;
  here: string;
};

interface PatientAnswer {
  records?: { hospitalId: string; labResults?: unknown[] }[];
  referrals?: unknown[];
}

export function holdsThreeCharts(data: Record<string, unknown>): boolean {
  const patient = data.patient as PatientAnswer | null;
  return new Set((patient?.records ?? []).map((r) => r.hospitalId)).size === 3;
}

/**
 * The same shape of answer at every seed size: charts at three hospitals, each with lab
 * results, and at least one referral. Which person has a referral depends on the seed
 * size, and an answer without one skips the hospital-name lookup: a statement fewer
 * that says nothing about scaling.
 */
function fullShape(data: Record<string, unknown>): boolean {
  const patient = data.patient as PatientAnswer | null;
  return holdsThreeCharts(data) && (patient?.records ?? []).every((r) => (r.labResults?.length ?? 0) > 0) && (patient?.referrals?.length ?? 0) > 0;
}

/** The person asked for, and how many charts (records) one answer about them holds. */
export interface ChosenPatient {
  variables: PatientVariables;
  charts: number;
}

/** The first seeded person (MPI-000001 on) whose answer has the full shape, asked through the gateway. */
export async function choosePatient(gatewayUrl: string, headers: Record<string, string>): Promise<ChosenPatient> {
  for (let n = 1; n <= 300; n++) {
    const variables = { mpiId: `MPI-${String(n).padStart(6, '0')}`, here: 'dh-lead' };
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: CROSS_HOSPITAL_PATIENT_QUERY, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown> };
    if (body.data && fullShape(body.data)) return { variables, charts: (body.data.patient as PatientAnswer).records?.length ?? 0 };
  }
  throw new Error('no seeded person with charts at three hospitals, lab results and a referral');
}

/** CPU time per answered request of each process of the stack (/proc, user + system), in ms. */
export interface PatientQueryCpu {
  requests: number;
  gateway: number;
  alliance: number;
  /** Per member process, also those that hold no chart of the person (they should cost nothing). */
  members: Record<string, number>;
  /** The members' sum divided by the charts of one answer. */
  perChart: number;
  /** Gateway + alliance + every member. */
  total: number;
}

export interface PatientQueryResult {
  query: string;
  variables: PatientVariables;
  /** Charts (member records) in one answer. Absent in results from before the CPU figures. */
  charts?: number;
  /** `connections` at once, closed loop. */
  figures: LoadFigures;
  /** One request at a time, each timed on its own. */
  light?: LatencyFigures;
  /** CPU per request during the one-at-a-time series (the figure judged). */
  cpuLight?: PatientQueryCpu;
  /** CPU per request during the closed-loop run. */
  cpuLoaded?: PatientQueryCpu;
}

export interface PatientQueryOptions {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Requests of the one-at-a-time series (after as many again, discarded, as a warm-up). */
  lightSamples: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Starts counting every process's CPU; `stop` gives it per answered request. */
function countCpu(stack: Stack, charts: number): { stop(requests: number): PatientQueryCpu } {
  const memberIds = [...stack.members.keys()];
  const pids: Record<string, number> = { gateway: stack.gateway.pid, alliance: stack.alliance.pid };
  for (const id of memberIds) pids[`member:${id}`] = stack.members.get(id)!.pid;
  const counter = cpuPerRequest(pids);
  return {
    stop(requests) {
      const perProcess = counter.stop(requests);
      const members = Object.fromEntries(memberIds.map((id) => [id, perProcess[`member:${id}`]]));
      const memberSum = Object.values(members).reduce((a, b) => a + b, 0);
      return {
        requests,
        gateway: perProcess.gateway,
        alliance: perProcess.alliance,
        members,
        perChart: round2(memberSum / Math.max(charts, 1)),
        total: round2(perProcess.gateway + perProcess.alliance + memberSum),
      };
    },
  };
}

/**
 * Workload 3: the cross-hospital patient query through our gateway, as a treating
 * clinician. First one request at a time (latency without queueing, and the CPU each
 * process spends on one answer), then `connections` at once (throughput).
 */
export async function runPatientQuery(stack: Stack, options: PatientQueryOptions): Promise<PatientQueryResult> {
  const headers = await callerHeaders(stack.dataDir, 'clinician', 'dh-lead');
  const { variables, charts } = await choosePatient(stack.gateway.url, headers);
  const spec = { url: stack.gateway.url, headers: () => headers, body: () => ({ query: CROSS_HOSPITAL_PATIENT_QUERY, variables }) };
  await verify(spec, 1, holdsThreeCharts);

  await sampleInTurns([latencySender(spec)], options.lightSamples, 0);
  const lightCpu = countCpu(stack, charts);
  const [light] = await sampleInTurns([latencySender(spec)], options.lightSamples, 0);
  const cpuLight = lightCpu.stop(light.samples);

  let loadedCpu: ReturnType<typeof countCpu> | undefined;
  const figures = await measure({ ...spec, ...options, onMeasureStart: () => (loadedCpu = countCpu(stack, charts)) });
  const cpuLoaded = loadedCpu!.stop(figures.requests);
  return { query: CROSS_HOSPITAL_PATIENT_QUERY, variables, charts, figures, light, cpuLight, cpuLoaded };
}
