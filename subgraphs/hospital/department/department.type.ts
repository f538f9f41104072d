import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Staff } from '../staff/staff.type';

@ObjectType('Department', { description: 'A department of one member hospital.' })
@Directive('@key(fields: "hospitalId id")')
@Directive('@hospitalFrom(path: "hospitalId")')
export class Department {
  @Field(() => ID)
  hospitalId: string;

  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'Lower-case specialty code, e.g. cardiology.' })
  specialty: string;

  @Field(() => Int)
  bedsTotal: number;

  @Field(() => Int)
  bedsOccupied: number;

  @Field(() => Staff, { nullable: true })
  head?: Staff | null;

  @Field(() => [Staff])
  @Directive('@listSize(slicingArguments: ["first"])')
  staff: Staff[];
}
