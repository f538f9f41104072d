import type { Caller } from '../../subgraphs/runtime/auth/caller';

/**
 * Callers send the same token on every request; checking its signature each time was
 * about a tenth of the gateway's CPU per request. A verified token is remembered until
 * it expires, at most `maxAgeMs` (so a rotated-out key stops working within that time),
 * for at most `maxEntries` tokens (oldest forgotten first).
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly maxAgeMs = 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): Caller | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.caller;
  }

  /** `expiresAt`: the token's own `exp`, in ms. */
  set(token: string, caller: Caller, expiresAt: number | undefined): void {
    const until = Math.min(this.now() + this.maxAgeMs, expiresAt ?? Number.POSITIVE_INFINITY);
    if (until <= this.now()) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { caller, until });
  }
}
