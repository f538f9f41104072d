import { patientRef } from '../../runtime/audit/audit-recorder';
import { patientRefsOf } from './patient-refs';

/**
 * The patients a refused request asked for, so that a denial is audited with whom it was
 * about (DESIGN 5): the chart a nested field hangs off, a chart named in the arguments
 * (`input.patient`, `input.hospitalId` + `input.mrn`), or a chart representation.
 */
export function refusedPatientRefs(parentTypeName: string, parent: unknown, args: Record<string, unknown>, ownHospitalId: string): string[] {
  const refs = new Set(patientRefsOf(parentTypeName, parent, ownHospitalId));
  const input = args.input as Record<string, unknown> | undefined;
  for (const candidate of [input?.patient, input]) {
    const ref = chartOf(candidate);
    if (ref) refs.add(ref);
  }
  return [...refs];
}

function chartOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { hospitalId, mrn } = value as { hospitalId?: unknown; mrn?: unknown };
  return typeof hospitalId === 'string' && typeof mrn === 'string' ? patientRef(hospitalId, mrn) : undefined;
}
