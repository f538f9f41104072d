import { isLocalMidnight, localDate, startOfLocalDay } from './local-day';

/** What the calendar date is by definition: the zone's own formatter. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const byFormatter = (instant: Date, timeZone: string) => {
  if (!formatters.has(timeZone)) formatters.set(timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
  return formatters.get(timeZone)!.format(instant);
};

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Pacific/Apia'];

describe('localDate', () => {
  it.each([
    ['23:30 UTC is the next day in Shanghai', '2026-01-31T23:30:00Z', 'Asia/Shanghai', '2026-02-01'],
    ['15:59:59 UTC is still the same day in Shanghai', '2026-01-31T15:59:59.999Z', 'Asia/Shanghai', '2026-01-31'],
    ['16:00 UTC is midnight in Shanghai', '2026-01-31T16:00:00Z', 'Asia/Shanghai', '2026-02-01'],
    ['the hour New York springs forward', '2026-03-08T07:30:00Z', 'America/New_York', '2026-03-08'],
    ['Lord Howe moves by half an hour', '2026-04-04T15:15:00Z', 'Australia/Lord_Howe', '2026-04-05'],
    ['Samoa skipped 30 December 2011', '2011-12-30T10:00:00Z', 'Pacific/Apia', '2011-12-31'],
    ['before 1970 the formatter answers', '1969-12-31T20:00:00Z', 'Asia/Shanghai', '1970-01-01'],
  ])('%s', (_label, iso, zone, date) => {
    expect(localDate(new Date(iso), zone)).toBe(date);
  });

  it('agrees with the formatter on every quarter hour around DST changes and at random instants', () => {
    const instants: number[] = [];
    for (const start of [Date.UTC(2026, 2, 7), Date.UTC(2026, 2, 28), Date.UTC(2026, 3, 4), Date.UTC(2026, 9, 24), Date.UTC(2026, 10, 1), Date.UTC(2011, 11, 28)]) {
      for (let t = start; t < start + 4 * 86_400_000; t += 15 * 60_000) instants.push(t - 1, t, t + 1);
    }
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) instants.push(Math.floor(Date.UTC(1970, 0, 1) + random() * (Date.UTC(2100, 0, 1) - Date.UTC(1970, 0, 1))));
    const differing = ZONES.flatMap((zone) =>
      instants.filter((t) => localDate(new Date(t), zone) !== byFormatter(new Date(t), zone)).map((t) => `${zone} ${new Date(t).toISOString()}`),
    );
    expect(differing).toEqual([]);
  });

  /** Every quarter hour (and the millisecond before it) from `from` to `to` where localDate and the formatter disagree. */
  const disagreements = (zone: string, from: number, to: number): string[] => {
    const found: string[] = [];
    for (let t = from; t < to; t += 15 * 60_000) {
      for (const at of [t - 1, t]) if (localDate(new Date(at), zone) !== byFormatter(new Date(at), zone)) found.push(`${zone} ${new Date(at).toISOString()}`);
    }
    return found;
  };

  it('agrees with the formatter in zones whose clocks change at midnight', () => {
    const differing = [
      ...['America/Santiago', 'Asia/Beirut', 'America/Havana', 'America/Asuncion'].flatMap((zone) => disagreements(zone, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))),
      // Tehran's clocks went back at its midnight in 2021, which was half past a UTC hour
      ...disagreements('Asia/Tehran', Date.UTC(2021, 8, 20), Date.UTC(2021, 8, 23)),
      ...disagreements('Pacific/Apia', Date.UTC(2011, 11, 29), Date.UTC(2011, 11, 31)),
    ];
    expect(differing).toEqual([]);
  });

  it('refuses an invalid date as the formatter does', () => {
    expect(() => localDate(new Date(Number.NaN), 'Asia/Shanghai')).toThrow(RangeError);
  });

  it('finds midnights through the same dates', () => {
    const midnight = startOfLocalDay('2026-03-08', 'America/New_York');
    expect(midnight.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(isLocalMidnight(midnight, 'America/New_York')).toBe(true);
    expect(isLocalMidnight(new Date(midnight.getTime() + 1), 'America/New_York')).toBe(false);
  });
});
