/**
 * At most `max` requests of one caller in flight at once (DESIGN 5: a per-caller
 * concurrency cap): a caller who opens many slow fan-outs in parallel holds member sockets
 * and gateway memory that a per-second rate alone does not bound. `max` 0 = no cap.
 */
export class ConcurrencyLimiter {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** A release function, or undefined when the caller is at the cap. Release is idempotent. */
  tryAcquire(key: string): (() => void) | undefined {
    if (this.max <= 0) return () => undefined;
    const current = this.inFlight.get(key) ?? 0;
    if (current >= this.max) return undefined;
    this.inFlight.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left <= 0) this.inFlight.delete(key);
      else this.inFlight.set(key, left);
    };
  }

  /** Requests in flight for one caller (tests, metrics). */
  count(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }
}
