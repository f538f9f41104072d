import { bucketStartDate, MAX_BUCKETS, startOfLocalDay, timeBuckets } from './time-buckets';

const at = (iso: string) => new Date(iso);

describe('startOfLocalDay', () => {
  it.each([
    ['2026-03-01', 'Asia/Shanghai', '2026-02-28T16:00:00.000Z'],
    ['2026-03-01', 'UTC', '2026-03-01T00:00:00.000Z'],
    // Berlin switches to summer time on 2026-03-29 at 02:00: midnight is still +01:00
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
  ])('%s in %s → %s', (date, zone, expected) => expect(startOfLocalDay(date, zone).toISOString()).toBe(expected));
});

describe('bucketStartDate', () => {
  it.each([
    ['2026-03-18', 'DAY', '2026-03-18'],
    ['2026-03-18', 'WEEK', '2026-03-16'], // a Wednesday → its Monday
    ['2026-03-16', 'WEEK', '2026-03-16'],
    ['2026-03-22', 'WEEK', '2026-03-16'], // Sunday ends the week
    ['2026-03-01', 'WEEK', '2026-02-23'],
    ['2026-03-18', 'MONTH', '2026-03-01'],
  ] as const)('%s by %s → %s', (date, size, expected) => expect(bucketStartDate(date, size)).toBe(expected));
});

describe('timeBuckets', () => {
  it('clips the first and last month to the window, in the alliance time zone', () => {
    const buckets = timeBuckets(at('2026-01-15T00:00:00Z'), at('2026-03-10T00:00:00Z'), 'MONTH', 'Asia/Shanghai')!;
    expect(buckets.map((b) => [b.label, b.start.toISOString(), b.end.toISOString()])).toEqual([
      ['2026-01-01', '2026-01-15T00:00:00.000Z', '2026-01-31T16:00:00.000Z'],
      ['2026-02-01', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
      ['2026-03-01', '2026-02-28T16:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ]);
  });

  it('a window just after local midnight starts in that local day', () => {
    // 16:30Z on Jan 31 is 00:30 on Feb 1 in Shanghai
    const [first] = timeBuckets(at('2026-01-31T16:30:00Z'), at('2026-02-02T00:00:00Z'), 'DAY', 'Asia/Shanghai')!;
    expect(first.label).toBe('2026-02-01');
  });

  it('covers the window without gaps', () => {
    const from = at('2025-11-26T23:05:00Z');
    const to = at('2026-11-26T23:05:00Z');
    const buckets = timeBuckets(from, to, 'WEEK', 'Asia/Shanghai')!;
    expect(buckets[0].start).toEqual(from);
    expect(buckets[buckets.length - 1].end).toEqual(to);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i].start).toEqual(buckets[i - 1].end);
  });

  it('refuses more than MAX_BUCKETS', () => {
    expect(timeBuckets(at('2020-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z'), 'DAY', 'UTC')).toBeNull();
    expect(timeBuckets(at('2025-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z'), 'DAY', 'UTC')).toHaveLength(365);
    expect(MAX_BUCKETS).toBeGreaterThanOrEqual(366);
  });
});
