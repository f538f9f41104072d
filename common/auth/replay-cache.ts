/**
 * The `jti` values a subgraph has accepted (DESIGN 5: a gateway token is accepted once).
 * An id is remembered until its token could no longer pass the expiry check anyway (its
 * `exp` plus the allowed clock skew), so the memory is bounded by the calls of the last
 * 30 s and a hard cap. When the cap is reached with every id still live, the cache
 * refuses new tokens rather than forget a live one: forgetting would let its replay in.
 */
export class ReplayCache {
  /** jti → ms until which it must be remembered; insertion order ≈ expiry order. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.seen.size;
  }

  /** 'accepted' the first time an id is offered while live, 'replayed' after, 'full' when nothing can be forgotten. */
  claim(jti: string, rememberUntil: number): 'accepted' | 'replayed' | 'full' {
    const at = this.now();
    this.forgetExpired(at, false);
    const until = this.seen.get(jti);
    if (until !== undefined && until > at) return 'replayed';
    if (this.seen.size >= this.maxEntries) {
      this.forgetExpired(at, true);
      if (this.seen.size >= this.maxEntries) return 'full';
    }
    this.seen.delete(jti);
    this.seen.set(jti, rememberUntil);
    return 'accepted';
  }

  /** From the oldest on until a live one; `everywhere` sweeps the whole map (tokens of unequal lives). */
  private forgetExpired(at: number, everywhere: boolean): void {
    for (const [jti, until] of this.seen) {
      if (until <= at) this.seen.delete(jti);
      else if (!everywhere) return;
    }
  }
}
