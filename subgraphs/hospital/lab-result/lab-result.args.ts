import { ArgsType, Field, ID, Int } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import type { ResultStatusCode } from './lab-result.entity';
import { ResultStatus } from './lab-result.type';

@ArgsType()
export class LabSummaryArgs {
  @Field(() => String)
  loinc: string;

  @Field(() => DateTimeScalar, { nullable: true })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  to?: Date | null;

  @Field(() => [ID], { nullable: true })
  hospitalIds?: string[] | null;
}

/** `PatientRecord.labResults(loinc, since, status, first = 100)`. */
@ArgsType()
export class LabResultsArgs {
  @Field(() => [String], { nullable: true })
  loinc?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true })
  since?: Date | null;

  @Field(() => [ResultStatus], { nullable: true })
  status?: ResultStatusCode[] | null;

  @Field(() => Int, { nullable: true, defaultValue: 100 })
  first?: number | null;
}
