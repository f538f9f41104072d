import { computeAllianceStats, type StatsRows } from './compute-alliance-stats';
import { retestsByReason } from './retests-by-reason';
import { statsSeries } from './stats-series';

const at = (iso: string) => new Date(iso);
const window = { from: at('2026-01-01T00:00:00Z'), to: at('2026-03-01T00:00:00Z'), timeZone: 'UTC' };

const rows: StatsRows = {
  referrals: [
    {
      fromHospitalId: 'hill',
      toHospitalId: 'lead',
      direction: 'UPWARD',
      urgency: 'GREEN_CHANNEL',
      requestedAt: at('2026-01-05T00:00:00Z'),
      respondedAt: at('2026-01-05T00:20:00Z'),
    },
    { fromHospitalId: 'hill', toHospitalId: 'lead', direction: 'UPWARD', urgency: 'ROUTINE', requestedAt: at('2026-02-05T00:00:00Z'), respondedAt: null },
    { fromHospitalId: 'lead', toHospitalId: 'hill', direction: 'DOWNWARD', urgency: 'ROUTINE', requestedAt: at('2026-02-28T23:59:59Z'), respondedAt: at('2026-03-01T01:00:00Z') },
  ],
  dispatches: [],
  trainings: [],
  decisions: [
    { atHospitalId: 'lead', decision: 'ACCEPTED', decidedAt: at('2026-01-10T00:00:00Z'), savedYuan: 12, retestReason: null },
    { atHospitalId: 'lead', decision: 'RETESTED', decidedAt: at('2026-02-10T00:00:00Z'), savedYuan: 0, retestReason: 'EMERGENCY' },
    { atHospitalId: 'lead', decision: 'RETESTED', decidedAt: at('2026-02-11T00:00:00Z'), savedYuan: 0, retestReason: 'EMERGENCY' },
    { atHospitalId: 'lead', decision: 'RETESTED', decidedAt: at('2026-02-12T00:00:00Z'), savedYuan: 0, retestReason: null },
  ],
};

describe('statsSeries', () => {
  const months = statsSeries(rows, window, 'MONTH')!;

  it('splits the window by month', () => {
    expect(months.map((p) => [p.label, p.referralsUpward, p.referralsDownward, p.greenChannelReferrals, p.resultsReused, p.retests, p.estimatedSavingsYuan])).toEqual([
      ['2026-01-01', 1, 0, 1, 1, 0, 12],
      ['2026-02-01', 1, 1, 0, 0, 3, 0],
    ]);
    expect(months[0].medianResponseMinutes).toBe(20);
  });

  it('adds up to the totals', () => {
    const totals = computeAllianceStats(rows, window, []);
    for (const field of ['referralsUpward', 'referralsDownward', 'referralsLateral', 'greenChannelReferrals', 'resultsReused', 'retests', 'estimatedSavingsYuan'] as const) {
      expect(months.reduce((sum, p) => sum + p[field], 0)).toBe(totals[field]);
    }
  });
});

describe('retestsByReason', () => {
  it('lists every reason, a missing reason as OTHER, ACCEPTED not at all', () => {
    expect(retestsByReason(rows.decisions)).toEqual([
      { reason: 'CONDITION_CHANGED', count: 0 },
      { reason: 'RAPIDLY_CHANGING_VALUE', count: 0 },
      { reason: 'DECISIVE_FOR_MAJOR_PROCEDURE', count: 0 },
      { reason: 'EMERGENCY', count: 2 },
      { reason: 'FORENSIC_OR_DISABILITY', count: 0 },
      { reason: 'OTHER', count: 1 },
    ]);
  });

  it('is part of the totals, within the window only', () => {
    const january = computeAllianceStats(rows, { ...window, to: at('2026-02-01T00:00:00Z') }, []);
    expect(january.retestsByReason.every((r) => r.count === 0)).toBe(true);
  });
});
