import { computeAllianceStats, daysCovered, median, type StatsRows, type StatsWindow } from './compute-alliance-stats';

const window: StatsWindow = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z'), timeZone: 'UTC' };
const at = (iso: string) => new Date(iso);

const rows: StatsRows = {
  referrals: [
    {
      fromHospitalId: 'hill',
      toHospitalId: 'lead',
      direction: 'UPWARD',
      urgency: 'GREEN_CHANNEL',
      requestedAt: at('2026-01-01T00:00:00Z'),
      respondedAt: at('2026-01-01T00:10:00Z'),
    },
    { fromHospitalId: 'hill', toHospitalId: 'lead', direction: 'UPWARD', urgency: 'ROUTINE', requestedAt: at('2026-01-10T00:00:00Z'), respondedAt: at('2026-01-10T01:00:00Z') },
    { fromHospitalId: 'lead', toHospitalId: 'hill', direction: 'DOWNWARD', urgency: 'URGENT', requestedAt: at('2026-01-20T00:00:00Z'), respondedAt: at('2026-01-20T00:30:00Z') },
    { fromHospitalId: 'hill', toHospitalId: 'lake', direction: 'LATERAL', urgency: 'ROUTINE', requestedAt: at('2026-01-31T23:59:59.999Z'), respondedAt: null },
    // at `to`: outside the half-open window
    {
      fromHospitalId: 'hill',
      toHospitalId: 'lead',
      direction: 'UPWARD',
      urgency: 'GREEN_CHANNEL',
      requestedAt: at('2026-02-01T00:00:00Z'),
      respondedAt: at('2026-02-01T00:01:00Z'),
    },
    { fromHospitalId: 'hill', toHospitalId: 'lead', direction: 'UPWARD', urgency: 'ROUTINE', requestedAt: at('2025-12-31T23:59:59Z'), respondedAt: null },
  ],
  dispatches: [
    // straddles the window start: only Jan 1 counts
    { expertHospitalId: 'lead', expertId: 'e1', toHospitalId: 'hill', start: at('2025-12-31T08:00:00Z'), end: at('2026-01-01T17:00:00Z'), status: 'COMPLETED' },
    { expertHospitalId: 'lead', expertId: 'e1', toHospitalId: 'lake', start: at('2026-01-05T08:00:00Z'), end: at('2026-01-06T17:00:00Z'), status: 'COMPLETED' },
    { expertHospitalId: 'lead', expertId: 'e2', toHospitalId: 'hill', start: at('2026-01-05T08:00:00Z'), end: at('2026-01-05T17:00:00Z'), status: 'ACTIVE' },
    { expertHospitalId: 'lead', expertId: 'e3', toHospitalId: 'hill', start: at('2026-01-05T08:00:00Z'), end: at('2026-01-05T17:00:00Z'), status: 'CANCELLED' },
    { expertHospitalId: 'lead', expertId: 'e4', toHospitalId: 'hill', start: at('2026-02-01T00:00:00Z'), end: at('2026-02-02T00:00:00Z'), status: 'PLANNED' },
  ],
  trainings: [
    { traineeHospitalId: 'hill', traineeId: 't1', hostHospitalId: 'lead', status: 'COMPLETED', completedAt: at('2026-01-15T00:00:00Z') },
    { traineeHospitalId: 'hill', traineeId: 't1', hostHospitalId: 'lead', status: 'COMPLETED', completedAt: at('2026-01-16T00:00:00Z') },
    { traineeHospitalId: 'lake', traineeId: 't2', hostHospitalId: 'lead', status: 'FAILED', completedAt: at('2026-01-15T00:00:00Z') },
    { traineeHospitalId: 'lake', traineeId: 't3', hostHospitalId: 'lead', status: 'COMPLETED', completedAt: at('2026-03-15T00:00:00Z') },
  ],
  decisions: [
    { atHospitalId: 'lead', decision: 'ACCEPTED', decidedAt: at('2026-01-02T00:00:00Z'), savedYuan: 45 },
    { atHospitalId: 'lead', decision: 'ACCEPTED', decidedAt: at('2026-01-03T00:00:00Z'), savedYuan: 12.5 },
    { atHospitalId: 'hill', decision: 'RETESTED', decidedAt: at('2026-01-03T00:00:00Z'), savedYuan: 0 },
    { atHospitalId: 'hill', decision: 'ACCEPTED', decidedAt: at('2026-03-03T00:00:00Z'), savedYuan: 8 },
  ],
};

describe('computeAllianceStats', () => {
  const stats = computeAllianceStats(rows, window, ['lead', 'hill', 'lake']);

  it.each<[string, unknown]>([
    ['referralsUpward', 2],
    ['referralsDownward', 1],
    ['referralsLateral', 1],
    ['greenChannelReferrals', 1],
    ['medianResponseMinutes', 30],
    ['expertsDispatched', 2],
    ['dispatchDays', 4],
    ['staffTrained', 1],
    ['resultsReused', 2],
    ['retests', 1],
    ['estimatedSavingsYuan', 57.5],
  ])('%s = %p', (field, expected) => expect((stats as unknown as Record<string, unknown>)[field]).toEqual(expected));

  it('splits by hospital', () => {
    expect(stats.byHospital).toEqual([
      { hospitalId: 'lead', referralsSent: 1, referralsReceived: 2, expertsReceived: 0, staffTrained: 0, resultsReused: 2 },
      { hospitalId: 'hill', referralsSent: 3, referralsReceived: 1, expertsReceived: 2, staffTrained: 1, resultsReused: 0 },
      { hospitalId: 'lake', referralsSent: 0, referralsReceived: 1, expertsReceived: 1, staffTrained: 0, resultsReused: 0 },
    ]);
  });

  it('has no median without responses', () => {
    expect(computeAllianceStats({ referrals: [], dispatches: [], trainings: [], decisions: [] }, window, []).medianResponseMinutes).toBeNull();
  });
});

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 2, 3], 2.5],
  ])('%j → %p', (values, expected) => expect(median(values)).toBe(expected));
});

describe('daysCovered', () => {
  it('uses the alliance time zone', () => {
    // 2026-01-05 20:00Z–22:00Z is 04:00–06:00 on Jan 6 in Shanghai.
    expect(daysCovered(at('2026-01-05T20:00:00Z'), at('2026-01-05T22:00:00Z'), { ...window, timeZone: 'Asia/Shanghai' })).toEqual(['2026-01-06']);
  });
  it('an end exactly at midnight does not add a day', () => {
    expect(daysCovered(at('2026-01-05T08:00:00Z'), at('2026-01-06T00:00:00Z'), window)).toEqual(['2026-01-05']);
  });
  it('is empty outside the window', () => {
    expect(daysCovered(at('2026-03-05T08:00:00Z'), at('2026-03-06T00:00:00Z'), window)).toEqual([]);
  });
});
