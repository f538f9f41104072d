import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { Department } from '../department/department.type';
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
}

@ObjectType('LabSummary', { description: 'De-identified statistics of one LOINC code at one hospital (FINAL and AMENDED results).' })
export class LabSummary {
  @Field(() => ID)
  hospitalId: string;

  @Field()
  loinc: string;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => Int)
  count: number;

  @Field(() => Int)
  abnormalCount: number;

  @Field(() => Float, { nullable: true })
  mean?: number | null;

  @Field(() => Float, { nullable: true })
  min?: number | null;

  @Field(() => Float, { nullable: true })
  max?: number | null;
}
