import { InvalidTransitionError } from '../../../common/errors';
import { ReferralStatus } from './referral-enums';

/**
 * DESIGN 6: REQUESTED → ACCEPTED | REJECTED | CANCELLED; ACCEPTED → ARRIVED | CANCELLED;
 * ARRIVED → COMPLETED. REJECTED, COMPLETED and CANCELLED are final.
 */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  [ReferralStatus.REQUESTED]: [ReferralStatus.ACCEPTED, ReferralStatus.REJECTED, ReferralStatus.CANCELLED],
  [ReferralStatus.ACCEPTED]: [ReferralStatus.ARRIVED, ReferralStatus.CANCELLED],
  [ReferralStatus.ARRIVED]: [ReferralStatus.COMPLETED],
  [ReferralStatus.REJECTED]: [],
  [ReferralStatus.COMPLETED]: [],
  [ReferralStatus.CANCELLED]: [],
};

export function canTransition(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ReferralStatus, to: ReferralStatus): void {
  if (!canTransition(from, to)) {
    throw new InvalidTransitionError(`A referral that is ${from} cannot become ${to}.`, { status: from });
  }
}
