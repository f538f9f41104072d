import type { HospitalCapability } from './hospital-access';

/**
 * The capability needed to receive an object of each type of the contract. A field is
 * checked by the type it returns, so a PHI object can be reached by no path that skips the
 * check (root field, `_entities`, `ResourceBooking.patient`, `LabResult.patient` …).
 * Scalar fields are covered by their parent's check: `PatientRecord.hospitalId` and `mrn`
 * are PHI like the rest of the chart, since a key names a patient.
 */
export const TYPE_CAPABILITY: Readonly<Record<string, HospitalCapability>> = {
  Hospital: 'directory',
  BedSummary: 'directory',
  Department: 'directory',
  Staff: 'directory',
  SharedResource: 'resources',
  Slot: 'resources',
  ResourceBooking: 'resources',
  LabSummary: 'labSummary',
  PatientRecord: 'phi',
  LabResult: 'phi',
  ReferenceRange: 'phi',
  // FHIR elements a chart or result keeps from its source (contract 1.2): names, contacts and identifiers are PHI themselves
  Coding: 'phi',
  CodedConcept: 'phi',
  Identifier: 'phi',
  PerformingOrganization: 'phi',
  ResultPerformer: 'phi',
  ResultNote: 'phi',
  HumanName: 'phi',
  ContactPoint: 'phi',
  Address: 'phi',
};

export function capabilityOfType(typeName: string): HospitalCapability | undefined {
  return TYPE_CAPABILITY[typeName];
}

/**
 * The capability that guards one field, as `accessGuard` applies it: a field returning an
 * object needs that object's capability; a scalar or enum field is released with its
 * parent object, so it needs the parent's. Undefined: nothing covers it (refused).
 */
export function capabilityOfField(parentTypeName: string, returnTypeName: string, returnsObject: boolean): HospitalCapability | undefined {
  if (returnsObject) return capabilityOfType(returnTypeName);
  if (parentTypeName === 'Query' || parentTypeName === 'Mutation') return undefined;
  return capabilityOfType(parentTypeName);
}
