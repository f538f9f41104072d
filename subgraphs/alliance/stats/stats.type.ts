import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';

@ObjectType({ description: "One member's share of the window's activity." })
export class HospitalStats {
  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  referralsSent: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  referralsReceived: number | null;

  @Field(() => Int, { description: 'Distinct experts dispatched to this hospital.' })
  expertsReceived: number;

  @Field(() => Int, { description: 'Distinct staff of this hospital who completed a training.' })
  staffTrained: number;

  @Field(() => Int, { nullable: true, description: 'Results of other members accepted here. Null when withheld (see suppressed).' })
  resultsReused: number | null;

  @Field({ description: 'True when a figure here is withheld: analysts and dashboards see no figure from fewer patients than the alliance minimum.' })
  suppressed: boolean;
}

@ObjectType({ description: 'Alliance figures within [from, to) (DESIGN 6). No patient data.' })
export class AllianceStats {
  @Field(() => DateTimeScalar)
  from: Date;

  @Field(() => DateTimeScalar)
  to: Date;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  referralsUpward: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  referralsDownward: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  referralsLateral: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  greenChannelReferrals: number | null;

  @Field(() => Float, { nullable: true, description: 'Median minutes from request to accept or reject.' })
  medianResponseMinutes: number | null;

  @Field(() => Int)
  expertsDispatched: number;

  @Field(() => Int, { description: 'Distinct (expert, day) pairs of non-cancelled dispatches inside the window.' })
  dispatchDays: number;

  @Field(() => Int)
  staffTrained: number;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  resultsReused: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  retests: number | null;

  @Field(() => Float, { nullable: true, description: 'Null when withheld (see suppressed).' })
  estimatedSavingsYuan: number | null;

  @Field({ description: 'True when a figure here is withheld: analysts and dashboards see no figure from fewer patients than the alliance minimum.' })
  suppressed: boolean;
}
