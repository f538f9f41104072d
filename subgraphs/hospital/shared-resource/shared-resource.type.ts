import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { Department } from '../department/department.type';
import type { ResourceKindCode, ResourceStatusCode } from './shared-resource.entity';

export const ResourceKind = {
  CT: 'CT',
  MRI: 'MRI',
  PET_CT: 'PET_CT',
  DSA: 'DSA',
  ULTRASOUND: 'ULTRASOUND',
  ENDOSCOPY: 'ENDOSCOPY',
  DIALYSIS: 'DIALYSIS',
  ICU_BED: 'ICU_BED',
  WARD_BED: 'WARD_BED',
} as const;
registerEnumType(ResourceKind, { name: 'ResourceKind' });

export const ResourceStatus = { AVAILABLE: 'AVAILABLE', IN_USE: 'IN_USE', MAINTENANCE: 'MAINTENANCE' } as const;
registerEnumType(ResourceStatus, { name: 'ResourceStatus' });

@ObjectType('Slot', { description: 'A bookable period of a shared resource.' })
export class Slot {
  @Field(() => DateTimeScalar)
  start: Date;

  @Field(() => DateTimeScalar)
  end: Date;
}

@ObjectType('SharedResource', { description: 'Equipment or beds a member shares with the alliance.' })
@Directive('@key(fields: "hospitalId id")')
@Directive('@hospitalFrom(path: "hospitalId")')
export class SharedResource {
  @Field(() => ID)
  hospitalId: string;

  @Field(() => ID)
  id: string;

  @Field(() => ResourceKind)
  kind: ResourceKindCode;

  @Field()
  name: string;

  @Field(() => Department, { nullable: true })
  department?: Department | null;

  @Field(() => ResourceStatus)
  status: ResourceStatusCode;

  @Field()
  sharedWithAlliance: boolean;

  @Field(() => [Slot])
  @Directive('@listSize(slicingArguments: ["first"])')
  availableSlots: Slot[];
}
