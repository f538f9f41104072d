import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';

/** SQL statements issued while serving one request (for tests, metrics and the bench). */
export interface StatementTally {
  count: number;
}

const requestTally = new AsyncLocalStorage<StatementTally>();
let processTotal = 0;

/** Runs `fn` with a fresh tally; every statement TypeORM issues inside it is counted. */
export function countStatements<T>(fn: () => T): { tally: StatementTally; result: T } {
  const tally: StatementTally = { count: 0 };
  const result = requestTally.run(tally, fn);
  return { tally, result };
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
