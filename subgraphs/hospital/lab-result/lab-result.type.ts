import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { Department } from '../department/department.type';
import { CodedConcept, Identifier, ONE_STORED_VALUE, ResultNote, ResultPerformer } from '../fhir-elements/fhir-element.types';
import { PatientRecord } from '../patient-record/patient-record.type';
import type { InterpretationCode, ResultStatusCode } from './lab-result.entity';

export const Interpretation = { NORMAL: 'NORMAL', LOW: 'LOW', HIGH: 'HIGH', CRITICAL_LOW: 'CRITICAL_LOW', CRITICAL_HIGH: 'CRITICAL_HIGH', ABNORMAL: 'ABNORMAL' } as const;
registerEnumType(Interpretation, { name: 'Interpretation' });

export const ResultStatus = { REGISTERED: 'REGISTERED', PRELIMINARY: 'PRELIMINARY', FINAL: 'FINAL', AMENDED: 'AMENDED', CANCELLED: 'CANCELLED' } as const;
registerEnumType(ResultStatus, { name: 'ResultStatus' });

@ObjectType('ReferenceRange', { description: "The performing lab's own reference interval." })
export class ReferenceRange {
  @Field(() => Float, { nullable: true })
  low?: number | null;

  @Field(() => Float, { nullable: true })
  high?: number | null;

  @Field(() => String, { nullable: true })
  text?: string | null;

  @Directive('@since(version: "1.2")')
  @Field(() => String, { nullable: true, description: "UCUM unit of low and high (the result's unit)." })
  unit?: string | null;

  @Directive('@since(version: "1.2")')
  @Directive(ONE_STORED_VALUE)
  @Field(() => CodedConcept, { nullable: true, description: 'What part of the population the range is for (normal, therapeutic …), as the source coded it.' })
  type?: CodedConcept | null;

  @Directive('@since(version: "1.2")')
  @Directive(ONE_STORED_VALUE)
  @Field(() => [CodedConcept], { nullable: true, description: 'The population the range applies to (e.g. a sex, a race), as the source coded it.' })
  appliesTo?: CodedConcept[] | null;
}

@ObjectType('LabResult', { description: 'One laboratory observation (PHI); FHIR Observation in spirit.' })
@Directive('@key(fields: "hospitalId id")')
@Directive('@hospitalFrom(path: "hospitalId")')
export class LabResult {
  @Field(() => ID)
  hospitalId: string;

  @Field(() => ID)
  id: string;

  @Field()
  mrn: string;

  @Field(() => PatientRecord)
  patient: PatientRecord;

  @Field()
  loinc: string;

  @Field()
  localCode: string;

  @Field()
  name: string;

  @Field(() => Float, { nullable: true })
  valueQuantity?: number | null;

  @Field(() => String, { nullable: true })
  valueString?: string | null;

  @Field(() => String, { nullable: true, description: 'UCUM, e.g. mmol/L, 10*9/L.' })
  unit?: string | null;

  @Field(() => ReferenceRange, { nullable: true })
  referenceRange?: ReferenceRange | null;

  @Field(() => Interpretation, { nullable: true })
  interpretation?: InterpretationCode | null;

  @Field(() => ResultStatus)
  status: ResultStatusCode;

  @Field(() => String, { nullable: true })
  specimen?: string | null;

  @Field(() => DateTimeScalar)
  collectedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  reportedAt?: Date | null;

  @Field(() => Department, { nullable: true })
  performingDepartment?: Department | null;

  // What an imported result's source said, as given (import-fhir); null when it said nothing, and on results entered here.

  @Directive('@since(version: "1.2")')
  @Directive('@listSize(assumedSize: 2)')
  @Field(() => [Identifier], { nullable: true, description: "The source system's identifiers of this result (its id here is id)." })
  identifiers?: Identifier[] | null;

  @Directive('@since(version: "1.2")')
  @Field(() => CodedConcept, { nullable: true, description: "The test's code as the source gave it: every coding, its display and text (name is the alliance catalogue's)." })
  code?: CodedConcept | null;

  @Directive('@since(version: "1.2")')
  @Field(() => String, { nullable: true, description: 'The FHIR ObservationStatus given, when it says more than status (corrected is AMENDED).' })
  fhirStatus?: string | null;

  @Directive('@since(version: "1.2")')
  @Directive('@listSize(assumedSize: 1)')
  @Field(() => [ResultPerformer], { nullable: true, description: 'Who performed the test, as the source names it.' })
  performers?: ResultPerformer[] | null;

  @Directive('@since(version: "1.2")')
  @Directive('@listSize(assumedSize: 2)')
  @Field(() => [ReferenceRange], { nullable: true, description: 'Every reference range, the first being referenceRange.' })
  referenceRanges?: ReferenceRange[] | null;

  @Directive('@since(version: "1.2")')
  @Field(() => CodedConcept, { nullable: true, description: 'How the test was done, as the source coded it.' })
  method?: CodedConcept | null;

  @Directive('@since(version: "1.2")')
  @Directive('@listSize(assumedSize: 2)')
  @Field(() => [ResultNote], { nullable: true })
  notes?: ResultNote[] | null;
}

@ObjectType('LabSummary', { description: 'De-identified statistics of one LOINC code at one hospital (FINAL and AMENDED results).' })
export class LabSummary {
  @Field(() => ID)
  hospitalId: string;

  @Field()
  loinc: string;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  count: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppressed).' })
  abnormalCount: number | null;

  @Field({ description: 'True when figures are withheld because they come from fewer results than the alliance minimum (analysts only).' })
  suppressed: boolean;

  @Field(() => Float, { nullable: true })
  mean?: number | null;

  @Field(() => Float, { nullable: true })
  min?: number | null;

  @Field(() => Float, { nullable: true })
  max?: number | null;
}
