import type { Target, TargetMean } from '../workloads/single-hospital';
import { atLeast, atMost, ratio, targetRows, type TargetFigures, type Verdict } from './verdicts';

const side = (throughput: number, gatewayCpuMs: number): TargetMean => ({ throughput, p50Ms: 5, p99Ms: 10, memberCpuMs: 0.1, gatewayCpuMs });

/** Figures that meet every target: each case below changes one figure and expects only its row to flip. */
function meeting(): TargetFigures {
  const sides = (): Record<Target, TargetMean> => ({
    direct: side(1000, NaN),
    medalliance: side(900, 0.3),
    apolloGateway: side(300, 1),
    hiveGateway: side(450, 1.2),
    hiveGatewayNoDedup: side(450, 1.2),
  });
  return {
    real: sides(),
    canned: sides(),
    cpuPerMemberCall: [
      { n: 30, ms: 0.08 },
      { n: 200, ms: 0.05 },
    ],
    rssAtWidth: [
      { members: 'real', maxMb: 150 },
      { members: 'canned', maxMb: 120 },
    ],
  };
}

describe('target verdicts', () => {
  it('meets every target when every figure is on the right side of its bound (bounds inclusive)', () => {
    expect(targetRows(meeting(), 10).map((r) => r.verdict)).toEqual(Array(9).fill('met'));
  });

  it.each<[string, (f: TargetFigures) => void, number[], Verdict]>([
    ['canned: ours below 3× plain Apollo', (f) => (f.canned!.apolloGateway.throughput = 301), [0], 'not met'],
    ['canned: ours below 2× Hive (defaults)', (f) => (f.canned!.hiveGateway.throughput = 455), [1], 'not met'],
    ['canned: ours below 2× Hive without deduplication', (f) => (f.canned!.hiveGatewayNoDedup.throughput = 460), [2], 'not met'],
    ['canned: our CPU above 0.35× Apollo', (f) => (f.canned!.medalliance.gatewayCpuMs = 0.36), [3], 'not met'],
    ['real: ours below 0.8× direct', (f) => (f.real!.medalliance.throughput = 790), [4], 'not met'],
    ['broadcast 30: CPU per member call above 0.08 ms', (f) => (f.cpuPerMemberCall[0].ms = 0.081), [5], 'not met'],
    ['broadcast 200: CPU per member call above 0.08 ms', (f) => (f.cpuPerMemberCall[1].ms = 0.2), [6], 'not met'],
    ['RSS above 150 MB, real members', (f) => (f.rssAtWidth[0].maxMb = 150.1), [7], 'not met'],
    ['RSS above 150 MB, canned members', (f) => (f.rssAtWidth[1].maxMb = 309), [8], 'not met'],
    ['no canned single-lookup series in the run', (f) => (f.canned = undefined), [0, 1, 2, 3], 'no figure'],
    ['a broadcast point without its figure', (f) => (f.cpuPerMemberCall[1].ms = null), [6], 'no figure'],
  ])('%s', (_name, change, rows, verdict) => {
    const figures = meeting();
    change(figures);
    const expected = Array.from({ length: 9 }, (_, i) => (rows.includes(i) ? verdict : 'met'));
    expect(targetRows(figures, 10).map((r) => r.verdict)).toEqual(expected);
  });

  it('prints the figure it judges', () => {
    const figures = meeting();
    figures.canned!.medalliance.throughput = 899;
    const row = targetRows(figures, 10)[0];
    expect(row).toEqual({ target: expect.stringContaining('3× plain'), measured: '3×', verdict: 'met' });
    figures.canned!.medalliance.throughput = 898;
    expect(targetRows(figures, 10)[0]).toMatchObject({ measured: '2.99×', verdict: 'not met' });
  });
});

describe('bounds', () => {
  it.each<[string, Verdict, Verdict]>([
    ['1.99', 'not met', 'met'],
    ['2', 'met', 'met'],
    ['2.01', 'met', 'not met'],
    ['NaN', 'no figure', 'no figure'],
  ])('%s against 2: at least %s, at most %s', (value, least, most) => {
    expect(atLeast(Number(value), 2)).toBe(least);
    expect(atMost(Number(value), 2)).toBe(most);
  });

  it('has no ratio without a positive divisor', () => {
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(undefined, 2)).toBeNaN();
    expect(ratio(1, 3)).toBe(0.33);
  });
});
