import type { DataSource, EntityManager } from 'typeorm';

/**
 * TypeORM's better-sqlite3 driver has one connection and one query runner per process,
 * and it does not serialise `dataSource.transaction()`: a second transaction started
 * while the first awaits becomes a SAVEPOINT inside it, so the first one's COMMIT may
 * come after it answered, and a rollback of either undoes the other (see
 * serialized-transaction.test.ts). Transactions on the embedded database therefore take
 * turns; MySQL runs them concurrently on pooled connections and relies on unique keys
 * and row locks.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  queues.set(dataSource, run);
  return run;
}

/**
 * Runs `work`, which issues its statements straight on the embedded database's one
 * connection and returns without awaiting, in its turn after every transaction queued
 * before it: nothing else can run on the connection until it returns.
 */
export function inEmbeddedTurn<T>(dataSource: DataSource, work: () => T): Promise<T> {
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(work);
  queues.set(dataSource, run);
  return run;
}
