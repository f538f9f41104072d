import { ForbiddenError, UnauthenticatedError } from '../../../common/errors';
import type { Caller } from '../../../common/auth/caller';

/**
 * Predicates every subgraph shares (DESIGN 5). Each subgraph adds its own matrix on top
 * (`subgraphs/hospital/access/`); these are the parts that must mean the same everywhere.
 */

/** PHI needs a clinician who acts for a hospital and states why (purpose of use). */
export function isClinicianWithPurpose(caller: Caller | null): boolean {
  return caller?.role === 'clinician' && !!caller.purpose && !!caller.hospitalId;
}

/**
 * A clinician whose hospital is not an ACTIVE member (suspended, departed, unknown, or not
 * stated by the gateway) reads and writes nothing (DESIGN 5). Members learn the status from
 * the gateway's token (`memberStatus`); the alliance sets it from its own registry.
 */
export function isOutsideMembership(caller: Caller | null): boolean {
  return caller?.role === 'clinician' && caller.memberStatus !== 'ACTIVE';
}

export function mayReadPhi(caller: Caller | null): boolean {
  return isClinicianWithPurpose(caller) && !isOutsideMembership(caller);
}

/** A clinician acts for their own hospital only, and only while it is an ACTIVE member. */
export function actsForHospital(caller: Caller | null, hospitalId: string): boolean {
  return caller?.role === 'clinician' && caller.hospitalId === hospitalId && !isOutsideMembership(caller);
}

export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new UnauthenticatedError();
  return caller;
}

export function requireAllowed(allowed: boolean, message: string, details: Record<string, unknown> = {}): void {
  if (!allowed) throw new ForbiddenError(message, details);
}
