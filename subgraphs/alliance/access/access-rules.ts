import { ForbiddenError, UnauthenticatedError } from '../../../common/errors';
import type { Caller } from '../../runtime/auth/caller';

/**
 * Who may read or change what in the alliance subgraph (DESIGN 5), as plain predicates
 * (table-tested) and `require…` guards that throw the typed error.
 *
 * - directory, catalogue, dispatches, trainings, statistics: any authenticated caller;
 * - PHI (the master patient index, referrals): a clinician with a purpose of use;
 * - registry changes, member URLs' writes and the audit trail: admin; member URLs are
 *   also readable by the gateway's service identity (it routes with them).
 */
export function isClinicianWithPurpose(caller: Caller | null): boolean {
  return caller?.role === 'clinician' && !!caller.purpose && !!caller.hospitalId;
}

export function mayReadPhi(caller: Caller | null): boolean {
  return isClinicianWithPurpose(caller);
}

export function mayManageRegistry(caller: Caller | null): boolean {
  return caller?.role === 'admin';
}

export function mayReadSubgraphUrl(caller: Caller | null): boolean {
  return caller?.role === 'admin' || caller?.role === 'service';
}

export function mayReadAudit(caller: Caller | null): boolean {
  return caller?.role === 'admin';
}

/** A clinician acts for their own hospital only. */
export function actsForHospital(caller: Caller | null, hospitalId: string): boolean {
  return caller?.role === 'clinician' && caller.hospitalId === hospitalId;
}

/** Dispatch and training bookkeeping: the alliance admin, or a clinician of one of the hospitals involved. */
export function mayManageCooperation(caller: Caller | null, hospitalIds: readonly string[]): boolean {
  if (caller?.role === 'admin') return true;
  return hospitalIds.some((id) => actsForHospital(caller, id));
}

export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new UnauthenticatedError();
  return caller;
}

export function requireAllowed(allowed: boolean, message: string, details: Record<string, unknown> = {}): void {
  if (!allowed) throw new ForbiddenError(message, details);
}

export function requirePhiReader(caller: Caller | null): Caller {
  const known = requireCaller(caller);
  requireAllowed(mayReadPhi(known), 'Patient data needs a clinician with a purpose of use.');
  return known;
}
