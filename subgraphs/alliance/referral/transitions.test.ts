import { InvalidTransitionError } from '../../../common/errors';
import { ReferralStatus as S } from './referral-enums';
import { assertTransition, canTransition } from './transitions';

const ALLOWED = new Set([
  `${S.REQUESTED}>${S.ACCEPTED}`,
  `${S.REQUESTED}>${S.REJECTED}`,
  `${S.REQUESTED}>${S.CANCELLED}`,
  `${S.ACCEPTED}>${S.ARRIVED}`,
  `${S.ACCEPTED}>${S.CANCELLED}`,
  `${S.ARRIVED}>${S.COMPLETED}`,
]);
const STATUSES = Object.values(S);
const PAIRS = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to, ALLOWED.has(`${from}>${to}`)] as const));

describe('referral state machine: every (from, to) pair', () => {
  it('covers all 36 pairs', () => expect(PAIRS).toHaveLength(36));

  it.each(PAIRS)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrow(InvalidTransitionError);
  });
});
