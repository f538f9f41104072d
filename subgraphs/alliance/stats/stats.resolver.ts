import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../../common/errors';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { requireCaller } from '../access/access-rules';
import type { AllianceContext } from '../context';
import { HospitalEntity } from '../registry/hospital.entity';
import { Hospital } from '../registry/hospital.type';
import { computeAllianceStats, type AllianceFigures, type HospitalFigures } from './compute-alliance-stats';
import { loadStatsRows } from './load-stats-rows';
import { AllianceStats, HospitalStats } from './stats.type';

const DEFAULT_WINDOW_DAYS = 365;

@Resolver(() => AllianceStats)
export class StatsResolver {
  @Query(() => AllianceStats, { description: 'Figures within [from, to); default the last 365 days up to now.' })
  async allianceStats(
    @Ctx() ctx: AllianceContext,
    @Arg('from', () => DateTimeScalar, { nullable: true }) from?: Date,
    @Arg('to', () => DateTimeScalar, { nullable: true }) to?: Date,
  ): Promise<AllianceFigures> {
    requireCaller(ctx.caller);
    const end = to ?? new Date();
    const start = from ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
    if (start.getTime() >= end.getTime()) throw new BadUserInputError('from must be before to.', { argument: 'from' });
    const window = { from: start, to: end, timeZone: ctx.settings.timeZone };
    const [rows, hospitals] = await Promise.all([loadStatsRows(ctx.dataSource, window), ctx.dataSource.manager.find(HospitalEntity, { order: { id: 'ASC' } })]);
    for (const h of hospitals) ctx.loaders.hospital.prime(h.id, h);
    return computeAllianceStats(rows, window, hospitals.map((h) => h.id));
  }

  @FieldResolver(() => [HospitalStats], { description: 'Every registered hospital, by id.' })
  byHospital(@Root() stats: AllianceFigures): HospitalFigures[] {
    return stats.byHospital;
  }
}

@Resolver(() => HospitalStats)
export class HospitalStatsResolver {
  @FieldResolver(() => Hospital)
  async hospital(@Root() figures: HospitalFigures, @Ctx() ctx: AllianceContext): Promise<HospitalEntity> {
    return (await ctx.loaders.hospital.load(figures.hospitalId))!;
  }
}
