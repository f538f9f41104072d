import { InvalidTransitionError } from '../../../common/errors';
import { TrainingStatus } from './training-enums';

const OPEN: readonly TrainingStatus[] = [TrainingStatus.ENROLLED, TrainingStatus.IN_PROGRESS];

/** completeTraining: only an open training ends, passed → COMPLETED, otherwise FAILED. */
export function completionStatus(current: TrainingStatus, passed: boolean): TrainingStatus {
  if (!OPEN.includes(current)) throw new InvalidTransitionError(`A training that is ${current} cannot be completed.`, { status: current });
  return passed ? TrainingStatus.COMPLETED : TrainingStatus.FAILED;
}
