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
import { seesDeidentifiedOnly, wholeDayWindow, type AggregatePrivacy } from '../../runtime/privacy/aggregate-privacy';
import { localDate, startOfLocalDay } from '../../runtime/time/local-day';
import { exactFigures, withholdSmallCells } from './deidentify-stats';

const DEFAULT_WINDOW_DAYS = 365;

/** The totals plus the rows they came from, so `series` needs no second load; `deidentified`: figures for an analyst or dashboard. */
type StatsAnswer = AllianceFigures & { rows: StatsRows; window: StatsWindow; deidentified: boolean; privacy: AggregatePrivacy };

/** The window asked for; an analyst's or dashboard's is whole days (DESIGN 5). */
function statsWindow(ctx: AllianceContext, from: Date | undefined, to: Date | undefined, deidentified: boolean): { from: Date; to: Date } {
  if (!deidentified) {
    const end = to ?? new Date();
    return { from: from ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000), to: end };
  }
  const whole = wholeDayWindow(from, to, ctx.settings, new Date());
  const defaultFrom = startOfLocalDay(localDate(new Date(whole.to.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000), ctx.settings.timeZone), ctx.settings.timeZone);
  return { from: whole.from ?? defaultFrom, to: whole.to };
}

/** The group each patient-derived figure comes from: a count is its own group. */
function allianceGroups(f: AllianceFigures | StatsPointFigures) {
  return {
    referralsUpward: f.referralsUpward,
    referralsDownward: f.referralsDownward,
    referralsLateral: f.referralsLateral,
    greenChannelReferrals: f.greenChannelReferrals,
    medianResponseMinutes: f.respondedReferrals,
    resultsReused: f.resultsReused,
    retests: f.retests,
    estimatedSavingsYuan: f.resultsReused,
  };
}

@Resolver(() => AllianceStats)
export class StatsResolver {
  @Query(() => AllianceStats, { description: 'Figures within [from, to); default the last 365 days up to now.' })
  async allianceStats(
    @Ctx() ctx: AllianceContext,
    @Arg('from', () => DateTimeScalar, { nullable: true }) from?: Date,
    @Arg('to', () => DateTimeScalar, { nullable: true }) to?: Date,
  ): Promise<StatsAnswer> {
    const deidentified = seesDeidentifiedOnly(ctx.caller);
    const { from: start, to: end } = statsWindow(ctx, from, to, deidentified);
    if (start.getTime() >= end.getTime()) {
      throw new BadUserInputError(
        deidentified ? `from must be before to, at least one whole day apart in ${ctx.settings.timeZone}, and before today.` : 'from must be before to.',
        { argument: 'from' },
      );
    }
    const window = { from: start, to: end, timeZone: ctx.settings.timeZone };
    const [rows, hospitals] = await Promise.all([loadStatsRows(ctx.dataSource, window), ctx.dataSource.manager.find(HospitalEntity, { order: { id: 'ASC' } })]);
    for (const h of hospitals) ctx.loaders.hospital.prime(h.id, h);
    const figures = computeAllianceStats(
      rows,
      window,
      hospitals.map((h) => h.id),
    );
    const shown = deidentified ? withholdSmallCells(figures, allianceGroups(figures), ctx.settings) : exactFigures(figures);
    return { ...(shown as unknown as AllianceFigures), rows, window, deidentified, privacy: ctx.settings };
  }

  @FieldResolver(() => [RetestReasonCount], { description: 'RETESTED decisions per reason; every reason is listed, zeros included.' })
  retestsByReason(@Root() stats: StatsAnswer): (RetestReasonFigure & { suppressed: boolean })[] {
    return stats.retestsByReason.map((r) =>
      stats.deidentified ? (withholdSmallCells(r, { count: r.count }, stats.privacy) as RetestReasonFigure & { suppressed: boolean }) : exactFigures(r),
    );
  }

  @FieldResolver(() => [StatsPoint], { description: `The window split into calendar buckets (alliance time zone), oldest first; at most ${MAX_BUCKETS} buckets.` })
  series(@Root() stats: StatsAnswer, @Arg('bucket', () => StatsBucket, { defaultValue: StatsBucket.MONTH }) bucket: StatsBucket): StatsPointFigures[] {
    const points = statsSeries(stats.rows, stats.window, bucket);
    if (!points) throw new BadUserInputError(`The window holds more than ${MAX_BUCKETS} buckets; choose a larger bucket or a shorter window.`, { argument: 'bucket' });
    return points.map((p) => (stats.deidentified ? (withholdSmallCells(p, allianceGroups(p), stats.privacy) as unknown as StatsPointFigures) : exactFigures(p)));
  }

  @FieldResolver(() => [HospitalStats], { description: 'Every registered hospital, by id.' })
  byHospital(@Root() stats: StatsAnswer): HospitalFigures[] {
    const groups = (h: HospitalFigures) => ({ referralsSent: h.referralsSent, referralsReceived: h.referralsReceived, resultsReused: h.resultsReused });
    return stats.byHospital.map((h) => (stats.deidentified ? (withholdSmallCells(h, groups(h), stats.privacy) as unknown as HospitalFigures) : exactFigures(h)));
  }
}

@Resolver(() => HospitalStats)
export class HospitalStatsResolver {
  @FieldResolver(() => Hospital)
  async hospital(@Root() figures: HospitalFigures, @Ctx() ctx: AllianceContext): Promise<HospitalEntity> {
    return (await ctx.loaders.hospital.load(figures.hospitalId))!;
  }
}
