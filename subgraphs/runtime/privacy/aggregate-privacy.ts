import { BadUserInputError } from '../../../common/errors';
import type { Caller } from '../auth/caller';
import { isLocalMidnight, localDate, startOfLocalDay } from '../time/local-day';

/**
 * DESIGN 5, de-identified aggregates: analysts and dashboards see figures only when they
 * are computed from at least `minCell` people or results, and only over whole days in the
 * alliance's time zone, so that narrowing a window or a filter cannot single out one
 * patient (the "87 requests" attack: minute windows around one HbA1c result). Clinicians,
 * admins and the gateway keep exact figures where their role allows them at all.
 */
export interface AggregatePrivacy {
  /** Smallest group a figure may be computed from (MEDALLIANCE_MIN_CELL). */
  minCell: number;
  /** The alliance's time zone (MEDALLIANCE_TIME_ZONE): windows are its whole days. */
  timeZone: string;
}

export const DEFAULT_AGGREGATE_PRIVACY: AggregatePrivacy = { minCell: 10, timeZone: 'Asia/Shanghai' };

export function seesDeidentifiedOnly(caller: Caller | null): boolean {
  return caller?.role === 'analyst' || caller?.role === 'dashboard';
}

/**
 * A figure from `count` people or results is withheld when the group is small. An empty
 * group names nobody, so zero is shown.
 */
export function isSmallCell(count: number, privacy: AggregatePrivacy): boolean {
  return count > 0 && count < privacy.minCell;
}

/**
 * The window a de-identified caller may ask for: each bound given must be a midnight of the
 * alliance's time zone (a finer bound is refused, not snapped, so the caller knows what was
 * counted), and an open end stops at the start of today, so that "up to now" cannot be
 * narrowed by asking again a minute later.
 */
export function wholeDayWindow(from: Date | null | undefined, to: Date | null | undefined, privacy: AggregatePrivacy, now: Date): { from: Date | null; to: Date } {
  for (const [argument, bound] of [['from', from], ['to', to]] as const) {
    if (bound && !isLocalMidnight(bound, privacy.timeZone)) {
      throw new BadUserInputError(`${argument} must be a whole day: midnight in ${privacy.timeZone} (e.g. ${startOfLocalDay(localDate(bound, privacy.timeZone), privacy.timeZone).toISOString()}).`, { argument });
    }
  }
  const startOfToday = startOfLocalDay(localDate(now, privacy.timeZone), privacy.timeZone);
  return { from: from ?? null, to: to && to.getTime() < startOfToday.getTime() ? to : startOfToday };
}
