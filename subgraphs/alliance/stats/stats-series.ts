import { computeAllianceStats, type StatsRows, type StatsWindow } from './compute-alliance-stats';
import { timeBuckets, type BucketSize } from './time-buckets';

export interface StatsPoint {
  label: string;
  start: Date;
  end: Date;
  referralsUpward: number;
  referralsDownward: number;
  referralsLateral: number;
  greenChannelReferrals: number;
  medianResponseMinutes: number | null;
  respondedReferrals: number;
  resultsReused: number;
  retests: number;
  estimatedSavingsYuan: number;
}

/**
 * The window's figures per calendar bucket, by the same rules as the totals (each bucket
 * is a window of its own), so a chart's bars add up to the headline numbers.
 * Null when the window holds too many buckets.
 */
export function statsSeries(rows: StatsRows, window: StatsWindow, size: BucketSize): StatsPoint[] | null {
  const buckets = timeBuckets(window.from, window.to, size, window.timeZone);
  if (!buckets) return null;
  return buckets.map((bucket) => {
    const figures = computeAllianceStats(rows, { ...window, from: bucket.start, to: bucket.end }, []);
    return {
      label: bucket.label,
      start: bucket.start,
      end: bucket.end,
      referralsUpward: figures.referralsUpward,
      referralsDownward: figures.referralsDownward,
      referralsLateral: figures.referralsLateral,
      greenChannelReferrals: figures.greenChannelReferrals,
      medianResponseMinutes: figures.medianResponseMinutes,
      respondedReferrals: figures.respondedReferrals,
      resultsReused: figures.resultsReused,
      retests: figures.retests,
      estimatedSavingsYuan: figures.estimatedSavingsYuan,
    };
  });
}
