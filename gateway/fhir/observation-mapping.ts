import {
  HOSPITAL_SYSTEM,
  INTERPRETATION_CODES,
  INTERPRETATION_SYSTEM,
  LOINC_SYSTEM,
  OBSERVATION_CATEGORY_SYSTEM,
  OBSERVATION_STATUS,
  UCUM_SYSTEM,
  labResultSystem,
} from '../../common/fhir/fhir-systems';
import type { CodeableConcept, Observation, ObservationStatus, Organization, Quantity } from './fhir-r4';
import type { HospitalRow, LabResultRow, ReferenceRangeRow } from './graphql-shapes';
import { r4Concept, r4Identifier, r4Note, r4Organization, r4Performer, sameIdentifier } from './kept-to-r4';

/**
 * `<mpiId>.<hospitalId>.<loinc>.<result id>`: an Observation can be read back by id alone
 * (the gateway has no query for one result without its person), narrowed to one chart and
 * one code. FHIR ids allow letters, digits, '-' and '.', at most 64 characters.
 */
export function observationId(mpiId: string, result: { hospitalId: string; loinc: string; id: string }): string {
  return `${mpiId}.${result.hospitalId}.${result.loinc}.${result.id}`.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);
}

export interface ObservationRef {
  mpiId: string;
  hospitalId: string;
  loinc: string;
}

/** The person, chart and code an Observation id names (MPI and hospital ids carry no '.'). */
export function parseObservationId(id: string): ObservationRef | undefined {
  const match = /^([A-Za-z0-9-]{1,64})\.([A-Za-z0-9-]{1,64})\.(\d{1,7}-\d)\.[A-Za-z0-9.-]+$/.exec(id);
  return match && id.length <= 64 ? { mpiId: match[1], hospitalId: match[2], loinc: match[3] } : undefined;
}

function ucum(value: number, unit: string | null): Quantity {
  return unit ? { value, unit, system: UCUM_SYSTEM, code: unit } : { value };
}

/** The performing member, contained in each Observation: the API has no Organization endpoint. */
export function performingOrganization(hospital: HospitalRow | { id: string; name?: string }): Organization {
  return { resourceType: 'Organization', id: hospital.id, identifier: [{ system: HOSPITAL_SYSTEM, value: hospital.id }], ...(hospital.name ? { name: hospital.name } : {}) };
}

/**
 * One lab result as an R4 Observation: LOINC code, UCUM quantity, the performing lab's
 * own reference ranges, v3 interpretation, and who performed it. What the member kept
 * from an imported result's source (contract 1.2: its identifiers, code as given, status,
 * performer, ranges, method, notes) is written back as given; otherwise the catalogue's
 * name and the member itself stand in.
 */
export function toObservation(result: LabResultRow, mpiId: string, hospital: HospitalRow | undefined): Observation {
  const own = { system: labResultSystem(result.hospitalId), value: result.id };
  const { performer, contained } = performersOf(result, hospital);
  const observation: Observation = {
    resourceType: 'Observation',
    id: observationId(mpiId, result),
    contained,
    identifier: [own, ...(result.identifiers ?? []).map(r4Identifier).filter((i) => !sameIdentifier(i, own))],
    status: (result.fhirStatus as ObservationStatus | null | undefined) ?? OBSERVATION_STATUS[result.status],
    category: [{ coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: 'laboratory', display: 'Laboratory' }] }],
    code: codeOf(result),
    subject: { reference: `Patient/${mpiId}` },
    effectiveDateTime: result.collectedAt,
    performer,
  };
  if (result.reportedAt) observation.issued = result.reportedAt;
  if (result.valueQuantity !== null) observation.valueQuantity = ucum(result.valueQuantity, result.unit);
  else if (result.valueString !== null) observation.valueString = result.valueString;
  if (result.interpretation) {
    const { code, display } = INTERPRETATION_CODES[result.interpretation];
    observation.interpretation = [{ coding: [{ system: INTERPRETATION_SYSTEM, code, display }] }];
  }
  if (result.notes?.length) observation.note = result.notes.map(r4Note);
  if (result.method) observation.method = r4Concept(result.method);
  if (result.specimen) observation.specimen = { display: result.specimen };
  const ranges = (result.referenceRanges ?? (result.referenceRange ? [result.referenceRange] : [])).filter((r) => r.low !== null || r.high !== null || r.text);
  if (ranges.length > 0) observation.referenceRange = ranges.map((range) => r4Range(range, result.unit));
  return observation;
}

/** The code as the source gave it, its LOINC coding first (the code searches match); else the catalogue's. */
function codeOf(result: LabResultRow): CodeableConcept {
  if (!result.code) return { coding: [{ system: LOINC_SYSTEM, code: result.loinc, display: result.name }], text: result.name };
  const given = r4Concept(result.code);
  const loinc = (given.coding ?? []).filter((c) => c.system === LOINC_SYSTEM);
  return { ...given, coding: [...loinc, ...(given.coding ?? []).filter((c) => c.system !== LOINC_SYSTEM)] };
}

/** The performers the source named (and the Organizations they point to), else the member. */
function performersOf(result: LabResultRow, hospital: HospitalRow | undefined): Pick<Observation, 'performer' | 'contained'> {
  if (result.performers?.length) {
    const organizations = new Map(result.performers.flatMap((p) => (p.organization ? [[p.organization.id, r4Organization(p.organization)] as const] : [])));
    return { performer: result.performers.map(r4Performer), ...(organizations.size > 0 ? { contained: [...organizations.values()] } : {}) };
  }
  const organization = performingOrganization(hospital ?? { id: result.hospitalId });
  return { performer: [{ reference: `#${organization.id}`, display: organization.name }], contained: [organization] };
}

function r4Range(range: ReferenceRangeRow, resultUnit: string | null): NonNullable<Observation['referenceRange']>[number] {
  const unit = range.unit ?? resultUnit;
  return {
    ...(range.low !== null ? { low: ucum(range.low, unit) } : {}),
    ...(range.high !== null ? { high: ucum(range.high, unit) } : {}),
    ...(range.type ? { type: r4Concept(range.type) } : {}),
    ...(range.appliesTo?.length ? { appliesTo: range.appliesTo.map(r4Concept) } : {}),
    ...(range.text ? { text: range.text } : {}),
  };
}

/** Newest first, then by id: the same answer in the same order every time. */
export function byEffectiveDesc(a: Observation, b: Observation): number {
  const t = (o: Observation) => Date.parse(o.effectiveDateTime ?? '');
  return t(b) - t(a) || (a.id ?? '').localeCompare(b.id ?? '');
}
