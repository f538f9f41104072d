import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { connectionType } from '../connection/page-info.type';
import { LabResultRefInput } from '../recognition/recognition.type';
import { ReferralDirection, ReferralStatus, ReferralUrgency } from './referral-enums';

@ObjectType({ description: 'One status change of a referral.' })
export class ReferralEvent {
  @Field(() => DateTimeScalar)
  at: Date;

  @Field(() => ReferralStatus, { nullable: true })
  from: ReferralStatus | null;

  @Field(() => ReferralStatus)
  to: ReferralStatus;

  @Field()
  by: string;

  @Field(() => String, { nullable: true })
  note: string | null;
}

/** A referral between members (双向转诊); patient, hospitals, department, results and history are field resolvers. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Referral {
  @Field(() => ID)
  id: string;

  @Field(() => ReferralDirection)
  direction: ReferralDirection;

  @Field(() => ReferralUrgency)
  urgency: ReferralUrgency;

  @Field(() => ReferralStatus)
  status: ReferralStatus;

  @Field()
  reason: string;

  @Field(() => String, { nullable: true, description: 'ICD-10.' })
  diagnosisCode: string | null;

  @Field(() => DateTimeScalar)
  requestedAt: Date;

  @Field(() => DateTimeScalar, { description: 'Green channel 30 min, urgent 4 h, routine 72 h after the request.' })
  respondBy: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the receiver accepted or rejected.' })
  respondedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Appointment given on acceptance.' })
  scheduledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Outcome recorded on completion.' })
  outcome: string | null;
}

export const ReferralConnection = connectionType('Referral', Referral);

@InputType()
export class ReferralFilter {
  @Field(() => ReferralStatus, { nullable: true })
  status?: ReferralStatus;

  @Field(() => ReferralUrgency, { nullable: true })
  urgency?: ReferralUrgency;

  @Field(() => ReferralDirection, { nullable: true })
  direction?: ReferralDirection;

  @Field(() => ID, { nullable: true })
  fromHospitalId?: string;

  @Field(() => ID, { nullable: true })
  toHospitalId?: string;

  @Field(() => ID, { nullable: true, description: 'Either side.' })
  hospitalId?: string;

  @Field(() => ID, { nullable: true })
  patientMpiId?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'requestedAt ≥ requestedFrom.' })
  requestedFrom?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'requestedAt < requestedTo.' })
  requestedTo?: Date;
}

@InputType()
export class RequestReferralInput {
  @Field(() => ID)
  patientMpiId: string;

  @Field(() => ID)
  fromHospitalId: string;

  @Field(() => ID)
  toHospitalId: string;

  @Field(() => ID, { nullable: true })
  toDepartmentId?: string | null;

  @Field(() => ReferralUrgency)
  urgency: ReferralUrgency;

  @Field()
  reason: string;

  @Field(() => String, { nullable: true })
  diagnosisCode?: string | null;

  @Field(() => [LabResultRefInput], { nullable: true })
  attachedResults?: LabResultRefInput[] | null;

  @Field()
  idempotencyKey: string;
}
