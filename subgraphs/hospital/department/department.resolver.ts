import { Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { checkFirst } from '../../runtime/schema/check-first';
import { answersFor, type HospitalContext } from '../context';
import type { StaffEntity } from '../staff/staff.entity';
import { StaffListArgs } from '../staff/staff.args';
import { Staff } from '../staff/staff.type';
import { DepartmentsArgs } from './department.args';
import type { DepartmentEntity } from './department.entity';
import { Department } from './department.type';

/** Departments, optionally of one specialty, ordered by name then id. */
export async function listDepartments(ctx: HospitalContext, specialty?: string | null): Promise<DepartmentEntity[]> {
  const all = await ctx.loaders.allDepartments.load('all');
  return specialty ? all.filter((d) => d.specialty === specialty) : all;
}

@Resolver(() => Department)
export class DepartmentResolver {
  @Directive('@listOrder(by: ["hospitalId", "name"])')
  @Query(() => [Department], { description: 'Broadcast: every member answers with its departments (or only those in hospitalIds).' })
  async departments(@Args(() => DepartmentsArgs) { specialty, hospitalIds }: DepartmentsArgs, @Ctx() ctx: HospitalContext): Promise<DepartmentEntity[]> {
    if (!answersFor(hospitalIds, ctx.hospitalId)) return [];
    return listDepartments(ctx, specialty);
  }

  @FieldResolver(() => ID)
  hospitalId(@Ctx() ctx: HospitalContext): string {
    return ctx.hospitalId;
  }

  @FieldResolver(() => Staff, { nullable: true })
  async head(@Root() department: DepartmentEntity, @Ctx() ctx: HospitalContext): Promise<StaffEntity | null> {
    return department.headStaffId ? ctx.loaders.staffById.load(department.headStaffId) : null;
  }

  @FieldResolver(() => [Staff])
  async staff(@Root() department: DepartmentEntity, @Args(() => StaffListArgs) { role, first }: StaffListArgs, @Ctx() ctx: HospitalContext): Promise<StaffEntity[]> {
    const limit = checkFirst(first);
    const staff = await ctx.loaders.staffByDepartment.load(department.id);
    return staff.filter((s) => !role || s.role === role).slice(0, limit);
  }
}
