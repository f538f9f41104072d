import { ArgsType, Field, ID, Int } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import type { ResourceKindCode } from './shared-resource.entity';
import { ResourceKind } from './shared-resource.type';

@ArgsType()
export class SharedResourcesArgs {
  @Field(() => ResourceKind, { nullable: true })
  kind?: ResourceKindCode | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  availableOnly?: boolean | null;

  @Field(() => [ID], { nullable: true })
  hospitalIds?: string[] | null;
}

@ArgsType()
export class AvailableSlotsArgs {
  @Field(() => DateTimeScalar, { nullable: true })
  from?: Date | null;

  @Field(() => Int, { nullable: true, defaultValue: 7 })
  days?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first?: number | null;
}
