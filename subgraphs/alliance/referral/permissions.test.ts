import type { Caller } from '../../../common/auth/caller';
import { mayActOnReferral, type ReferralAction } from './permissions';

const referral = { fromHospitalId: 'dh-chc-hill', toHospitalId: 'dh-lead' };
const sender: Caller = { subject: 's', role: 'clinician', hospitalId: 'dh-chc-hill', purpose: 'REFERRAL', memberStatus: 'ACTIVE' };
const receiver: Caller = { subject: 'r', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT', memberStatus: 'ACTIVE' };
const bystander: Caller = { subject: 'b', role: 'clinician', hospitalId: 'dh-district', purpose: 'TREATMENT', memberStatus: 'ACTIVE' };
const admin: Caller = { subject: 'a', role: 'admin', hospitalId: 'dh-lead' };
const analyst: Caller = { subject: 'n', role: 'analyst', hospitalId: 'dh-lead' };
const service: Caller = { subject: 'gw', role: 'service' };

const TABLE: [ReferralAction, Caller | null, boolean][] = [];
const EXPECTED: Record<ReferralAction, [boolean, boolean]> = {
  request: [true, false],
  cancel: [true, false],
  accept: [false, true],
  reject: [false, true],
  markArrived: [false, true],
  complete: [false, true],
};
for (const [action, [bySender, byReceiver]] of Object.entries(EXPECTED) as [ReferralAction, [boolean, boolean]][]) {
  TABLE.push(
    [action, sender, bySender],
    [action, receiver, byReceiver],
    [action, bystander, false],
    [action, admin, false],
    [action, analyst, false],
    [action, service, false],
    [action, null, false],
  );
}

describe('mayActOnReferral', () => {
  it.each(TABLE)('%s by %o → %s', (action, caller, expected) => {
    expect(mayActOnReferral(caller, action, referral)).toBe(expected);
  });

  it.each(Object.keys(EXPECTED) as ReferralAction[])('%s needs a purpose of use (a referral names a patient)', (action) => {
    expect(mayActOnReferral({ ...sender, purpose: undefined }, action, referral)).toBe(false);
    expect(mayActOnReferral({ ...receiver, purpose: undefined }, action, referral)).toBe(false);
  });

  it('an admin whose token names the receiving hospital is still not a clinician', () => {
    expect(mayActOnReferral({ ...admin, hospitalId: 'dh-lead' }, 'accept', referral)).toBe(false);
  });
});
