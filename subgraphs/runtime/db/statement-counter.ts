import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';

/** SQL statements issued while serving one request (for tests, metrics and the bench). */
export interface StatementTally {
  count: number;
}

const requestTally = new AsyncLocalStorage<StatementTally>();
let processTotal = 0;
let requestsCounted = 0;

/**
 * Runs `fn` with a fresh tally; every statement TypeORM issues inside it is counted. While a
 * tally is open, Node runs its async hooks on every promise of the process (a few per cent
 * of a subgraph's CPU), so they are switched off again once no request is being counted:
 * count only the requests that ask for it.
 */
export function countStatements<T>(fn: () => Promise<T>): { tally: StatementTally; result: Promise<T> } {
  const tally: StatementTally = { count: 0 };
  requestsCounted += 1;
  // async: a throw before fn's first await is a rejection too, and the tally still closes
  const result = requestTally.run(tally, async () => fn());
  return {
    tally,
    result: result.finally(() => {
      requestsCounted -= 1;
      if (requestsCounted === 0) requestTally.disable();
    }),
  };
}

/** Requests being counted now (none: the async hooks are off). */
export function requestsBeingCounted(): number {
  return requestsCounted;
}

export function currentTally(): StatementTally | undefined {
  return requestTally.getStore();
}

export function totalStatements(): number {
  return processTotal;
}

/**
 * A TypeORM logger that counts statements and logs nothing: SQL parameters carry PHI,
 * so queries are never written to the log. Query errors surface as typed errors upstream.
 */
export class StatementCountingLogger implements TypeOrmLogger {
  logQuery(_query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    processTotal += 1;
    const tally = requestTally.getStore();
    if (tally) tally.count += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
