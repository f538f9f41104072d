import type { DataSource, EntityManager } from 'typeorm';

/**
 * sql.js has one connection and no real concurrency: two interleaved transactions on it
 * fail ("cannot start a transaction within a transaction"). Writes on the embedded
 * database therefore queue one after another; MySQL runs them concurrently and relies on
 * unique keys and row locks.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'sqljs') return dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  queues.set(dataSource, run);
  return run;
}
