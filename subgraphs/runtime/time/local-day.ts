const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

const HOUR_MS = 3_600_000;
/** Hours whose offset is remembered, per time zone (about a year of result times); then forgotten at once. */
const OFFSET_HOURS_KEPT = 10_000;
/** From 1970 to the end of year 9999, where the ISO text of a UTC instant starts with the four-digit date. */
const FAST_UNTIL_MS = Date.UTC(10000, 0, 1) - HOUR_MS;
const steadyOffsets = new Map<string, Map<number, number>>();

/**
 * The zone's offset throughout the UTC hour of `instant`, or NaN when it changes within that
 * hour (a DST or zone change: tzdb never changes twice within an hour). Found with the
 * formatter once per hour and zone.
 */
function steadyOffset(instant: number, timeZone: string): number {
  let hours = steadyOffsets.get(timeZone);
  if (!hours) steadyOffsets.set(timeZone, (hours = new Map<number, number>()));
  const hour = Math.floor(instant / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const first = zoneOffsetMs(hour * HOUR_MS, timeZone);
    offset = first === zoneOffsetMs(hour * HOUR_MS + HOUR_MS - 1000, timeZone) ? first : Number.NaN;
    if (hours.size >= OFFSET_HOURS_KEPT) hours.clear();
    hours.set(hour, offset);
  }
  return offset;
}

function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar date (YYYY-MM-DD) of an instant in a time zone: a result collected at
 * 23:30 UTC is already the next day in Asia/Shanghai. Asked once per result of a
 * recognition call, so the zone's offset is looked up once per hour and the date read off
 * the shifted UTC instant; the formatter answers hours in which the offset changes.
 */
export function localDate(instant: Date, timeZone: string): string {
  const time = instant.getTime();
  if (time >= 0 && time < FAST_UNTIL_MS) {
    const offset = steadyOffset(time, timeZone);
    if (!Number.isNaN(offset)) return new Date(time + offset).toISOString().slice(0, 10);
  }
  return dateFormatter(timeZone).format(instant);
}

/** Milliseconds the time zone is ahead of UTC at an instant. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar date (YYYY-MM-DD) begins in the time zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  // twice: the offset at the guess may differ from the offset at local midnight (DST)
  const first = guess - zoneOffsetMs(guess, timeZone);
  return new Date(guess - zoneOffsetMs(first, timeZone));
}

/** Whether an instant is exactly a midnight of the time zone. */
export function isLocalMidnight(instant: Date, timeZone: string): boolean {
  return startOfLocalDay(localDate(instant, timeZone), timeZone).getTime() === instant.getTime();
}
