import type { Caller } from '../../../common/auth/caller';
import { actsForHospital, isOutsideMembership, mayReadPhi } from '../../runtime/auth/access-rules';

/**
 * What a caller may see of a member hospital (DESIGN 5), by role:
 *
 * | capability   | clinician            | analyst | dashboard | admin | service |
 * |--------------|----------------------|---------|-----------|-------|---------|
 * | directory    | yes                  | yes     | yes       | yes   | yes     |
 * | resources    | yes                  | –       | yes       | –     | –       |
 * | labSummary   | yes                  | yes     | –         | –     | –       |
 * | phi          | with a purpose       | –       | –         | –     | –       |
 *
 * `labSummary` is de-identified, so a clinician needs no purpose for it; the dashboard
 * shows capacity (resources, beds), not laboratory statistics, so it does not get it.
 * A clinician of a hospital that is not an ACTIVE member gets nothing at all.
 */
export type HospitalCapability = 'directory' | 'resources' | 'labSummary' | 'phi';

export function mayUse(caller: Caller | null, capability: HospitalCapability): boolean {
  if (!caller || isOutsideMembership(caller)) return false;
  switch (capability) {
    case 'directory':
      return true;
    case 'resources':
      return caller.role === 'clinician' || caller.role === 'dashboard';
    case 'labSummary':
      return caller.role === 'clinician' || caller.role === 'analyst';
    case 'phi':
      return mayReadPhi(caller);
  }
}

export const MEMBERSHIP_DENIED = 'Your hospital is not an active member of the alliance.';

export const CAPABILITY_DENIED: Record<HospitalCapability, string> = {
  directory: 'The directory needs an authenticated caller.',
  resources: 'Shared resources and bookings are for clinicians and dashboards.',
  labSummary: 'Laboratory statistics are for analysts and clinicians.',
  phi: 'Patient data needs a clinician token and the X-Purpose-Of-Use header (TREATMENT, EMERGENCY or REFERRAL).',
};

export interface BookingRequestFacts {
  requestingHospitalId: string;
  /** Naming a patient is a PHI write. */
  withPatient: boolean;
}

/** Why a booking is refused, or null when allowed: a clinician books for their own hospital. */
export function bookingRefusal(caller: Caller | null, request: BookingRequestFacts): string | null {
  if (caller?.role !== 'clinician') return 'Only clinicians book shared resources.';
  if (isOutsideMembership(caller)) return MEMBERSHIP_DENIED;
  if (!actsForHospital(caller, request.requestingHospitalId)) return 'requestingHospitalId must be the hospital you act for.';
  if (request.withPatient && !mayReadPhi(caller)) return 'Booking for a patient needs the X-Purpose-Of-Use header (TREATMENT, EMERGENCY or REFERRAL).';
  return null;
}

/** A booking may be cancelled by clinicians of the hospital that asked for it, or of the hospital that holds it. */
export function mayCancelBooking(caller: Caller | null, booking: { requestingHospitalId: string }, ownHospitalId: string): boolean {
  return actsForHospital(caller, booking.requestingHospitalId) || actsForHospital(caller, ownHospitalId);
}
