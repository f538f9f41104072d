import { ConcurrencyLimiter } from './concurrency-limiter';

describe('ConcurrencyLimiter', () => {
  it('holds at most max requests per caller, frees a slot once per release, and keeps callers apart', () => {
    const limiter = new ConcurrencyLimiter(2);
    const first = limiter.tryAcquire('a')!;
    const second = limiter.tryAcquire('a')!;
    expect(limiter.tryAcquire('a')).toBeUndefined();
    expect(limiter.tryAcquire('b')).toBeDefined();
    first();
    first();
    expect(limiter.count('a')).toBe(1);
    expect(limiter.tryAcquire('a')).toBeDefined();
    expect(limiter.tryAcquire('a')).toBeUndefined();
    second();
    expect(limiter.count('a')).toBe(1);
  });

  it('has no cap at 0', () => {
    const limiter = new ConcurrencyLimiter(0);
    for (let i = 0; i < 100; i += 1) expect(limiter.tryAcquire('a')).toBeDefined();
  });
});
