import type { Caller } from '../../../common/auth/caller';
import { mayWritePhiFor } from '../access/access-rules';

export type ReferralAction = 'request' | 'accept' | 'reject' | 'markArrived' | 'complete' | 'cancel';

/** Which side of the referral may take each action (DESIGN 6): the sender requests and cancels, the receiver does the rest. */
export const REFERRAL_ACTOR: Readonly<Record<ReferralAction, 'sender' | 'receiver'>> = {
  request: 'sender',
  cancel: 'sender',
  accept: 'receiver',
  reject: 'receiver',
  markArrived: 'receiver',
  complete: 'receiver',
};

/**
 * A clinician acting for the sending or receiving hospital, as the action requires, with
 * a purpose of use (a referral names a patient: every action on it is a PHI write); nobody else.
 */
export function mayActOnReferral(caller: Caller | null, action: ReferralAction, referral: { fromHospitalId: string; toHospitalId: string }): boolean {
  const side = REFERRAL_ACTOR[action] === 'sender' ? referral.fromHospitalId : referral.toHospitalId;
  return mayWritePhiFor(caller, side);
}

export function referralForbiddenMessage(action: ReferralAction): string {
  return REFERRAL_ACTOR[action] === 'sender'
    ? `Only a clinician of the sending hospital, with a purpose of use, may ${action === 'request' ? 'request' : 'cancel'} this referral.`
    : `Only a clinician of the receiving hospital, with a purpose of use, may ${action === 'markArrived' ? 'mark arrival of' : action} this referral.`;
}
