import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { StaffRoleCode, TitleLevelCode } from './staff.entity';
import { Department } from '../department/department.type';

export const StaffRole = { PHYSICIAN: 'PHYSICIAN', NURSE: 'NURSE', TECHNICIAN: 'TECHNICIAN', PHARMACIST: 'PHARMACIST', ADMINISTRATOR: 'ADMINISTRATOR' } as const;
registerEnumType(StaffRole, { name: 'StaffRole' });

/** 正高 副高 中级 初级 */
export const TitleLevel = { SENIOR: 'SENIOR', ASSOCIATE_SENIOR: 'ASSOCIATE_SENIOR', INTERMEDIATE: 'INTERMEDIATE', JUNIOR: 'JUNIOR' } as const;
registerEnumType(TitleLevel, { name: 'TitleLevel', description: 'Professional title: 正高 SENIOR, 副高 ASSOCIATE_SENIOR, 中级 INTERMEDIATE, 初级 JUNIOR.' });

@ObjectType('Staff', { description: 'A member of staff of one member hospital.' })
@Directive('@key(fields: "hospitalId id")')
@Directive('@hospitalFrom(path: "hospitalId")')
export class Staff {
  @Field(() => ID)
  hospitalId: string;

  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => StaffRole)
  role: StaffRoleCode;

  @Field(() => TitleLevel, { nullable: true })
  title?: TitleLevelCode | null;

  @Field(() => String, { nullable: true })
  specialty?: string | null;

  @Field(() => Department, { nullable: true })
  department?: Department | null;

  @Field()
  availableForDispatch: boolean;
}

@InputType('StaffFilter')
export class StaffFilter {
  @Field(() => String, { nullable: true })
  specialty?: string | null;

  @Field(() => StaffRole, { nullable: true })
  role?: StaffRoleCode | null;

  @Field(() => TitleLevel, { nullable: true })
  title?: TitleLevelCode | null;

  @Field(() => String, { nullable: true })
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true })
  availableForDispatch?: boolean | null;
}
