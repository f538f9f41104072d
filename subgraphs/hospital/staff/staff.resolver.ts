import { Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { checkFirst } from '../../runtime/schema/check-first';
import { answersFor, type HospitalContext } from '../context';
import type { DepartmentEntity } from '../department/department.entity';
import { Department } from '../department/department.type';
import type { StaffEntity } from './staff.entity';
import { staffCriteriaKey } from './staff.loader';
import { matchesStaffFilter, type StaffCriteria } from './staff-filter';
import { StaffDirectoryArgs } from './staff.args';
import { Staff } from './staff.type';

/** The directory filtered, ordered by name then id, cut to `first`. */
export async function listStaff(ctx: HospitalContext, filter: StaffCriteria | null | undefined, first: number | null | undefined): Promise<StaffEntity[]> {
  const limit = checkFirst(first);
  const hasCriteria = !!filter && Object.values(filter).some((v) => v !== null && v !== undefined && v !== '');
  // SQL narrows the rows; the same filter in code keeps one meaning on both databases (LIKE's case rules differ)
  const rows = hasCriteria ? await ctx.loaders.staffMatching.load(staffCriteriaKey(filter)) : await ctx.loaders.allStaff.load('all');
  return rows.filter((s) => matchesStaffFilter(s, filter)).slice(0, limit);
}

@Resolver(() => Staff)
export class StaffResolver {
  @Directive('@listOrder(by: ["hospitalId", "name"])')
  @Directive('@listSize(slicingArguments: ["first"])')
  @Query(() => [Staff], { description: 'Broadcast: staff matching the filter, ordered by name then id, at most `first` per member.' })
  async staffDirectory(@Args(() => StaffDirectoryArgs) { filter, hospitalIds, first }: StaffDirectoryArgs, @Ctx() ctx: HospitalContext): Promise<StaffEntity[]> {
    const limit = checkFirst(first);
    if (!answersFor(hospitalIds, ctx.hospitalId)) return [];
    return listStaff(ctx, filter, limit);
  }

  @FieldResolver(() => ID)
  hospitalId(@Ctx() ctx: HospitalContext): string {
    return ctx.hospitalId;
  }

  @FieldResolver(() => Department, { nullable: true })
  async department(@Root() staff: StaffEntity, @Ctx() ctx: HospitalContext): Promise<DepartmentEntity | null> {
    return staff.departmentId ? ctx.loaders.departmentById.load(staff.departmentId) : null;
  }
}
