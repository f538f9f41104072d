import { patientRef } from '../../runtime/audit/audit-recorder';

/**
 * The patient references a PHI value names, for the audit row: a chart is named by its
 * own key (a booking's patient may be another member's chart), a lab result by this
 * member and its MRN. Never values or names.
 */
export function patientRefsOf(typeName: string, value: unknown, ownHospitalId: string): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => patientRefsOf(typeName, v, ownHospitalId));
  const row = value as { mrn?: unknown; hospitalId?: unknown };
  if (typeof row.mrn !== 'string') return [];
  if (typeName === 'PatientRecord') return [patientRef(typeof row.hospitalId === 'string' ? row.hospitalId : ownHospitalId, row.mrn)];
  if (typeName === 'LabResult') return [patientRef(ownHospitalId, row.mrn)];
  return [];
}
