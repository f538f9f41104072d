import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Department } from '../department/department.type';
import { SharedResource } from '../shared-resource/shared-resource.type';
import { Staff } from '../staff/staff.type';

@ObjectType('BedSummary')
export class BedSummary {
  @Field(() => Int)
  total: number;

  @Field(() => Int)
  occupied: number;

  @Field(() => Int)
  available: number;
}

@ObjectType('Hospital', { description: "The fields this member adds to its alliance directory entry." })
@Directive('@key(fields: "id")')
export class Hospital {
  @Field(() => ID)
  id: string;

  @Field(() => [Department])
  departments: Department[];

  @Field(() => [Staff])
  staff: Staff[];

  @Field(() => [SharedResource])
  sharedResources: SharedResource[];

  @Field(() => BedSummary)
  bedSummary: BedSummary;
}

/** The root object of a Hospital: only the id; everything else is resolved from loaders. */
export interface HospitalRoot {
  id: string;
}
