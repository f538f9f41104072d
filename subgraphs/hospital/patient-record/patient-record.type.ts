import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../runtime/schema/scalars';
import { LabResult } from '../lab-result/lab-result.type';
import type { SexCode } from './patient-record.entity';

export const Sex = { MALE: 'MALE', FEMALE: 'FEMALE', OTHER: 'OTHER', UNKNOWN: 'UNKNOWN' } as const;
registerEnumType(Sex, { name: 'Sex' });

@ObjectType('PatientRecord', { description: "One patient's chart at one hospital (PHI)." })
@Directive('@key(fields: "hospitalId mrn")')
@Directive('@hospitalFrom(path: "hospitalId")')
export class PatientRecord {
  @Field(() => ID)
  hospitalId: string;

  @Field()
  mrn: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Sex, { nullable: true })
  sex?: SexCode | null;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string | null;

  // Nullable (DESIGN 8): a member that is down blanks only this chart's results.
  @Field(() => [LabResult], { nullable: true })
  @Directive('@listSize(slicingArguments: ["first"])')
  @Directive('@listOrder(by: ["collectedAt DESC"])')
  labResults: LabResult[];
}
