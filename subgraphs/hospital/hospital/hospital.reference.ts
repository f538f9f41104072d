import type { HospitalContext } from '../context';
import type { HospitalRoot } from './hospital.type';

/** A member resolves only its own directory entry; any other id is null. */
export function resolveHospitalReference(reference: { id: string }, ctx: HospitalContext): HospitalRoot | null {
  return reference.id === ctx.hospitalId ? { id: reference.id } : null;
}
