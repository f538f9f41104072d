/**
 * Code systems and identifier namespaces of MedAlliance's FHIR R4 surface, shared by the
 * gateway's read API and the hospital import so that an export can be imported again.
 */
export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
export const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
export const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';

/** The master patient index's id of a person. */
export const MPI_SYSTEM = 'urn:medalliance:mpi';
/** HL7 v2 table 0203, identifier types: `NI` national id (居民身份证号), `MR` medical record number. */
export const IDENTIFIER_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/** A member hospital (Organization.identifier). */
export const HOSPITAL_SYSTEM = 'urn:medalliance:hospital';

/** A chart number at one hospital (Patient.identifier). */
export function mrnSystem(hospitalId: string): string {
  return `urn:medalliance:hospital:${hospitalId}:mrn`;
}

/** A lab result's id at one hospital (Observation.identifier). */
export function labResultSystem(hospitalId: string): string {
  return `urn:medalliance:hospital:${hospitalId}:lab-result`;
}

/** Contract status → FHIR ObservationStatus (R4 value set; the codes map one to one). */
export const OBSERVATION_STATUS = {
  REGISTERED: 'registered',
  PRELIMINARY: 'preliminary',
  FINAL: 'final',
  AMENDED: 'amended',
  CANCELLED: 'cancelled',
} as const;

/** Contract interpretation → v3 ObservationInterpretation code and display. */
export const INTERPRETATION_CODES = {
  NORMAL: { code: 'N', display: 'Normal' },
  LOW: { code: 'L', display: 'Low' },
  HIGH: { code: 'H', display: 'High' },
  CRITICAL_LOW: { code: 'LL', display: 'Critical low' },
  CRITICAL_HIGH: { code: 'HH', display: 'Critical high' },
  ABNORMAL: { code: 'A', display: 'Abnormal' },
} as const;

/** Contract sex → FHIR AdministrativeGender. */
export const GENDER = {
  MALE: 'male',
  FEMALE: 'female',
  OTHER: 'other',
  UNKNOWN: 'unknown',
} as const;

/** The hospital whose chart-number system this is, or undefined (the inverse of `mrnSystem`). */
export function hospitalOfMrnSystem(system: string): string | undefined {
  return /^urn:medalliance:hospital:([A-Za-z0-9-]{1,64}):mrn$/.exec(system)?.[1];
}
