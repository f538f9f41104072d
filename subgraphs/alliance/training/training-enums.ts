import { registerEnumType } from 'type-graphql';

export enum TrainingStatus {
  ENROLLED = 'ENROLLED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(TrainingStatus, { name: 'TrainingStatus' });
