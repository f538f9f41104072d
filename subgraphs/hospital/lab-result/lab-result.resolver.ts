import { Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../../common/errors';
import { answersFor, type HospitalContext } from '../context';
import type { DepartmentEntity } from '../department/department.entity';
import { Department } from '../department/department.type';
import type { PatientRecordEntity } from '../patient-record/patient-record.entity';
import { PatientRecord } from '../patient-record/patient-record.type';
import { LabSummaryArgs } from './lab-result.args';
import type { LabResultEntity } from './lab-result.entity';
import { LabResult, LabSummary, ReferenceRange } from './lab-result.type';
import { summariseLab, type LabSummaryRow } from './lab-summary';

@Resolver(() => LabResult)
export class LabResultResolver {
  @Directive('@listOrder(by: ["hospitalId"])')
  @Query(() => [LabSummary], { description: 'Broadcast, de-identified: count, abnormal count and value statistics of one LOINC code in [from, to).' })
  async labSummary(@Args(() => LabSummaryArgs) { loinc, from, to, hospitalIds }: LabSummaryArgs, @Ctx() ctx: HospitalContext): Promise<LabSummaryRow[]> {
    if (!/^\d{1,7}-\d$/.test(loinc)) throw new BadUserInputError('loinc must be a LOINC code such as 2823-3.', { argument: 'loinc' });
    if (from && to && from > to) throw new BadUserInputError('from must not be after to.', { argument: 'from' });
    if (!answersFor(hospitalIds, ctx.hospitalId)) return [];
    return [await summariseLab(ctx.dataSource, ctx.hospitalId, loinc, from, to)];
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
    if (result.refLow === null && result.refHigh === null && result.refText === null) return null;
    return { low: result.refLow, high: result.refHigh, text: result.refText };
  }

  @FieldResolver(() => Department, { nullable: true })
  async performingDepartment(@Root() result: LabResultEntity, @Ctx() ctx: HospitalContext): Promise<DepartmentEntity | null> {
    return result.performingDepartmentId ? ctx.loaders.departmentById.load(result.performingDepartmentId) : null;
  }
}
