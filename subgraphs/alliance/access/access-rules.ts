import { ForbiddenError } from '../../../common/errors';
import type { AuditRecorder } from '../../runtime/audit/audit-recorder';
import { actsForHospital, isClinicianWithPurpose, mayReadPhi, requireAllowed, requireCaller } from '../../runtime/auth/access-rules';
import type { Caller } from '../../runtime/auth/caller';

// The predicates every subgraph shares; the alliance adds its own below.
export { actsForHospital, isClinicianWithPurpose, mayReadPhi, requireAllowed, requireCaller };

/**
 * Who may read or change what in the alliance subgraph (DESIGN 5), as plain predicates
 * (table-tested) and `require…` guards that throw the typed error.
 *
 * | what                                   | clinician         | analyst | dashboard | admin | service |
 * |----------------------------------------|-------------------|---------|-----------|-------|---------|
 * | directory, catalogue, cooperation, stats | yes             | yes     | yes       | yes   | yes     |
 * | PHI: master index, referrals           | with a purpose    | –       | –         | –     | –       |
 * | PHI writes: referrals, decisions       | own hospital + purpose | –  | –         | –     | –       |
 * | dispatch and training bookkeeping      | a hospital involved | –     | –         | yes   | –       |
 * | registry writes, membership history    | –                 | –       | –         | yes   | –       |
 * | link a chart in the index              | own hospital + purpose | –  | –         | yes   | –       |
 * | unlink, merge persons                  | –                 | –       | –         | yes   | –       |
 * | member URLs                            | –                 | –       | –         | yes   | yes     |
 * | audit trail                            | –                 | –       | –         | yes   | –       |
 *
 * Dispatches and trainings name staff, never patients, so every role may read them. A
 * member hospital's own process (role `member`, its own key) may only link its own charts.
 */
export function mayManageRegistry(caller: Caller | null): boolean {
  return caller?.role === 'admin';
}

/** `linkPatientRecord`: a clinician of that hospital, that hospital's own process, or the admin. */
export function mayLinkPatientRecord(caller: Caller | null, hospitalId: string): boolean {
  if (caller?.role === 'admin') return true;
  if (caller?.role === 'member') return caller.hospitalId === hospitalId;
  return mayWritePhiFor(caller, hospitalId);
}

export function mayReadSubgraphUrl(caller: Caller | null): boolean {
  return caller?.role === 'admin' || caller?.role === 'service';
}

export function mayReadAudit(caller: Caller | null): boolean {
  return caller?.role === 'admin';
}

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

export const PHI_DENIED = 'Patient data needs a clinician token and the X-Purpose-Of-Use header (TREATMENT, EMERGENCY or REFERRAL).';

/**
 * Guards a PHI read. A refusal is noted on the request's audit recorder, so the denied
 * access is on the chained audit trail too (DESIGN 5).
 */
export function requirePhiReader(ctx: { caller: Caller | null; audit: AuditRecorder }): Caller {
  if (mayReadPhi(ctx.caller)) return ctx.caller!;
  ctx.audit.noteDenied();
  requireCaller(ctx.caller);
  throw new ForbiddenError(PHI_DENIED);
}
