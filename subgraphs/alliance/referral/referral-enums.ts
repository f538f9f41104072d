import { registerEnumType } from 'type-graphql';

export enum ReferralDirection {
  UPWARD = 'UPWARD',
  DOWNWARD = 'DOWNWARD',
  LATERAL = 'LATERAL',
}
export enum ReferralUrgency {
  ROUTINE = 'ROUTINE',
  URGENT = 'URGENT',
  GREEN_CHANNEL = 'GREEN_CHANNEL',
}
export enum ReferralStatus {
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  ARRIVED = 'ARRIVED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(ReferralDirection, { name: 'ReferralDirection' });
registerEnumType(ReferralUrgency, { name: 'ReferralUrgency' });
registerEnumType(ReferralStatus, { name: 'ReferralStatus' });
