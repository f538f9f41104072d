import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../runtime/schema/scalars';
import { Address, ContactPoint, HumanName, Identifier } from '../fhir-elements/fhir-element.types';
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

  // Demographics as a source system gave them (import-fhir); null when it gave none.

  @Directive('@since(version: "1.2")')
  @Directive('@listSize(assumedSize: 2)')
  @Field(() => [HumanName], { nullable: true, description: 'Every name, structured (name is the one shown).' })
  names?: HumanName[] | null;

  @Directive('@since(version: "1.2")')
  @Directive('@listSize(assumedSize: 2)')
  @Field(() => [ContactPoint], { nullable: true })
  telecom?: ContactPoint[] | null;

  @Directive('@since(version: "1.2")')
  @Directive('@listSize(assumedSize: 2)')
  @Field(() => [Address], { nullable: true })
  addresses?: Address[] | null;

  @Directive('@since(version: "1.2")')
  @Field(() => String, { nullable: true, description: '居民身份证号 (national id).' })
  nationalId?: string | null;

  @Directive('@since(version: "1.2")')
  @Directive('@listSize(assumedSize: 3)')
  @Field(() => [Identifier], { nullable: true, description: "The patient's other identifiers as the source gave them (the national id's included); not this chart's number." })
  identifiers?: Identifier[] | null;

  // Nullable (DESIGN 8): a member that is down blanks only this chart's results.
  @Field(() => [LabResult], { nullable: true })
  @Directive('@listSize(slicingArguments: ["first"])')
  @Directive('@listOrder(by: ["collectedAt DESC"])')
  labResults: LabResult[];
}
