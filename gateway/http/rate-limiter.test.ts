import { RateLimiter } from './rate-limiter';

function clocked(perSecond: number, burst: number) {
  let now = 0;
  const limiter = new RateLimiter({ perSecond, burst, now: () => now });
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('per-caller token buckets', () => {
  it('allows a burst, then the sustained rate, and says when to retry', () => {
    const { limiter, advance } = clocked(2, 3);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    advance(500);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it.each([
    [1, 1, 0, 1],
    [0.5, 1, 0, 2],
    [10, 5, 0, 1],
  ])('at %d/s (burst %d) an empty bucket after %d ms retries after %d s', (perSecond, burst, wait, retry) => {
    const { limiter, advance } = clocked(perSecond, burst);
    for (let i = 0; i < burst; i += 1) limiter.take('a');
    advance(wait);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: retry });
  });

  it('keeps callers apart and is off at 0 per second', () => {
    const { limiter } = clocked(1, 1);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    const off = new RateLimiter({ perSecond: 0, burst: 1 });
    expect(Array.from({ length: 100 }, () => off.take('a').allowed).every(Boolean)).toBe(true);
  });

  it('forgets callers whose bucket has refilled', () => {
    const { limiter, advance } = clocked(1000, 1);
    for (let i = 0; i < 1023; i += 1) limiter.take(`caller-${i}`);
    advance(10);
    limiter.take('last');
    expect(limiter.size).toBe(1);
  });
});
