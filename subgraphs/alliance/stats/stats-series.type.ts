import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { RetestReason } from '../recognition/recognition-enums';

export enum StatsBucket {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

registerEnumType(StatsBucket, {
  name: 'StatsBucket',
  description: 'Calendar buckets in the alliance time zone; weeks start on Monday.',
});

@ObjectType({ description: 'Figures of one calendar bucket of the window, by the same rules as the totals.' })
export class StatsPoint {
  @Field({ description: 'The calendar date (alliance time zone) the bucket starts on, YYYY-MM-DD.' })
  label: string;

  @Field(() => DateTimeScalar, { description: 'Bucket start, clipped to the window.' })
  start: Date;

  @Field(() => DateTimeScalar, { description: 'Bucket end (exclusive), clipped to the window.' })
  end: Date;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  referralsUpward: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  referralsDownward: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  referralsLateral: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  greenChannelReferrals: number | null;

  @Field(() => Float, { nullable: true })
  medianResponseMinutes: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  resultsReused: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  retests: number | null;

  @Field(() => Float, { nullable: true, description: 'Null when withheld (see suppressed).' })
  estimatedSavingsYuan: number | null;

  @Field({ description: 'True when a figure here is withheld: analysts and dashboards see no figure from fewer patients than the alliance minimum.' })
  suppressed: boolean;
}

@ObjectType({ description: 'RETESTED decisions with one reason.' })
export class RetestReasonCount {
  @Field(() => RetestReason)
  reason: RetestReason;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  count: number | null;

  @Field({ description: 'True when a figure here is withheld: analysts and dashboards see no figure from fewer patients than the alliance minimum.' })
  suppressed: boolean;
}
