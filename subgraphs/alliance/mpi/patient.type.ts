import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A person in the master patient index (PIX-style): charts at members and referrals; no demographics here. */
@Directive('@key(fields: "mpiId")')
@ObjectType()
export class Patient {
  @Field(() => ID)
  mpiId: string;
}
