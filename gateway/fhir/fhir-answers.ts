import type { Bundle, Observation, OperationOutcome, Patient } from './fhir-r4';
import type { HospitalRow, PatientRecordRow } from './graphql-shapes';
import { byEffectiveDesc, toObservation } from './observation-mapping';
import { errorsToFhirError, fhirError, partialOutcome, type GraphQLErrorLike } from './operation-outcome';
import { toPatient } from './patient-mapping';

export interface GraphQLAnswer {
  data?: { hospitals?: HospitalRow[] | null; patient?: { mpiId: string; records: PatientRecordRow[] } | null } | null;
  errors?: GraphQLErrorLike[];
}

const isAt = (error: GraphQLErrorLike, field: string) => error.path?.[0] === field && error.path.length === 1;

/**
 * The person, or the FhirError that says why not: refused or failed at the root →
 * that error's status, no such person → 404.
 */
function personOf(answer: GraphQLAnswer, mpiId: string): { mpiId: string; records: PatientRecordRow[] } {
  const errors = answer.errors ?? [];
  const patient = answer.data?.patient;
  if (patient) return patient;
  const rootErrors = errors.filter((e) => !e.path || isAt(e, 'patient'));
  if (rootErrors.length > 0 || !answer.data) throw errorsToFhirError(rootErrors.length > 0 ? rootErrors : errors);
  throw fhirError(404, 'not-found', `Patient/${mpiId} is not known to the alliance.`);
}

/** Errors below the patient (a member down, a chart refused): the answer is partial. */
function partErrors(answer: GraphQLAnswer): GraphQLErrorLike[] {
  return (answer.errors ?? []).filter((e) => e.path && e.path[0] === 'patient' && e.path.length > 1);
}

function outcomeEntry(outcome: OperationOutcome | undefined) {
  return outcome ? [{ resource: outcome, search: { mode: 'outcome' as const } }] : [];
}

/** `Observation?patient=…` as a searchset Bundle; missing members become an OperationOutcome entry (search mode `outcome`). */
export function observationSearchBundle(answer: GraphQLAnswer, mpiId: string, base: string, selfUrl: string, perChart = Infinity): Bundle<Observation | OperationOutcome> {
  const person = personOf(answer, mpiId);
  const full = person.records.filter((r) => (r.labResults?.length ?? 0) >= perChart);
  const warnings: GraphQLErrorLike[] = full.map((r) => ({
    message: `Only the newest ${perChart} results of the chart at ${r.hospitalId} are included; narrow the search with code=<loinc>.`,
    extensions: { code: 'RESULTS_CUT', hospitalId: r.hospitalId },
  }));
  const hospitals = new Map((answer.data?.hospitals ?? []).map((h) => [h.id, h]));
  const observations = person.records
    .flatMap((record) => (record.labResults ?? []).map((result) => toObservation(result, person.mpiId, hospitals.get(result.hospitalId))))
    .sort(byEffectiveDesc);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: observations.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: [
      ...observations.map((resource) => ({ fullUrl: `${base}/Observation/${resource.id}`, resource, search: { mode: 'match' as const } })),
      ...outcomeEntry(partialOutcome([...partErrors(answer), ...warnings])),
    ],
  };
}

/** `Patient/<mpiId>`. */
export function patientResource(answer: GraphQLAnswer, mpiId: string): Patient {
  const person = personOf(answer, mpiId);
  return toPatient(person.mpiId, person.records.filter((r) => r));
}
