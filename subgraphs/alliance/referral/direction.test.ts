import { HospitalLevel as L } from '../registry/registry-enums';
import { referralDirection, respondBy } from './direction';
import { ReferralDirection as D, ReferralUrgency as U } from './referral-enums';

describe('referralDirection', () => {
  it.each([
    [L.PRIMARY, L.TERTIARY, D.UPWARD],
    [L.PRIMARY, L.SECONDARY, D.UPWARD],
    [L.SECONDARY, L.TERTIARY, D.UPWARD],
    [L.TERTIARY, L.PRIMARY, D.DOWNWARD],
    [L.TERTIARY, L.SECONDARY, D.DOWNWARD],
    [L.SECONDARY, L.PRIMARY, D.DOWNWARD],
    [L.PRIMARY, L.PRIMARY, D.LATERAL],
    [L.SECONDARY, L.SECONDARY, D.LATERAL],
    [L.TERTIARY, L.TERTIARY, D.LATERAL],
  ])('%s → %s is %s', (from, to, expected) => expect(referralDirection(from, to)).toBe(expected));
});

describe('respondBy', () => {
  const at = new Date('2026-03-01T23:50:00Z');
  it.each([
    [U.GREEN_CHANNEL, '2026-03-02T00:20:00.000Z'],
    [U.URGENT, '2026-03-02T03:50:00.000Z'],
    [U.ROUTINE, '2026-03-04T23:50:00.000Z'],
  ])('%s → %s', (urgency, expected) => expect(respondBy(at, urgency).toISOString()).toBe(expected));
});
