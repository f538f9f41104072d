import type { Logger } from '../common/log';
import { flushTracing } from '../common/tracing';

/**
 * SIGINT/SIGTERM close the service once (drain, then close the database) and exit 0;
 * a failure to close cleanly exits 1.
 */
export function closeOnSignal(what: string, logger: Logger, close: () => Promise<void>): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, `${what} stopping`);
    close().then(
      () => flushTracing().then(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: { message: (error as Error)?.message } }, `${what} did not close cleanly`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
