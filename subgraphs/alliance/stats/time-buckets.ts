import { localDate } from '../recognition/local-date';
import { startOfLocalDay } from '../../runtime/time/local-day';

export { startOfLocalDay };

export type BucketSize = 'DAY' | 'WEEK' | 'MONTH';

export interface Bucket {
  /** Calendar date (alliance time zone) the bucket starts on, e.g. 2026-03-01. */
  label: string;
  start: Date;
  end: Date;
}

/** Charts stay readable and cheap: a year of days fits, a decade of days does not. */
export const MAX_BUCKETS = 400;

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The calendar date a bucket containing `date` starts on: the day, its Monday, or the 1st. */
export function bucketStartDate(date: string, size: BucketSize): string {
  if (size === 'DAY') return date;
  if (size === 'MONTH') return `${date.slice(0, 8)}01`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

function nextBucketDate(date: string, size: BucketSize): string {
  if (size === 'DAY') return addDays(date, 1);
  if (size === 'WEEK') return addDays(date, 7);
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/**
 * Calendar buckets (alliance time zone) covering [from, to): the first starts at `from`
 * and the last ends at `to`, so the buckets' figures add up to the window's.
 * Null when there would be more than MAX_BUCKETS.
 */
export function timeBuckets(from: Date, to: Date, size: BucketSize, timeZone: string): Bucket[] | null {
  const buckets: Bucket[] = [];
  let label = bucketStartDate(localDate(from, timeZone), size);
  let start = from;
  while (start.getTime() < to.getTime()) {
    if (buckets.length === MAX_BUCKETS) return null;
    const nextLabel = nextBucketDate(label, size);
    const nextStart = startOfLocalDay(nextLabel, timeZone);
    const end = nextStart.getTime() < to.getTime() ? nextStart : to;
    buckets.push({ label, start, end });
    label = nextLabel;
    start = end;
  }
  return buckets;
}
