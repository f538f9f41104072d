import { Arg, Args, Ctx, FieldResolver, Resolver } from 'type-graphql';
import type { HospitalContext } from '../context';
import type { DepartmentEntity } from '../department/department.entity';
import { listDepartments } from '../department/department.resolver';
import { Department } from '../department/department.type';
import type { ResourceKindCode, SharedResourceEntity } from '../shared-resource/shared-resource.entity';
import { listResources } from '../shared-resource/shared-resource.resolver';
import { ResourceKind, SharedResource } from '../shared-resource/shared-resource.type';
import { StaffListArgs } from '../staff/staff.args';
import type { StaffEntity } from '../staff/staff.entity';
import { listStaff } from '../staff/staff.resolver';
import { Staff } from '../staff/staff.type';
import { summariseBeds } from './bed-summary';
import { BedSummary, Hospital } from './hospital.type';

/** The member's additions to its directory entry; reached only through `_entities`. */
@Resolver(() => Hospital)
export class HospitalResolver {
  @FieldResolver(() => [Department], { nullable: true })
  async departments(@Arg('specialty', () => String, { nullable: true }) specialty: string | null, @Ctx() ctx: HospitalContext): Promise<DepartmentEntity[]> {
    return listDepartments(ctx, specialty);
  }

  @FieldResolver(() => [Staff], { nullable: true })
  async staff(@Args(() => StaffListArgs) { role, first }: StaffListArgs, @Ctx() ctx: HospitalContext): Promise<StaffEntity[]> {
    return listStaff(ctx, { role }, first);
  }

  @FieldResolver(() => [SharedResource], { nullable: true })
  async sharedResources(@Arg('kind', () => ResourceKind, { nullable: true }) kind: ResourceKindCode | null, @Ctx() ctx: HospitalContext): Promise<SharedResourceEntity[]> {
    return listResources(ctx, kind);
  }

  @FieldResolver(() => BedSummary, { nullable: true })
  async bedSummary(@Ctx() ctx: HospitalContext): Promise<BedSummary> {
    return summariseBeds(await ctx.loaders.allDepartments.load('all'));
  }
}
