import { BadUserInputError, InvalidTransitionError } from '../../../common/errors';
import { DispatchStatus } from './dispatch-enums';

/** PLANNED → ACTIVE | CANCELLED; ACTIVE → COMPLETED | CANCELLED; COMPLETED and CANCELLED are final. */
export const DISPATCH_TRANSITIONS: Readonly<Record<DispatchStatus, readonly DispatchStatus[]>> = {
  [DispatchStatus.PLANNED]: [DispatchStatus.ACTIVE, DispatchStatus.CANCELLED],
  [DispatchStatus.ACTIVE]: [DispatchStatus.COMPLETED, DispatchStatus.CANCELLED],
  [DispatchStatus.COMPLETED]: [],
  [DispatchStatus.CANCELLED]: [],
};

export interface DispatchUpdate {
  status: DispatchStatus;
  patientsSeen?: number | null;
  proceduresPerformed?: number | null;
}

/**
 * Checks an update of a dispatch. Keeping the current status only updates the counts,
 * which an ongoing or finished visit may do (reports come in late); a cancelled visit
 * has nothing to count.
 */
export function checkDispatchUpdate(current: DispatchStatus, update: DispatchUpdate): void {
  for (const [argument, value] of [
    ['patientsSeen', update.patientsSeen],
    ['proceduresPerformed', update.proceduresPerformed],
  ] as const) {
    if (value !== null && value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw new BadUserInputError(`${argument} must be a whole number ≥ 0.`, { argument });
    }
  }
  const countsGiven = update.patientsSeen != null || update.proceduresPerformed != null;
  if (update.status === current) {
    if (current === DispatchStatus.CANCELLED || !countsGiven) {
      throw new InvalidTransitionError(`The dispatch is already ${current}.`, { status: current });
    }
    return;
  }
  if (!DISPATCH_TRANSITIONS[current].includes(update.status)) {
    throw new InvalidTransitionError(`A dispatch that is ${current} cannot become ${update.status}.`, { status: current });
  }
  if (update.status === DispatchStatus.CANCELLED && countsGiven) {
    throw new BadUserInputError('A cancelled dispatch takes no counts.', { argument: 'patientsSeen' });
  }
}
