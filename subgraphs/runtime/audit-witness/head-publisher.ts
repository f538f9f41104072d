import type { DataSource } from 'typeorm';
import type { SigningKey } from '../../../common/auth/key-store';
import type { Logger } from '../../../common/log';
import { readChainHead } from '../audit/audit-chain';
import { signHead } from './head-token';
import { HEADS_PATH } from './witness-routes';

export const DEFAULT_HEAD_INTERVAL_MS = 60_000;

export interface HeadPublisherOptions {
  dataSource: DataSource;
  subgraphId: string;
  key: SigningKey;
  /** The witness's URL (any URL of its subgraph) now; undefined = none known, nothing is sent. */
  witnessUrl: () => Promise<string | undefined> | string | undefined;
  intervalMs: number;
  logger: Logger;
}

export interface HeadPublisher {
  /** Signs and sends the head now (also at start); resolves true when the witness accepted it. */
  publish(): Promise<boolean>;
  /** Stops the timer and sends the final head: call after the last request, before the database closes. */
  stop(): Promise<void>;
}

/**
 * DESIGN 5: this subgraph's chain head (row count, last hash, time, subgraph id) signed
 * with its own key and sent to a witness outside its hospital every `intervalMs` (at most
 * a minute), at start and at shutdown. A witness that is down misses a head; the next one
 * carries everything it would have (the count only grows), so nothing is queued.
 */
export function startHeadPublisher(options: HeadPublisherOptions): HeadPublisher {
  let inFlight: Promise<boolean> | undefined;
  let warned = false;
  const send = async (): Promise<boolean> => {
    const base = await options.witnessUrl();
    if (!base) {
      if (!warned) options.logger.warn({ code: 'AUDIT_HEAD_NO_WITNESS' }, 'no witness for the audit chain head is configured: truncation and replacement cannot be detected');
      warned = true;
      return false;
    }
    const head = await readChainHead(options.dataSource);
    const token = await signHead(options.key, options.subgraphId, head);
    const response = await fetch(new URL(HEADS_PATH, base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ head: token }),
      signal: AbortSignal.timeout(5_000),
    });
    if (response.status !== 202) throw new Error(`the witness answered ${response.status}`);
    options.logger.debug({ rows: head.rows }, 'audit chain head witnessed');
    return true;
  };
  const publish = (): Promise<boolean> => {
    // one head at a time; a tick during a slow send is skipped
    inFlight ??= send()
      .catch((error: unknown) => {
        options.logger.warn(
          {
            code: 'AUDIT_HEAD_NOT_WITNESSED',
            err: { message: (error as Error).message },
          },
          'audit chain head not witnessed this time',
        );
        return false;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  const timer = setInterval(() => void publish(), options.intervalMs);
  timer.unref();
  void publish();
  return {
    publish,
    async stop() {
      clearInterval(timer);
      await inFlight;
      await publish();
    },
  };
}
