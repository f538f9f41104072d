import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../../common/errors';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import type { AllianceContext } from '../context';
import { HospitalEntity } from '../registry/hospital.entity';
import { Hospital } from '../registry/hospital.type';
import { computeAllianceStats, type AllianceFigures, type HospitalFigures, type StatsRows, type StatsWindow } from './compute-alliance-stats';
import type { RetestReasonFigure } from './retests-by-reason';
import { statsSeries, type StatsPoint as StatsPointFigures } from './stats-series';
import { RetestReasonCount, StatsBucket, StatsPoint } from './stats-series.type';
import { MAX_BUCKETS } from './time-buckets';
import { loadStatsRows } from './load-stats-rows';
import { AllianceStats, HospitalStats } from './stats.type';

const DEFAULT_WINDOW_DAYS = 365;

/** The totals plus the rows they came from, so `series` needs no second load. */
type StatsAnswer = AllianceFigures & { rows: StatsRows; window: StatsWindow };

@Resolver(() => AllianceStats)
export class StatsResolver {
  @Query(() => AllianceStats, { description: 'Figures within [from, to); default the last 365 days up to now.' })
  async allianceStats(
    @Ctx() ctx: AllianceContext,
    @Arg('from', () => DateTimeScalar, { nullable: true }) from?: Date,
    @Arg('to', () => DateTimeScalar, { nullable: true }) to?: Date,
  ): Promise<StatsAnswer> {
    const end = to ?? new Date();
    const start = from ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
    if (start.getTime() >= end.getTime()) throw new BadUserInputError('from must be before to.', { argument: 'from' });
    const window = { from: start, to: end, timeZone: ctx.settings.timeZone };
    const [rows, hospitals] = await Promise.all([loadStatsRows(ctx.dataSource, window), ctx.dataSource.manager.find(HospitalEntity, { order: { id: 'ASC' } })]);
    for (const h of hospitals) ctx.loaders.hospital.prime(h.id, h);
    return { ...computeAllianceStats(rows, window, hospitals.map((h) => h.id)), rows, window };
  }

  @FieldResolver(() => [RetestReasonCount], { description: 'RETESTED decisions per reason; every reason is listed, zeros included.' })
  retestsByReason(@Root() stats: AllianceFigures): RetestReasonFigure[] {
    return stats.retestsByReason;
  }

  @FieldResolver(() => [StatsPoint], { description: `The window split into calendar buckets (alliance time zone), oldest first; at most ${MAX_BUCKETS} buckets.` })
  series(@Root() stats: StatsAnswer, @Arg('bucket', () => StatsBucket, { defaultValue: StatsBucket.MONTH }) bucket: StatsBucket): StatsPointFigures[] {
    const points = statsSeries(stats.rows, stats.window, bucket);
    if (!points) throw new BadUserInputError(`The window holds more than ${MAX_BUCKETS} buckets; choose a larger bucket or a shorter window.`, { argument: 'bucket' });
    return points;
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
