import { InvalidTransitionError } from '../../../common/errors';
import { TrainingStatus as S } from './training-enums';
import { completionStatus } from './training-transitions';

describe('completionStatus', () => {
  it.each([
    [S.ENROLLED, true, S.COMPLETED],
    [S.ENROLLED, false, S.FAILED],
    [S.IN_PROGRESS, true, S.COMPLETED],
    [S.IN_PROGRESS, false, S.FAILED],
  ])('%s passed=%s → %s', (from, passed, to) => expect(completionStatus(from, passed)).toBe(to));

  it.each(
    [S.COMPLETED, S.FAILED, S.WITHDRAWN].flatMap(
      (from) =>
        [
          [from, true],
          [from, false],
        ] as const,
    ),
  )('%s passed=%s is refused', (from, passed) => {
    expect(() => completionStatus(from, passed)).toThrow(InvalidTransitionError);
  });
});
