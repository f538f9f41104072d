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

  @Field(() => Int)
  referralsUpward: number;

  @Field(() => Int)
  referralsDownward: number;

  @Field(() => Int)
  referralsLateral: number;

  @Field(() => Int)
  greenChannelReferrals: number;

  @Field(() => Float, { nullable: true })
  medianResponseMinutes: number | null;

  @Field(() => Int)
  resultsReused: number;

  @Field(() => Int)
  retests: number;

  @Field(() => Float)
  estimatedSavingsYuan: number;
}

@ObjectType({ description: 'RETESTED decisions with one reason.' })
export class RetestReasonCount {
  @Field(() => RetestReason)
  reason: RetestReason;

  @Field(() => Int)
  count: number;
}
