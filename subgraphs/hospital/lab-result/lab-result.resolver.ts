import { Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../../common/errors';
import { answersFor, type HospitalContext } from '../context';
import type { DepartmentEntity } from '../department/department.entity';
import { Department } from '../department/department.type';
import type { PatientRecordEntity } from '../patient-record/patient-record.entity';
import { PatientRecord } from '../patient-record/patient-record.type';
import { LabSummaryArgs } from './lab-result.args';
import type { LabResultEntity } from './lab-result.entity';
import { CodedConcept, Identifier } from '../fhir-elements/fhir-element.types';
import { LabResult, LabSummary, ReferenceRange } from './lab-result.type';
import { firstRange, rangeOf } from './reference-ranges';
import { deidentifiedSummary, summariseLab, type LabSummaryRow } from './lab-summary';
import { seesDeidentifiedOnly, wholeDayWindow } from '../../runtime/privacy/aggregate-privacy';

@Resolver(() => LabResult)
export class LabResultResolver {
  @Directive('@listOrder(by: ["hospitalId"])')
  @Query(() => [LabSummary], { description: 'Broadcast, de-identified: count, abnormal count and value statistics of one LOINC code in [from, to).' })
  async labSummary(@Args(() => LabSummaryArgs) { loinc, from, to, hospitalIds }: LabSummaryArgs, @Ctx() ctx: HospitalContext): Promise<LabSummaryRow[]> {
    if (!/^\d{1,7}-\d$/.test(loinc)) throw new BadUserInputError('loinc must be a LOINC code such as 2823-3.', { argument: 'loinc' });
    if (from && to && from > to) throw new BadUserInputError('from must not be after to.', { argument: 'from' });
    const deidentified = seesDeidentifiedOnly(ctx.caller);
    const window = deidentified ? wholeDayWindow(from, to, ctx.privacy, ctx.now()) : { from, to };
    if (!answersFor(hospitalIds, ctx.hospitalId)) return [];
    const row = await summariseLab(ctx.dataSource, ctx.hospitalId, loinc, window.from, window.to);
    return [deidentified ? deidentifiedSummary(row, ctx.privacy) : row];
  }

  @FieldResolver(() => ID)
  hospitalId(@Ctx() ctx: HospitalContext): string {
    return ctx.hospitalId;
  }

  @FieldResolver(() => PatientRecord)
  async patient(@Root() result: LabResultEntity, @Ctx() ctx: HospitalContext): Promise<PatientRecordEntity | { mrn: string }> {
    // a result never outlives its chart; the bare reference keeps the non-null contract if it did
    return (await ctx.loaders.patientByMrn.load(result.mrn)) ?? { mrn: result.mrn };
  }

  @FieldResolver(() => ReferenceRange, { nullable: true })
  referenceRange(@Root() result: LabResultEntity): ReferenceRange | null {
    return firstRange(result);
  }

  @FieldResolver(() => [ReferenceRange], { nullable: true })
  referenceRanges(@Root() result: LabResultEntity): ReferenceRange[] | null {
    if (result.referenceRanges) return result.referenceRanges.map(rangeOf);
    const first = firstRange(result);
    return first ? [first] : null;
  }

  @FieldResolver(() => [Identifier], { nullable: true })
  identifiers(@Root() result: LabResultEntity): Identifier[] | null {
    return result.sourceIdentifiers ?? null;
  }

  @FieldResolver(() => CodedConcept, { nullable: true })
  code(@Root() result: LabResultEntity): CodedConcept | null {
    return result.sourceCode ?? null;
  }

  @FieldResolver(() => Department, { nullable: true })
  async performingDepartment(@Root() result: LabResultEntity, @Ctx() ctx: HospitalContext): Promise<DepartmentEntity | null> {
    return result.performingDepartmentId ? ctx.loaders.departmentById.load(result.performingDepartmentId) : null;
  }
}
