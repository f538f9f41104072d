import { Args, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { checkFirst } from '../../runtime/schema/check-first';
import type { HospitalContext } from '../context';
import { LabResultsArgs } from '../lab-result/lab-result.args';
import type { LabResultEntity } from '../lab-result/lab-result.entity';
import { LabResult } from '../lab-result/lab-result.type';
import type { PatientRecordEntity } from './patient-record.entity';
import { PatientRecord } from './patient-record.type';

/**
 * A chart row, or a reference to a chart held by another member (a booking's patient
 * from the requesting hospital): then `hospitalId` names that member and nothing else
 * is known here.
 */
export type PatientRecordRoot = Pick<PatientRecordEntity, 'mrn'> & Partial<PatientRecordEntity> & { hospitalId?: string };

const DEFAULT_RESULTS = 100;

@Resolver(() => PatientRecord)
export class PatientRecordResolver {
  @FieldResolver(() => ID)
  hospitalId(@Root() record: PatientRecordRoot, @Ctx() ctx: HospitalContext): string {
    return record.hospitalId ?? ctx.hospitalId;
  }

  @FieldResolver(() => [LabResult], { nullable: true, description: 'Newest collectedAt first; null when this member did not answer.' })
  async labResults(
    @Root() record: PatientRecordRoot,
    @Args(() => LabResultsArgs) { loinc, since, status, first }: LabResultsArgs,
    @Ctx() ctx: HospitalContext,
  ): Promise<LabResultEntity[]> {
    const limit = checkFirst(first, DEFAULT_RESULTS);
    if (record.hospitalId && record.hospitalId !== ctx.hospitalId) return [];
    return ctx.loaders.labResultsForRecord.load({ mrn: record.mrn, loinc: loinc ?? null, since: since ?? null, status: status ?? null, first: limit });
  }
}
