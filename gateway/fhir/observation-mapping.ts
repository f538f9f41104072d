import { HOSPITAL_SYSTEM, INTERPRETATION_CODES, INTERPRETATION_SYSTEM, LOINC_SYSTEM, OBSERVATION_CATEGORY_SYSTEM, OBSERVATION_STATUS, UCUM_SYSTEM, labResultSystem } from '../../common/fhir/fhir-systems';
import type { Observation, Organization, Quantity } from './fhir-r4';
import type { HospitalRow, LabResultRow } from './graphql-shapes';

/** FHIR ids allow letters, digits, '-' and '.', at most 64 characters. */
export function observationId(hospitalId: string, resultId: string): string {
  return `${hospitalId}.${resultId}`.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64);
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
    id: observationId(result.hospitalId, result.id),
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
