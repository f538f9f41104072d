/**
 * Token buckets keyed by caller (DESIGN 5: rate limit per token). Each caller may send
 * `burst` requests at once and `perSecond` sustained. State is in memory, per gateway
 * replica: N replicas behind a balancer allow up to N times the rate, which is the
 * point of a flood guard, not a quota. Idle callers' full buckets are dropped, so the
 * map holds only callers seen within the last refill period.
 */
export interface RateLimitOptions {
  /** 0 = no limit. */
  perSecond: number;
  burst: number;
  /** Milliseconds clock; tests pass their own. */
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const SWEEP_EVERY = 1024;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;
  private takes = 0;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  take(key: string): RateDecision {
    const { perSecond, burst } = this.options;
    if (perSecond <= 0) return { allowed: true };
    const now = this.now();
    if ((this.takes += 1) % SWEEP_EVERY === 0) this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
  }

  private sweep(now: number): void {
    const { perSecond, burst } = this.options;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
