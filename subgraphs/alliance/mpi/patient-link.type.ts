import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../runtime/schema/scalars';
import { Patient } from './patient.type';

export const PatientMatchEnum = { NATIONAL_ID: 'NATIONAL_ID', NEW_PERSON: 'NEW_PERSON', ALREADY_LINKED: 'ALREADY_LINKED' } as const;
registerEnumType(PatientMatchEnum, { name: 'PatientMatch', description: 'How a chart found its person in the master patient index.' });

/** The same values as the hospital contract's Sex, so that the two compose. */
export const SexEnum = { MALE: 'MALE', FEMALE: 'FEMALE', OTHER: 'OTHER', UNKNOWN: 'UNKNOWN' } as const;
registerEnumType(SexEnum, { name: 'Sex' });

@InputType({ description: 'A chart opened or imported at a member, to be linked in the master patient index.' })
export class LinkPatientRecordInput {
  @Field(() => ID)
  hospitalId: string;

  @Field()
  mrn: string;

  @Field({ description: 'Not stored by the alliance: the chart keeps the demographics.' })
  name: string;

  @Field(() => DateScalar)
  birthDate: string;

  @Field(() => SexEnum, { nullable: true })
  sex?: keyof typeof SexEnum | null;

  @Field(() => String, { nullable: true, description: 'Resident identity card number (GB 11643, 18 characters); kept only as a salted hash for matching.' })
  nationalId?: string | null;

  @Field()
  idempotencyKey: string;
}

@ObjectType({ description: 'The person a chart was linked to, and how.' })
export class PatientLink {
  @Field(() => ID)
  mpiId: string;

  @Field(() => PatientMatchEnum)
  matchedBy: keyof typeof PatientMatchEnum;

  @Field(() => Patient, { nullable: true })
  patient?: Patient | null;
}
