import type { DataSource } from 'typeorm';
import type { Logger } from '../../../common/log';
import { isUnreachableDatabaseError } from './unreachable-database-error';

export interface WatchDatabaseOptions {
  logger: Logger;
  /** Runs once after the first successful connect (migrations already ran), e.g. seeding an empty database. */
  prepare?: (dataSource: DataSource) => Promise<void>;
  /** Backoff between connect attempts while the server is unreachable, in ms. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** A readiness ping slower than this counts as a failure, in ms. */
  pingTimeoutMs?: number;
}

export type DatabaseState = 'connecting' | 'ready' | 'unreachable' | 'closed';

/**
 * The subgraph's database as /readyz sees it. MySQL may be down when the process starts
 * (containers start in any order) or drop later: the process keeps serving /healthz, says
 * not-ready, and recovers without a restart. mysql2's pool opens a fresh connection per
 * query once the server is back, so after the first connect only the ping is needed.
 */
export interface DatabaseHealth {
  readonly dataSource: DataSource;
  /** Settles after the first connect attempt: resolves whether or not the server answered, rejects on a fault retrying cannot fix. */
  readonly firstAttempt: Promise<void>;
  /** Resolves once the database is connected and prepared. */
  readonly connected: Promise<void>;
  state(): DatabaseState;
  /** True when connected and a `SELECT 1` answers within the ping timeout. */
  check(): Promise<boolean>;
  /** Stops retrying and closes the pool (after the HTTP drain). */
  close(): Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Forgets a pool whose first connection failed, so that the next initialize() starts clean. */
async function discardFailedPool(dataSource: DataSource): Promise<void> {
  try {
    await dataSource.driver.disconnect();
  } catch {
    /* no pool was created */
  }
}

/** Starts connecting `dataSource` now and keeps retrying while the server is unreachable. */
export function watchDatabase(dataSource: DataSource, options: WatchDatabaseOptions): DatabaseHealth {
  const retryMinMs = options.retryMinMs ?? 250;
  const retryMaxMs = options.retryMaxMs ?? 5000;
  const pingTimeoutMs = options.pingTimeoutMs ?? 2000;
  let state: DatabaseState = 'connecting';
  // Read through a function: the state changes across awaits, which narrowing cannot see.
  const closed = () => state === 'closed';
  let prepared = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let wakeRetry: (() => void) | undefined;
  let settleFirst: { resolve(): void; reject(error: unknown): void } | undefined;
  let markConnected: () => void = () => undefined;

  const firstAttempt = new Promise<void>((resolve, reject) => {
    settleFirst = { resolve, reject };
  });
  const connected = new Promise<void>((resolve) => {
    markConnected = resolve;
  });
  // Nobody may be listening for a fatal start: the rejection is still reported through firstAttempt.
  connected.catch(() => undefined);

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeRetry = resolve;
      retryTimer = setTimeout(resolve, ms);
    });

  async function connectLoop(): Promise<void> {
    let delay = retryMinMs;
    for (let attempt = 1; !closed(); attempt += 1) {
      try {
        if (!dataSource.isInitialized) await dataSource.initialize();
        if (options.prepare) await options.prepare(dataSource);
        if (closed()) return;
        prepared = true;
        state = 'ready';
        options.logger.info({ attempt }, 'database ready');
        markConnected();
        settleFirst?.resolve();
        return;
      } catch (error) {
        if (closed()) return;
        if (!isUnreachableDatabaseError(error)) {
          settleFirst?.reject(error);
          return;
        }
        if (!dataSource.isInitialized) await discardFailedPool(dataSource);
        state = 'unreachable';
        options.logger.warn({ attempt, code: (error as { code?: string }).code, retryInMs: delay }, 'database unreachable; retrying');
        settleFirst?.resolve();
        await pause(delay);
        delay = Math.min(delay * 2, retryMaxMs);
      }
    }
  }
  void connectLoop();

  return {
    dataSource,
    firstAttempt,
    connected,
    state: () => state,
    async check() {
      if (!prepared || state === 'closed' || !dataSource.isInitialized) return false;
      try {
        await withTimeout(dataSource.query('SELECT 1'), pingTimeoutMs);
        if (state === 'unreachable') options.logger.info('database reachable again');
        state = 'ready';
        return true;
      } catch (error) {
        if (state === 'ready') options.logger.warn({ code: (error as { code?: string }).code }, 'database unreachable');
        state = 'unreachable';
        return false;
      }
    },
    async close() {
      const wasInitialized = dataSource.isInitialized;
      state = 'closed';
      clearTimeout(retryTimer);
      wakeRetry?.();
      if (wasInitialized && dataSource.isInitialized) await dataSource.destroy();
      options.logger.info('database closed');
    },
  };
}
