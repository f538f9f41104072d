import type { IncomingMessage, ServerResponse } from 'node:http';

/** How long a stopping process lets in-flight requests finish before it cuts them off. */
export const DRAIN_GRACE_MS = 10_000;

/**
 * Apollo's drain plugin waits this long for requests still in flight after `begin` has
 * resolved: only requests that outlived the whole grace period are left by then.
 */
export const DRAIN_CUTOFF_MS = 1000;

/** Answered while draining: liveness, readiness (503 "draining") and metrics. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

export interface Drain {
  /** True from the stop signal on: /readyz answers 503 and new work is refused. */
  readonly draining: boolean;
  /** First middleware of the server: counts requests in flight; while draining refuses new ones but probes. A plain function, handed over as it is. */
  readonly track: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  /**
   * Readiness goes false now, while the listener still accepts connections (a load
   * balancer sees 503, not a refused connection); resolves once no request is in flight,
   * or after `graceMs`. The caller then stops the listener and closes its resources.
   */
  begin(graceMs?: number): Promise<void>;
}

/**
 * The first step of a clean stop (the shape of @godaddy/terminus): readiness false, then
 * finish what was accepted. `refuse` answers a request that arrived after the signal
 * (503 with the server's own error body); the response closes its connection so that a
 * keep-alive client does not send more.
 */
export function createDrain(refuse: (res: ServerResponse) => void): Drain {
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  return {
    get draining() {
      return draining;
    },
    track(req, res, next) {
      const pathname = (req.url ?? '/').split('?')[0];
      if (draining && !PROBES.has(pathname)) {
        res.setHeader('connection', 'close');
        res.setHeader('retry-after', '1');
        refuse(res);
        return;
      }
      inFlight += 1;
      res.once('close', () => {
        inFlight -= 1;
        if (inFlight === 0) idle?.();
      });
      next();
    },
    begin(graceMs = DRAIN_GRACE_MS) {
      draining = true;
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        timer.unref();
        idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
}
