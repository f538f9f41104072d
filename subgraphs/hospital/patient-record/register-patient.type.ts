import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../runtime/schema/scalars';
import type { SexCode } from './patient-record.entity';
import { Sex } from './patient-record.type';

@InputType({ description: 'A chart opened at this member (contract 1.1).' })
export class RegisterPatientInput {
  @Field(() => ID)
  hospitalId: string;

  @Field(() => String, { nullable: true, description: 'The chart number; the member assigns one when none is given.' })
  mrn?: string | null;

  @Field()
  name: string;

  @Field(() => DateScalar)
  birthDate: string;

  @Field(() => Sex)
  sex: SexCode;

  @Field(() => String, { nullable: true, description: 'Resident identity card number (GB 11643): the alliance links charts of one person by it.' })
  nationalId?: string | null;

  @Field()
  idempotencyKey: string;
}
