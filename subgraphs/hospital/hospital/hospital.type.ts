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

/**
 * DESIGN 8: fields a member adds to an entity another subgraph returns are nullable, so
 * that a member that is down blanks only its own part (null + MEMBER_UNAVAILABLE), not
 * the whole directory entry or the alliance's list around it.
 */
const CROSS_SUBGRAPH = 'Null when this member did not answer (see the MEMBER_UNAVAILABLE error).';

@ObjectType('Hospital', { description: 'The fields this member adds to its alliance directory entry.' })
@Directive('@key(fields: "id")')
@Directive('@hospitalFrom(path: "id")')
export class Hospital {
  @Field(() => ID)
  id: string;

  @Field(() => [Department], { nullable: true, description: CROSS_SUBGRAPH })
  departments: Department[];

  @Field(() => [Staff], { nullable: true, description: CROSS_SUBGRAPH })
  @Directive('@listSize(slicingArguments: ["first"])')
  staff: Staff[];

  @Field(() => [SharedResource], { nullable: true, description: CROSS_SUBGRAPH })
  sharedResources: SharedResource[];

  @Field(() => BedSummary, { nullable: true, description: CROSS_SUBGRAPH })
  bedSummary: BedSummary;
}

/** The root object of a Hospital: only the id; everything else is resolved from loaders. */
export interface HospitalRoot {
  id: string;
}
