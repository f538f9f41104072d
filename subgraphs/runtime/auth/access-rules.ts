import { ForbiddenError, UnauthenticatedError } from '../../../common/errors';
import type { Caller } from './caller';

/**
 * Predicates every subgraph shares (DESIGN 5). Each subgraph adds its own matrix on top
 * (`subgraphs/hospital/access/`); these are the parts that must mean the same everywhere.
 */

/** PHI needs a clinician who acts for a hospital and states why (purpose of use). */
export function isClinicianWithPurpose(caller: Caller | null): boolean {
  return caller?.role === 'clinician' && !!caller.purpose && !!caller.hospitalId;
}

export function mayReadPhi(caller: Caller | null): boolean {
  return isClinicianWithPurpose(caller);
}

/** A clinician acts for their own hospital only. */
export function actsForHospital(caller: Caller | null, hospitalId: string): boolean {
  return caller?.role === 'clinician' && caller.hospitalId === hospitalId;
}

export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new UnauthenticatedError();
  return caller;
}

export function requireAllowed(allowed: boolean, message: string, details: Record<string, unknown> = {}): void {
  if (!allowed) throw new ForbiddenError(message, details);
}
