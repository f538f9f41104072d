import type { Caller } from '../../../common/auth/caller';
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

/** The midnight (alliance time zone) that starts the day an instant falls on. */
export function startOfDayIn(instant: Date, timeZone: string): Date {
  return isLocalMidnight(instant, timeZone) ? instant : startOfLocalDay(localDate(instant, timeZone), timeZone);
}

/**
 * The window a de-identified caller is answered for: whole days in the alliance's time
 * zone. Each bound is snapped down to the midnight that starts its day (a browser in
 * another time zone sends its own midnights; a minute-wide window becomes an empty one),
 * and the end never passes the start of today, so that "up to now" cannot be narrowed by
 * asking again a minute later. `allianceStats` answers the window it counted.
 */
export function wholeDayWindow(from: Date | null | undefined, to: Date | null | undefined, privacy: AggregatePrivacy, now: Date): { from: Date | null; to: Date } {
  const startOfToday = startOfDayIn(now, privacy.timeZone);
  const end = to ? startOfDayIn(to, privacy.timeZone) : startOfToday;
  return { from: from ? startOfDayIn(from, privacy.timeZone) : null, to: end.getTime() < startOfToday.getTime() ? end : startOfToday };
}
