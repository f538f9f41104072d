import type { Logger } from '../common/log';
import { DRAIN_GRACE_MS } from '../common/http/drain';
import { flushTracing } from '../common/tracing';

/** A stop that takes longer than the drain plus this margin is cut short (exit 1). */
const CLOSE_MARGIN_MS = 10_000;

export interface SignalOwner {
  /** What SIGINT/SIGTERM closes; a signal that came during start-up closes it at once. */
  closeWith(close: () => Promise<void>): void;
}

/**
 * The one owner of SIGINT and SIGTERM in a process (Apollo Server's own handlers are off:
 * `stopOnTerminationSignals: false`). Installed before start-up, so that a signal during
 * start-up is not the default "die at once". The first signal closes the service
 * (readiness 503, drain, close the database) and exits 0, or 1 when closing failed or hung;
 * later signals are ignored: Ctrl-C of `medalliance start` reaches a child both from the
 * terminal and from its parent.
 */
export function ownSignals(what: string, logger: Logger): SignalOwner {
  let close: (() => Promise<void>) | undefined;
  let signalled = false;
  let closing = false;

  const run = () => {
    if (closing || !close) return;
    closing = true;
    close().then(
      () => flushTracing().then(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: { message: (error as Error)?.message } }, `${what} did not close cleanly`);
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, `${what} stopping`);
    // also bounds a start-up that never finishes
    const deadline = setTimeout(() => {
      logger.error(`${what} did not close within ${DRAIN_GRACE_MS + CLOSE_MARGIN_MS} ms`);
      process.exit(1);
    }, DRAIN_GRACE_MS + CLOSE_MARGIN_MS);
    deadline.unref();
    run();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    closeWith(fn) {
      close = fn;
      if (signalled) run();
    },
  };
}

/** `ownSignals` for a service that is already running. */
export function closeOnSignal(what: string, logger: Logger, close: () => Promise<void>): void {
  ownSignals(what, logger).closeWith(close);
}
