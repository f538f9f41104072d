import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A chart at one member: the member's hospital subgraph resolves everything else about it. */
@Directive('@key(fields: "hospitalId mrn", resolvable: false)')
@ObjectType()
export class PatientRecord {
  @Field(() => ID)
  hospitalId: string;

  @Field()
  mrn: string;
}
