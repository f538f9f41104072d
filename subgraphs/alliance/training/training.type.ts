import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../runtime/schema/scalars';
import { connectionType } from '../connection/page-info.type';
import { TrainingStatus } from './training-enums';

/** A member's staff trained at a host hospital (进修); trainee, host and department are field resolvers. */
@ObjectType()
export class Training {
  @Field(() => ID)
  id: string;

  @Field()
  program: string;

  @Field(() => DateScalar)
  start: string;

  @Field(() => DateScalar)
  end: string;

  @Field(() => TrainingStatus)
  status: TrainingStatus;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was completed or failed.' })
  completedAt: Date | null;
}

export const TrainingConnection = connectionType('Training', Training);

@InputType()
export class TrainingFilter {
  @Field(() => TrainingStatus, { nullable: true })
  status?: TrainingStatus;

  @Field(() => ID, { nullable: true })
  traineeHospitalId?: string;

  @Field(() => ID, { nullable: true })
  hostHospitalId?: string;

  @Field(() => ID, { nullable: true, description: 'Either side.' })
  hospitalId?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Trainings ending on or after this date.' })
  from?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Trainings starting before this date.' })
  to?: string;
}

@InputType()
export class EnrollTrainingInput {
  @Field(() => ID)
  traineeHospitalId: string;

  @Field(() => ID, { description: "The trainee's staff id at their hospital." })
  traineeId: string;

  @Field(() => ID)
  hostHospitalId: string;

  @Field(() => ID, { nullable: true })
  hostDepartmentId?: string | null;

  @Field()
  program: string;

  @Field(() => DateScalar)
  start: string;

  @Field(() => DateScalar)
  end: string;

  @Field()
  idempotencyKey: string;
}
