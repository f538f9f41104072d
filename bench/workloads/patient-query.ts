import { CROSS_HOSPITAL_PATIENT_QUERY } from '../../common/contract/cross-hospital-patient-query';
import type { Stack } from '../harness/alliance-stack';
import { measure, verify, type LoadFigures } from '../harness/load';
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

/** The first seeded person (MPI-000001 on) whose answer has the full shape, asked through the gateway. */
export async function choosePatient(gatewayUrl: string, headers: Record<string, string>): Promise<PatientVariables> {
  for (let n = 1; n <= 300; n++) {
    const variables = { mpiId: `MPI-${String(n).padStart(6, '0')}`, here: 'dh-lead' };
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: CROSS_HOSPITAL_PATIENT_QUERY, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown> };
    if (body.data && fullShape(body.data)) return variables;
  }
  throw new Error('no seeded person with charts at three hospitals, lab results and a referral');
}

export interface PatientQueryResult {
  query: string;
  variables: PatientVariables;
  figures: LoadFigures;
}

/** Workload 3: the cross-hospital patient query through our gateway, as a treating clinician. */
export async function runPatientQuery(stack: Stack, options: { connections: number; seconds: number; warmupSeconds: number }): Promise<PatientQueryResult> {
  const headers = await callerHeaders(stack.dataDir, 'clinician', 'dh-lead');
  const variables = await choosePatient(stack.gateway.url, headers);
  const spec = { url: stack.gateway.url, headers: () => headers, body: () => ({ query: CROSS_HOSPITAL_PATIENT_QUERY, variables }) };
  await verify(spec, 1, holdsThreeCharts);
  const figures = await measure({ ...spec, ...options });
  return { query: CROSS_HOSPITAL_PATIENT_QUERY, variables, figures };
}
