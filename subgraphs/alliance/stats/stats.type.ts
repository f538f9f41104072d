import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';

@ObjectType({ description: "One member's share of the window's activity." })
export class HospitalStats {
  @Field(() => Int)
  referralsSent: number;

  @Field(() => Int)
  referralsReceived: number;

  @Field(() => Int, { description: 'Distinct experts dispatched to this hospital.' })
  expertsReceived: number;

  @Field(() => Int, { description: "Distinct staff of this hospital who completed a training." })
  staffTrained: number;

  @Field(() => Int, { description: 'Results of other members accepted here.' })
  resultsReused: number;
}

@ObjectType({ description: 'Alliance figures within [from, to) (DESIGN 6). No patient data.' })
export class AllianceStats {
  @Field(() => DateTimeScalar)
  from: Date;

  @Field(() => DateTimeScalar)
  to: Date;

  @Field(() => Int)
  referralsUpward: number;

  @Field(() => Int)
  referralsDownward: number;

  @Field(() => Int)
  referralsLateral: number;

  @Field(() => Int)
  greenChannelReferrals: number;

  @Field(() => Float, { nullable: true, description: 'Median minutes from request to accept or reject.' })
  medianResponseMinutes: number | null;

  @Field(() => Int)
  expertsDispatched: number;

  @Field(() => Int, { description: 'Distinct (expert, day) pairs of non-cancelled dispatches inside the window.' })
  dispatchDays: number;

  @Field(() => Int)
  staffTrained: number;

  @Field(() => Int)
  resultsReused: number;

  @Field(() => Int)
  retests: number;

  @Field(() => Float)
  estimatedSavingsYuan: number;
}
