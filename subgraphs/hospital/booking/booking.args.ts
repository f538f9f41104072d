import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class CancelBookingArgs {
  @Field(() => ID)
  hospitalId: string;

  @Field(() => ID)
  bookingId: string;
}
