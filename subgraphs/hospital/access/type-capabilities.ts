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
};

export function capabilityOfType(typeName: string): HospitalCapability | undefined {
  return TYPE_CAPABILITY[typeName];
}
