import type { Stack } from '../harness/alliance-stack';
import { measure, verify, type LoadFigures } from '../harness/load';
import { callerHeaders } from '../harness/tokens';

/** DESIGN 3.3, verbatim: one request, the alliance then the three holding hospitals then the alliance. */
export const PATIENT_QUERY = `query CrossHospitalPatient($mpiId: ID!, $here: ID!) {
  patient(mpiId: $mpiId) {
    records { hospitalId mrn name
      labResults(since: "2026-01-01T00:00:00Z") { loinc name valueQuantity unit interpretation collectedAt
        recognition(atHospitalId: $here) { status mark validUntil reason } } }
    referrals { direction urgency status fromHospital { name } toHospital { name } }
  }
}`;
/** The seed always gives person 1 charts at the first three hospitals. */
export const PATIENT_VARIABLES = { mpiId: 'MPI-000001', here: 'dh-lead' };

export function holdsThreeCharts(data: Record<string, unknown>): boolean {
  const patient = data.patient as { records?: { hospitalId: string }[] } | null;
  return new Set((patient?.records ?? []).map((r) => r.hospitalId)).size === 3;
}

export interface PatientQueryResult {
  query: string;
  variables: typeof PATIENT_VARIABLES;
  figures: LoadFigures;
}

/** Workload 3: the cross-hospital patient query through our gateway, as a treating clinician. */
export async function runPatientQuery(stack: Stack, options: { connections: number; seconds: number; warmupSeconds: number }): Promise<PatientQueryResult> {
  const headers = await callerHeaders(stack.dataDir, 'clinician', 'dh-lead');
  const spec = { url: stack.gateway.url, headers: () => headers, body: () => ({ query: PATIENT_QUERY, variables: PATIENT_VARIABLES }) };
  await verify(spec, 1, holdsThreeCharts);
  const figures = await measure({ ...spec, ...options });
  return { query: PATIENT_QUERY, variables: PATIENT_VARIABLES, figures };
}
