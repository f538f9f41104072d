import { ReplayCache } from './replay-cache';

describe('ReplayCache', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('accepts an id once while it is live, and forgets it after', () => {
    const cache = new ReplayCache(10, clock);
    expect(cache.claim('a', now + 30_000)).toBe('accepted');
    expect(cache.claim('a', now + 30_000)).toBe('replayed');
    now += 30_000;
    expect(cache.claim('b', now + 30_000)).toBe('accepted');
    expect(cache.size).toBe(1);
  });

  it('stays within its bound: expired ids make room, live ones never do', () => {
    const cache = new ReplayCache(2, clock);
    cache.claim('x', now + 10_000);
    cache.claim('y', now + 20_000);
    expect(cache.claim('z', now + 30_000)).toBe('full');
    expect(cache.claim('x', now + 10_000)).toBe('replayed');
    now += 10_000;
    expect(cache.claim('z', now + 30_000)).toBe('accepted');
    expect(cache.size).toBe(2);
  });

  it('sweeps expired ids that sit behind a longer-lived one when full', () => {
    const cache = new ReplayCache(2, clock);
    cache.claim('long', now + 60_000);
    cache.claim('short', now + 1_000);
    now += 1_000;
    expect(cache.claim('new', now + 30_000)).toBe('accepted');
    expect(cache.claim('long', now + 60_000)).toBe('replayed');
  });
});
