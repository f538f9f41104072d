import { BadUserInputError } from '../../../common/errors';
import { RecognitionDecisionKind as K, RetestReason as R } from './recognition-enums';
import { savedYuan, validateDecision, type DecisionFields } from './validate-decision';

const base: DecisionFields = { decision: K.ACCEPTED, resultHospitalId: 'dh-chc-hill', atHospitalId: 'dh-lead' };

describe('validateDecision', () => {
  it.each<[string, DecisionFields, string | null]>([
    ['accepted, no reason', base, null],
    ['accepted with a note', { ...base, note: 'seen' }, null],
    ['accepted with a retest reason', { ...base, retestReason: R.EMERGENCY }, 'retestReason'],
    ['retested without a reason', { ...base, decision: K.RETESTED }, 'retestReason'],
    ...Object.values(R)
      .filter((r) => r !== R.OTHER)
      .map((r): [string, DecisionFields, string | null] => [`retested: ${r}`, { ...base, decision: K.RETESTED, retestReason: r }, null]),
    ['retested: OTHER with a note', { ...base, decision: K.RETESTED, retestReason: R.OTHER, note: 'patient asked' }, null],
    ['retested: OTHER without a note', { ...base, decision: K.RETESTED, retestReason: R.OTHER }, 'note'],
    ['retested: OTHER with a blank note', { ...base, decision: K.RETESTED, retestReason: R.OTHER, note: '  ' }, 'note'],
    ['a hospital on its own result', { ...base, atHospitalId: 'dh-chc-hill' }, 'atHospitalId'],
  ])('%s', (_name, fields, failingArgument) => {
    if (failingArgument === null) {
      expect(() => validateDecision(fields)).not.toThrow();
    } else {
      let caught: unknown;
      try {
        validateDecision(fields);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(BadUserInputError);
      expect((caught as BadUserInputError).details.argument).toBe(failingArgument);
    }
  });

  it.each([
    [K.ACCEPTED, 45, 45],
    [K.RETESTED, 45, 0],
  ])('%s of a %d yuan test saves %d', (decision, price, saved) => expect(savedYuan(decision, price)).toBe(saved));
});
