import type { Caller } from './caller';
import { VerifiedTokenCache } from './verified-token-cache';

const caller: Caller = { subject: 'a', role: 'analyst' };

describe('VerifiedTokenCache', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('remembers a token until its own expiry when that comes first', () => {
    const cache = new VerifiedTokenCache(60_000, 10, clock);
    cache.set('t', caller, now + 5_000);
    expect(cache.get('t')).toBe(caller);
    now += 5_000;
    expect(cache.get('t')).toBeUndefined();
  });

  it('forgets a token after the maximum age even when it expires later', () => {
    const cache = new VerifiedTokenCache(60_000, 10, clock);
    cache.set('t', caller, now + 3_600_000);
    now += 59_999;
    expect(cache.get('t')).toBe(caller);
    now += 1;
    expect(cache.get('t')).toBeUndefined();
  });

  it('does not keep an already expired token, and forgets the oldest beyond its size', () => {
    const cache = new VerifiedTokenCache(60_000, 2, clock);
    cache.set('expired', caller, now - 1);
    expect(cache.get('expired')).toBeUndefined();
    cache.set('a', caller, undefined);
    cache.set('b', caller, undefined);
    cache.set('c', caller, undefined);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, caller, caller]);
  });

  it('keeps the others when a cached token is stored again, and forgets all on clear', () => {
    const cache = new VerifiedTokenCache(60_000, 2, clock);
    cache.set('a', caller, undefined);
    cache.set('b', caller, undefined);
    cache.set('b', caller, undefined);
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual([caller, caller, 2]);
    cache.clear();
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual([undefined, undefined, 0]);
  });
});
