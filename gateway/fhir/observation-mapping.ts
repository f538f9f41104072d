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
import type { Observation, Organization, Quantity } from './fhir-r4';
import type { HospitalRow, LabResultRow } from './graphql-shapes';

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
 * own reference range, v3 interpretation, and the member that performed it.
 */
export function toObservation(result: LabResultRow, mpiId: string, hospital: HospitalRow | undefined): Observation {
  const organization = performingOrganization(hospital ?? { id: result.hospitalId });
  const observation: Observation = {
    resourceType: 'Observation',
    id: observationId(mpiId, result),
    contained: [organization],
    identifier: [{ system: labResultSystem(result.hospitalId), value: result.id }],
    status: OBSERVATION_STATUS[result.status],
    category: [{ coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: 'laboratory', display: 'Laboratory' }] }],
    code: { coding: [{ system: LOINC_SYSTEM, code: result.loinc, display: result.name }], text: result.name },
    subject: { reference: `Patient/${mpiId}` },
    effectiveDateTime: result.collectedAt,
    performer: [{ reference: `#${organization.id}`, display: organization.name }],
  };
  if (result.reportedAt) observation.issued = result.reportedAt;
  if (result.valueQuantity !== null) observation.valueQuantity = ucum(result.valueQuantity, result.unit);
  else if (result.valueString !== null) observation.valueString = result.valueString;
  if (result.interpretation) {
    const { code, display } = INTERPRETATION_CODES[result.interpretation];
    observation.interpretation = [{ coding: [{ system: INTERPRETATION_SYSTEM, code, display }] }];
  }
  const range = result.referenceRange;
  if (range && (range.low !== null || range.high !== null || range.text)) {
    observation.referenceRange = [
      {
        ...(range.low !== null ? { low: ucum(range.low, result.unit) } : {}),
        ...(range.high !== null ? { high: ucum(range.high, result.unit) } : {}),
        ...(range.text ? { text: range.text } : {}),
      },
    ];
  }
  if (result.specimen) observation.specimen = { display: result.specimen };
  return observation;
}

/** Newest first, then by id: the same answer in the same order every time. */
export function byEffectiveDesc(a: Observation, b: Observation): number {
  const t = (o: Observation) => Date.parse(o.effectiveDateTime ?? '');
  return t(b) - t(a) || (a.id ?? '').localeCompare(b.id ?? '');
}
