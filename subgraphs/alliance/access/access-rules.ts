import { actsForHospital, isClinicianWithPurpose, mayReadPhi, requireAllowed, requireCaller } from '../../runtime/auth/access-rules';
import type { Caller } from '../../../common/auth/caller';

// The predicates every subgraph shares; the alliance adds its own below.
export { actsForHospital, isClinicianWithPurpose, mayReadPhi, requireAllowed, requireCaller };

/**
 * The alliance's domain rules that depend on the object a write names (which hospital a
 * referral, decision, dispatch or training involves). Which caller may reach which field
 * at all is the one default-deny table in `alliance-rules.ts`, applied by `alliance-guard.ts`.
 * Dispatches and trainings name staff, never patients, so every role may read them.
 */

/**
 * A write that names a patient or a patient's result (a referral, a recognition decision):
 * a clinician acting for that hospital, with a purpose of use.
 */
export function mayWritePhiFor(caller: Caller | null, hospitalId: string): boolean {
  return isClinicianWithPurpose(caller) && actsForHospital(caller, hospitalId);
}

/** Dispatch and training bookkeeping: the alliance admin, or a clinician of one of the hospitals involved. */
export function mayManageCooperation(caller: Caller | null, hospitalIds: readonly string[]): boolean {
  if (caller?.role === 'admin') return true;
  return hospitalIds.some((id) => actsForHospital(caller, id));
}

/** The caller of a request the guard (`alliance-guard.ts`) has let through: never null there. */
export function callerOf(ctx: { caller: Caller | null }): Caller {
  return requireCaller(ctx.caller);
}

/** `linkPatientRecord`: a clinician of that hospital (with a purpose), that hospital's own member process, or the admin. */
export function mayLinkPatientRecord(caller: Caller | null, hospitalId: string): boolean {
  if (caller?.role === 'admin') return true;
  if (caller?.role === 'member') return caller.hospitalId === hospitalId;
  return mayWritePhiFor(caller, hospitalId);
}

/** Unlinking and merging persons change the index for every hospital: the alliance admin only. */
export function mayManageRegistry(caller: Caller | null): boolean {
  return caller?.role === 'admin';
}
