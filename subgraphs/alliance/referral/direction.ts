import { HospitalLevel } from '../registry/registry-enums';
import { ReferralDirection, ReferralUrgency } from './referral-enums';

const RANK: Record<HospitalLevel, number> = { [HospitalLevel.PRIMARY]: 1, [HospitalLevel.SECONDARY]: 2, [HospitalLevel.TERTIARY]: 3 };

/** DESIGN 6: to a higher level is UPWARD, to a lower one DOWNWARD (e.g. rehabilitation), same level LATERAL. */
export function referralDirection(fromLevel: HospitalLevel, toLevel: HospitalLevel): ReferralDirection {
  if (RANK[toLevel] > RANK[fromLevel]) return ReferralDirection.UPWARD;
  if (RANK[toLevel] < RANK[fromLevel]) return ReferralDirection.DOWNWARD;
  return ReferralDirection.LATERAL;
}

const MINUTE_MS = 60_000;
export const RESPONSE_MINUTES: Readonly<Record<ReferralUrgency, number>> = {
  [ReferralUrgency.GREEN_CHANNEL]: 30,
  [ReferralUrgency.URGENT]: 4 * 60,
  [ReferralUrgency.ROUTINE]: 72 * 60,
};

/** The receiving hospital must answer by then: green channel 30 min, urgent 4 h, routine 72 h. */
export function respondBy(requestedAt: Date, urgency: ReferralUrgency): Date {
  return new Date(requestedAt.getTime() + RESPONSE_MINUTES[urgency] * MINUTE_MS);
}
