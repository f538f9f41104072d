import { BadUserInputError, InvalidTransitionError } from '../../../common/errors';
import { DispatchStatus as S } from './dispatch-enums';
import { checkDispatchUpdate } from './dispatch-transitions';

const ALLOWED = new Set([`${S.PLANNED}>${S.ACTIVE}`, `${S.PLANNED}>${S.CANCELLED}`, `${S.ACTIVE}>${S.COMPLETED}`, `${S.ACTIVE}>${S.CANCELLED}`]);
const STATUSES = Object.values(S);
const CHANGES = STATUSES.flatMap((from) => STATUSES.filter((to) => to !== from).map((to) => [from, to, ALLOWED.has(`${from}>${to}`)] as const));

describe('dispatch status changes', () => {
  it.each(CHANGES)('%s → %s allowed: %s', (from, to, allowed) => {
    const run = () => checkDispatchUpdate(from, { status: to });
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(InvalidTransitionError);
  });

  it.each([
    [S.PLANNED, true],
    [S.ACTIVE, true],
    [S.COMPLETED, true],
    [S.CANCELLED, false],
  ])('same status %s with counts updates counts only: %s', (status, allowed) => {
    const run = () => checkDispatchUpdate(status, { status, patientsSeen: 3 });
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(InvalidTransitionError);
  });

  it('same status without counts is not a change', () => expect(() => checkDispatchUpdate(S.ACTIVE, { status: S.ACTIVE })).toThrow(InvalidTransitionError));

  it.each([
    [{ status: S.COMPLETED, patientsSeen: -1 }],
    [{ status: S.COMPLETED, proceduresPerformed: -2 }],
    [{ status: S.COMPLETED, patientsSeen: 1.5 }],
    [{ status: S.CANCELLED, patientsSeen: 0 }],
  ])('rejects bad counts %o', (update) => expect(() => checkDispatchUpdate(S.ACTIVE, update)).toThrow(BadUserInputError));

  it('accepts zero counts', () => expect(() => checkDispatchUpdate(S.ACTIVE, { status: S.COMPLETED, patientsSeen: 0, proceduresPerformed: 0 })).not.toThrow());
});
