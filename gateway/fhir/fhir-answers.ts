import { LOINC_SYSTEM } from '../../common/fhir/fhir-systems';
import type { Bundle, BundleEntry, Observation, OperationOutcome, Patient } from './fhir-r4';
import type { HospitalRow, PatientRecordRow } from './graphql-shapes';
import { byEffectiveDesc, toObservation, type ObservationRef } from './observation-mapping';
import { errorsToFhirError, fhirError, partialOutcome, type GraphQLErrorLike } from './operation-outcome';
import { toPatient } from './patient-mapping';
import { dateMatches, type ObservationSearch } from './search-params';

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

/**
 * Errors below the patient (a member down, a chart refused): the answer is partial. A
 * member at an older contract (MEMBER_OUTDATED) answered everything but the fields it
 * lacks, which are the elements kept from a FHIR source (1.2): it never had any, so its
 * resources are whole without them and nothing is reported missing.
 */
function partErrors(answer: GraphQLAnswer): GraphQLErrorLike[] {
  return (answer.errors ?? []).filter((e) => e.path && e.path[0] === 'patient' && e.path.length > 1 && e.extensions?.code !== 'MEMBER_OUTDATED');
}

function outcomeEntry(outcome: OperationOutcome | undefined): BundleEntry<OperationOutcome>[] {
  return outcome ? [{ resource: outcome, search: { mode: 'outcome' as const } }] : [];
}

/** Every Observation of the person, as the GraphQL answer gave them (newest first). */
function observationsOf(answer: GraphQLAnswer, person: { mpiId: string; records: PatientRecordRow[] }): Observation[] {
  const hospitals = new Map((answer.data?.hospitals ?? []).map((h) => [h.id, h]));
  return person.records.flatMap((record) => (record.labResults ?? []).map((result) => toObservation(result, person.mpiId, hospitals.get(result.hospitalId)))).sort(byEffectiveDesc);
}

function matches(search: ObservationSearch, observation: Observation): boolean {
  if (search.laboratoryOnly === 'none') return false;
  const code = observation.code.coding?.find((c) => c.system === LOINC_SYSTEM)?.code ?? '';
  if (!search.codes.every((anyOf) => anyOf.includes(code))) return false;
  const at = Date.parse(observation.effectiveDateTime ?? '');
  return search.dates.every((bound) => dateMatches(bound, at));
}

/** Where a page of the search starts: the caller's query string with `_offset` set. */
export type PageUrl = (offset: number) => string;

/**
 * `Observation?patient=…` as a searchset Bundle, one page of it (`_count`, `_offset`) with
 * self/first/previous/next links; missing members and cut charts become an
 * OperationOutcome entry (search mode `outcome`).
 */
export function observationSearchBundle(
  answer: GraphQLAnswer,
  search: ObservationSearch,
  base: string,
  pageUrl: PageUrl,
  perChart = Infinity,
): Bundle<Observation | OperationOutcome> {
  const person = personOf(answer, search.mpiId);
  const full = person.records.filter((r) => (r.labResults?.length ?? 0) >= perChart);
  const warnings: GraphQLErrorLike[] = full.map((r) => ({
    message: `Only the newest ${perChart} results of the chart at ${r.hospitalId} were searched; narrow the search with code=<loinc> or date=ge<date>.`,
    extensions: { code: 'RESULTS_CUT', hospitalId: r.hospitalId },
  }));
  const found = observationsOf(answer, person).filter((o) => matches(search, o));
  if (search.sort === 'date') found.reverse();
  const page = found.slice(search.offset, search.offset + search.count);
  const link: Bundle['link'] = [
    { relation: 'self', url: pageUrl(search.offset) },
    { relation: 'first', url: pageUrl(0) },
  ];
  if (search.offset > 0) link.push({ relation: 'previous', url: pageUrl(Math.max(0, search.offset - search.count)) });
  if (search.count > 0 && search.offset + search.count < found.length) link.push({ relation: 'next', url: pageUrl(search.offset + search.count) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: found.length,
    link,
    entry: [
      ...page.map((resource) => ({ fullUrl: `${base}/Observation/${resource.id}`, resource, search: { mode: 'match' as const } })),
      ...outcomeEntry(partialOutcome([...partErrors(answer), ...warnings])),
    ],
  };
}

/** `Observation/<id>`: the one result of that person, chart and code with that id; else 404. */
export function observationResource(answer: GraphQLAnswer, ref: ObservationRef, id: string): Observation {
  const person = personOf(answer, ref.mpiId);
  const found = observationsOf(answer, person).find((o) => o.id === id);
  if (found) return found;
  const down = partErrors(answer).filter((e) => e.extensions?.hospitalId === ref.hospitalId);
  if (down.length > 0) throw errorsToFhirError(down);
  throw fhirError(404, 'not-found', `Observation/${id} is not known.`);
}

/** `Patient/<mpiId>`. */
export function patientResource(answer: GraphQLAnswer, mpiId: string): Patient {
  const person = personOf(answer, mpiId);
  return toPatient(
    person.mpiId,
    person.records.filter((r) => r),
  );
}

/** `Patient?identifier=…` as a searchset Bundle: the person, or none. */
export function patientSearchBundle(patient: Patient | undefined, base: string, selfUrl: string): Bundle<Patient> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: patient ? 1 : 0,
    link: [{ relation: 'self', url: selfUrl }],
    entry: patient ? [{ fullUrl: `${base}/Patient/${patient.id}`, resource: patient, search: { mode: 'match' } }] : [],
  };
}
