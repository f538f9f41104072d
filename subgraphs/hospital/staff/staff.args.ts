import { ArgsType, Field, ID, Int } from 'type-graphql';
import type { StaffRoleCode } from './staff.entity';
import { StaffFilter, StaffRole } from './staff.type';

@ArgsType()
export class StaffDirectoryArgs {
  @Field(() => StaffFilter, { nullable: true })
  filter?: StaffFilter | null;

  @Field(() => [ID], { nullable: true })
  hospitalIds?: string[] | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first?: number | null;
}

/** `staff(role, first)` on Department and Hospital. */
@ArgsType()
export class StaffListArgs {
  @Field(() => StaffRole, { nullable: true })
  role?: StaffRoleCode | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first?: number | null;
}
