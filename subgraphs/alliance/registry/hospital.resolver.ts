import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { AllianceContext } from '../context';
import { rowsWhere } from '../../runtime/db/entity-rows';
import { HospitalEntity } from './hospital.entity';
import { Alliance, Hospital, LabQualification, MembershipEvent } from './hospital.type';
import { ALLIANCE_IDENTITY } from './alliance-identity';
import { HospitalLevel, HospitalRole, MembershipStatus } from './registry-enums';

@Resolver(() => Hospital)
export class HospitalResolver {
  @Query(() => [Hospital], { description: 'The directory; the gateway reads `hospitals(status: ACTIVE)` to route.' })
  async hospitals(
    @Ctx() ctx: AllianceContext,
    @Arg('role', () => HospitalRole, { nullable: true }) role?: HospitalRole,
    @Arg('level', () => HospitalLevel, { nullable: true }) level?: HospitalLevel,
    @Arg('status', () => MembershipStatus, { nullable: true }) status?: MembershipStatus,
  ): Promise<HospitalEntity[]> {
    const rows = await rowsWhere(ctx.dataSource.manager, HospitalEntity, { role: role || undefined, level: level || undefined, status: status || undefined }, [['id', 'ASC']]);
    for (const row of rows) ctx.loaders.hospital.prime(row.id, row);
    return rows;
  }

  @Query(() => Hospital, { nullable: true })
  async hospital(@Ctx() ctx: AllianceContext, @Arg('id', () => ID) id: string): Promise<HospitalEntity | null> {
    return ctx.loaders.hospital.load(id);
  }

  @Query(() => Alliance)
  alliance(): typeof ALLIANCE_IDENTITY {
    return ALLIANCE_IDENTITY;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Where the member serves its hospital subgraph. Admin and the gateway only.' })
  subgraphUrl(@Root() hospital: HospitalEntity): string {
    return hospital.subgraphUrl;
  }

  @FieldResolver(() => [LabQualification])
  labQualifications(@Root() hospital: HospitalEntity, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.qualifications.load(hospital.id);
  }

  @FieldResolver(() => [MembershipEvent], { nullable: true, description: 'Status changes with reasons. Admin only.' })
  async membershipHistory(@Root() hospital: HospitalEntity, @Ctx() ctx: AllianceContext) {
    const events = await ctx.loaders.membershipHistory.load(hospital.id);
    return events.map((e) => ({ from: e.fromStatus, to: e.toStatus, reason: e.reason, at: e.at, by: e.by }));
  }
}

@Resolver(() => Alliance)
export class AllianceResolver {
  @FieldResolver(() => Hospital)
  async leadHospital(@Ctx() ctx: AllianceContext): Promise<HospitalEntity> {
    const lead = await ctx.dataSource.manager.findOne(HospitalEntity, { where: { role: HospitalRole.LEAD }, order: { joinedAt: 'ASC' } });
    if (!lead) throw new Error('The registry has no lead hospital.');
    return lead;
  }

  @FieldResolver(() => [Hospital], { description: 'Every registered hospital, whatever its status.' })
  members(@Ctx() ctx: AllianceContext): Promise<HospitalEntity[]> {
    return ctx.dataSource.manager.find(HospitalEntity, { order: { id: 'ASC' } });
  }
}

export async function resolveHospitalReference(reference: { id: string }, ctx: AllianceContext): Promise<HospitalEntity | null> {
  return ctx.loaders.hospital.load(reference.id);
}
