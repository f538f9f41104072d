import { isSmallCell, seesDeidentifiedOnly, wholeDayWindow } from './aggregate-privacy';

const privacy = { minCell: 10, timeZone: 'Asia/Shanghai' };
const at = (iso: string) => new Date(iso);
const NOW = at('2026-03-10T05:30:00Z'); // 13:30 in Shanghai, 10 March

describe('de-identified aggregates (DESIGN 5)', () => {
  it.each<[number, boolean]>([
    [0, false],
    [1, true],
    [9, true],
    [10, false],
    [250, false],
  ])('a group of %i is small: %s', (count, small) => expect(isSmallCell(count, privacy)).toBe(small));

  it.each<[string, string | null, string | null, string | null, string]>([
    ['whole days stay as they are', '2026-02-28T16:00:00Z', '2026-03-01T16:00:00Z', '2026-02-28T16:00:00.000Z', '2026-03-01T16:00:00.000Z'],
    ['a minute-wide window becomes an empty one', '2026-03-01T08:30:00Z', '2026-03-01T08:31:00Z', '2026-02-28T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
    ['browser midnights in UTC snap to Shanghai midnights', '2026-03-01T00:00:00Z', '2026-03-05T00:00:00Z', '2026-02-28T16:00:00.000Z', '2026-03-04T16:00:00.000Z'],
    ['an open end stops at the start of today', '2026-03-01T00:00:00Z', null, '2026-02-28T16:00:00.000Z', '2026-03-09T16:00:00.000Z'],
    ['an end after today stops at the start of today', null, '2026-04-01T00:00:00Z', null, '2026-03-09T16:00:00.000Z'],
    ['23:59 on the last day of a window counts with that day only', '2026-03-01T15:59:00Z', '2026-03-02T15:59:00Z', '2026-02-28T16:00:00.000Z', '2026-03-01T16:00:00.000Z'],
  ])('%s', (_name, from, to, expectedFrom, expectedTo) => {
    const window = wholeDayWindow(from ? at(from) : null, to ? at(to) : null, privacy, NOW);
    expect({ from: window.from?.toISOString() ?? null, to: window.to.toISOString() }).toEqual({ from: expectedFrom, to: expectedTo });
  });

  it.each<[string, boolean]>([
    ['analyst', true],
    ['dashboard', true],
    ['clinician', false],
    ['admin', false],
    ['service', false],
  ])('%s sees de-identified figures only: %s', (role, expected) => expect(seesDeidentifiedOnly({ subject: 's', role: role as 'analyst' })).toBe(expected));
});
