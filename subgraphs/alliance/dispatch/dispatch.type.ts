import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { connectionType } from '../connection/page-info.type';
import { DispatchPurpose, DispatchStatus } from './dispatch-enums';

/** An expert sent from one member to another (专家下沉); expert, hospital and department are field resolvers. */
@ObjectType()
export class ExpertDispatch {
  @Field(() => ID)
  id: string;

  @Field(() => DispatchPurpose)
  purpose: DispatchPurpose;

  @Field(() => DateTimeScalar)
  start: Date;

  @Field(() => DateTimeScalar)
  end: Date;

  @Field(() => DispatchStatus)
  status: DispatchStatus;

  @Field(() => Int)
  patientsSeen: number;

  @Field(() => Int)
  proceduresPerformed: number;
}

export const ExpertDispatchConnection = connectionType('ExpertDispatch', ExpertDispatch);

@InputType()
export class DispatchFilter {
  @Field(() => DispatchStatus, { nullable: true })
  status?: DispatchStatus;

  @Field(() => DispatchPurpose, { nullable: true })
  purpose?: DispatchPurpose;

  @Field(() => ID, { nullable: true, description: "The expert's own hospital." })
  expertHospitalId?: string;

  @Field(() => ID, { nullable: true })
  toHospitalId?: string;

  @Field(() => ID, { nullable: true, description: 'Either side.' })
  hospitalId?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Dispatches ending after this instant.' })
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Dispatches starting before this instant.' })
  to?: Date;
}

@InputType()
export class ScheduleDispatchInput {
  @Field(() => ID, { description: "The expert's hospital." })
  expertHospitalId: string;

  @Field(() => ID, { description: "The expert's staff id at that hospital." })
  expertId: string;

  @Field(() => ID)
  toHospitalId: string;

  @Field(() => ID, { nullable: true })
  toDepartmentId?: string | null;

  @Field(() => DispatchPurpose)
  purpose: DispatchPurpose;

  @Field(() => DateTimeScalar)
  start: Date;

  @Field(() => DateTimeScalar)
  end: Date;

  @Field()
  idempotencyKey: string;
}
