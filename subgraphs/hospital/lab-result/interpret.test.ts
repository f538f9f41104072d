import { interpret, isAbnormal } from './interpret';
import { CRITICAL_LIMITS } from './critical-limits';

const potassium = { low: 3.5, high: 5.3 };
const cholesterol = { high: 5.2 };

describe('interpret', () => {
  it.each([
    ['inside the range', 4.2, potassium, undefined, 'NORMAL'],
    ['equal to the low bound is normal', 3.5, potassium, undefined, 'NORMAL'],
    ['equal to the high bound is normal', 5.3, potassium, undefined, 'NORMAL'],
    ['just below the low bound', 3.49, potassium, undefined, 'LOW'],
    ['just above the high bound', 5.31, potassium, undefined, 'HIGH'],
    ['at the critical low limit', 2.8, potassium, CRITICAL_LIMITS['2823-3'], 'CRITICAL_LOW'],
    ['below the range, above the critical limit', 3.0, potassium, CRITICAL_LIMITS['2823-3'], 'LOW'],
    ['at the critical high limit', 6.2, potassium, CRITICAL_LIMITS['2823-3'], 'CRITICAL_HIGH'],
    ['upper-bound-only range, below', 4.1, cholesterol, undefined, 'NORMAL'],
    ['upper-bound-only range, above', 6.0, cholesterol, undefined, 'HIGH'],
    ['no value', null, potassium, undefined, null],
    ['no range at all', 42, {}, undefined, 'NORMAL'],
  ] as const)('%s', (_label, value, range, critical, expected) => {
    expect(interpret(value, range, critical)).toBe(expected);
  });

  it.each([
    ['NORMAL', false],
    ['LOW', true],
    ['CRITICAL_HIGH', true],
    [null, false],
  ] as const)('isAbnormal(%s) = %s', (interpretation, expected) => {
    expect(isAbnormal(interpretation)).toBe(expected);
  });
});
