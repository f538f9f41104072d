import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { IdempotencyRecord } from '../idempotency/idempotency-record.entity';
import { createDataSource } from './create-data-source';
import { inTransaction } from './serialized-transaction';

const record = (key: string) => ({ operation: 'op', idempotencyKey: key, inputHash: 'h', resultId: key });

/** A transaction that writes, then waits for the test before it ends (as a request awaiting I/O would). */
function heldTransaction(run: (work: (m: import('typeorm').EntityManager) => Promise<void>) => Promise<void>, key: string, fail = false) {
  let release!: () => void;
  let wrote!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const written = new Promise<void>((resolve) => (wrote = resolve));
  const done = run(async (manager) => {
    await manager.insert(IdempotencyRecord, record(key));
    wrote();
    await released;
    if (fail) throw new Error('refused');
  });
  return { written, release, done };
}

describe('transactions on the embedded database', () => {
  let dataDir: string;
  let dataSource: DataSource;
  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'medalliance-tx-'));
    dataSource = createDataSource({ dataDir, name: 'tx' }, { entities: [IdempotencyRecord], migrations: [] });
    await dataSource.initialize();
  });
  afterEach(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const keys = async () => (await dataSource.getRepository(IdempotencyRecord).find({ order: { idempotencyKey: 'ASC' } })).map((r) => r.idempotencyKey);

  it("are not serialised by TypeORM's driver: a rollback of the second undoes the first, already committed one", async () => {
    const first = heldTransaction((work) => dataSource.transaction(work), 'first');
    await first.written;
    const second = heldTransaction((work) => dataSource.transaction(work), 'second', true);
    await second.written;
    first.release();
    await first.done; // "committed": the caller would answer now
    second.release();
    await expect(second.done).rejects.toThrow('refused');
    expect(await keys()).toEqual([]);
  });

  it('take turns through inTransaction: each commits or rolls back on its own', async () => {
    const first = heldTransaction((work) => inTransaction(dataSource, work), 'first');
    await first.written;
    const second = heldTransaction((work) => inTransaction(dataSource, work), 'second', true);
    first.release();
    await first.done;
    await second.written;
    second.release();
    await expect(second.done).rejects.toThrow('refused');
    expect(await keys()).toEqual(['first']);
  });
});
