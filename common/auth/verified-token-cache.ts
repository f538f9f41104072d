import type { Caller } from '../../subgraphs/runtime/auth/caller';

/**
 * The same token arrives on many requests (a caller's own token at the gateway, the
 * gateway's per-member token at a subgraph), and checking its signature each time was
 * a large share of the CPU per request. A verified token is remembered until it expires,
 * at most `maxAgeMs`, for at most `maxEntries` tokens (oldest forgotten first). Only the
 * exact token string hits: any other string, however similar, is verified afresh.
 * `clear()` is for a changed key set, so that a removed key's tokens are checked again.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(token: string): Caller | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.caller;
  }

  /** `expiresAt`: the token's own `exp`, in ms (jose refuses a token once `exp` ≤ now). */
  set(token: string, caller: Caller, expiresAt: number | undefined): void {
    const until = Math.min(this.now() + this.maxAgeMs, expiresAt ?? Number.POSITIVE_INFINITY);
    if (until <= this.now()) return;
    if (!this.entries.has(token) && this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { caller, until });
  }

  clear(): void {
    this.entries.clear();
  }
}
