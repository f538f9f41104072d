import { generateSlots, slotStartingAt, type SlotSchedule } from './slot-schedule';

// 2026-03-02 is a Monday; local time is UTC+8, so 08:00 local = 00:00Z.
const ctWeekdays: SlotSchedule = { slotMinutes: 30, dayStartMinute: 8 * 60, dayEndMinute: 10 * 60, weekdays: '12345' };
const wardBed: SlotSchedule = { slotMinutes: 24 * 60, dayStartMinute: 12 * 60, dayEndMinute: 36 * 60, weekdays: '1234567' };

describe('generateSlots', () => {
  it('lists the day’s slots in local time', () => {
    const slots = generateSlots(ctWeekdays, new Date('2026-03-02T00:00:00Z'), new Date('2026-03-03T00:00:00Z'));
    expect(slots.map((s) => s.start.toISOString())).toEqual(['2026-03-02T00:00:00.000Z', '2026-03-02T00:30:00.000Z', '2026-03-02T01:00:00.000Z', '2026-03-02T01:30:00.000Z']);
    expect(slots[3].end.toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });

  it('skips slots that started before `from` and closed weekdays', () => {
    // Friday 09:15 local to Monday 08:31 local
    const slots = generateSlots(ctWeekdays, new Date('2026-03-06T01:15:00Z'), new Date('2026-03-09T00:31:00Z'));
    expect(slots.map((s) => s.start.toISOString())).toEqual(['2026-03-06T01:30:00.000Z', '2026-03-09T00:00:00.000Z', '2026-03-09T00:30:00.000Z']);
  });

  it('handles a local day that starts on the previous UTC day', () => {
    // 2026-03-03 02:00 local = 2026-03-02T18:00Z
    const slots = generateSlots(wardBed, new Date('2026-03-02T18:00:00Z'), new Date('2026-03-04T18:00:00Z'));
    expect(slots.map((s) => s.start.toISOString())).toEqual(['2026-03-03T04:00:00.000Z', '2026-03-04T04:00:00.000Z']);
    expect(slots[0].end.toISOString()).toBe('2026-03-04T04:00:00.000Z');
  });

  it('stops at the limit', () => {
    expect(generateSlots(ctWeekdays, new Date('2026-03-02T00:00:00Z'), new Date('2026-03-30T00:00:00Z'), 5)).toHaveLength(5);
  });
});

describe('slotStartingAt', () => {
  it.each([
    ['first slot of a weekday', '2026-03-02T00:00:00Z', true],
    ['a later slot', '2026-03-02T01:30:00Z', true],
    ['off the grid', '2026-03-02T00:10:00Z', false],
    ['a second off the grid', '2026-03-02T00:30:01Z', false],
    ['ends after the day closes', '2026-03-02T02:00:00Z', false],
    ['before opening', '2026-03-01T23:30:00Z', false],
    ['on a Saturday', '2026-03-07T00:00:00Z', false],
  ])('%s', (_label, iso, exists) => {
    const slot = slotStartingAt(ctWeekdays, new Date(iso));
    expect(slot !== null).toBe(exists);
  });

  it('accepts an overnight bed slot', () => {
    expect(slotStartingAt(wardBed, new Date('2026-03-03T04:00:00Z'))?.end.toISOString()).toBe('2026-03-04T04:00:00.000Z');
  });
});
