import { Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { checkFirst } from '../../runtime/schema/check-first';
import { answersFor, type HospitalContext } from '../context';
import type { DepartmentEntity } from '../department/department.entity';
import { Department } from '../department/department.type';
import { freeSlots, slotWindow } from './available-slots';
import type { ResourceKindCode, SharedResourceEntity } from './shared-resource.entity';
import { AvailableSlotsArgs, SharedResourcesArgs } from './shared-resource.args';
import { SharedResource, Slot } from './shared-resource.type';

/** Resources ordered by kind, name; `availableOnly` keeps those AVAILABLE and shared with the alliance. */
export async function listResources(ctx: HospitalContext, kind?: ResourceKindCode | null, availableOnly = false): Promise<SharedResourceEntity[]> {
  const all = await ctx.loaders.allResources.load('all');
  return all.filter((r) => (!kind || r.kind === kind) && (!availableOnly || (r.status === 'AVAILABLE' && r.sharedWithAlliance)));
}

@Resolver(() => SharedResource)
export class SharedResourceResolver {
  @Directive('@listOrder(by: ["hospitalId", "kind", "name"])')
  // a member shares a handful of devices of a kind (a few CT, MRI, DSA rooms): the cost estimate's size per member
  @Directive('@listSize(assumedSize: 5)')
  @Query(() => [SharedResource], { description: 'Broadcast: equipment and beds, ordered by kind then name.' })
  async sharedResources(@Args(() => SharedResourcesArgs) { kind, availableOnly, hospitalIds }: SharedResourcesArgs, @Ctx() ctx: HospitalContext): Promise<SharedResourceEntity[]> {
    if (!answersFor(hospitalIds, ctx.hospitalId)) return [];
    return listResources(ctx, kind, availableOnly ?? false);
  }

  @FieldResolver(() => ID)
  hospitalId(@Ctx() ctx: HospitalContext): string {
    return ctx.hospitalId;
  }

  @FieldResolver(() => Department, { nullable: true })
  async department(@Root() resource: SharedResourceEntity, @Ctx() ctx: HospitalContext): Promise<DepartmentEntity | null> {
    return resource.departmentId ? ctx.loaders.departmentById.load(resource.departmentId) : null;
  }

  @FieldResolver(() => [Slot], { description: 'Free slots that start in [from, from + days), in time order.' })
  async availableSlots(
    @Root() resource: SharedResourceEntity,
    @Args(() => AvailableSlotsArgs) { from, days, first }: AvailableSlotsArgs,
    @Ctx() ctx: HospitalContext,
  ): Promise<Slot[]> {
    const limit = checkFirst(first);
    const now = ctx.now();
    const window = slotWindow(from, days, now);
    const booked = await ctx.loaders.bookedInWindow.load({ resourceId: resource.id, from: window.from, until: window.until });
    return freeSlots(
      resource,
      window,
      booked.map((b) => b.slotStart),
      now,
      limit,
    );
  }
}
