import type { Caller } from './caller';

/**
 * A caller's own token arrives at the gateway on many requests, and checking its
 * signature each time was a large share of the CPU per request. A verified token is
 * remembered until it expires, at most `maxAgeMs`, for at most `maxEntries` tokens
 * (oldest forgotten first). Only the exact token string hits: any other string, however
 * similar, is verified afresh. `clear()` is for a changed key set, so that a removed
 * key's tokens are checked again.
 *
 * What is remembered is only that the signature and the fixed claims checked out: a
 * subgraph still applies its once-only and request-binding checks to a cached gateway
 * token on every presentation (`gateway-token.ts`); the cache then only spares the
 * signature check of a replay it is about to refuse.
 */
export class VerifiedTokenCache<T = Caller> {
  private readonly entries = new Map<string, { caller: T; until: number }>();

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.caller;
  }

  /** `expiresAt`: the token's own `exp`, in ms (jose refuses a token once `exp` ≤ now). */
  set(token: string, caller: T, expiresAt: number | undefined): void {
    const until = Math.min(this.now() + this.maxAgeMs, expiresAt ?? Number.POSITIVE_INFINITY);
    if (until <= this.now()) return;
    if (!this.entries.has(token) && this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { caller, until });
  }

  clear(): void {
    this.entries.clear();
  }
}
