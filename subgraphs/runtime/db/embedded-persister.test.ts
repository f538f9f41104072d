import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IdempotencyRecord } from '../idempotency/idempotency-record.entity';
import { createDataSource, embeddedFile } from './create-data-source';
import { isWriteStatement } from './embedded-persister';

describe('embedded database persistence', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'medalliance-persist-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    ['INSERT INTO "x" VALUES (1)', true],
    ['  update x set a = 1', true],
    ['DELETE FROM x', true],
    ['COMMIT', true],
    ['CREATE TABLE x (a int)', true],
    ['SELECT * FROM x', false],
    ['BEGIN TRANSACTION', false],
    ['PRAGMA foreign_keys = ON', false],
  ])('%s is a write: %s', (sql, expected) => {
    expect(isWriteStatement(sql)).toBe(expected);
  });

  it('keeps every committed row across a close and a reopen', async () => {
    const target = { dataDir, name: 'h1', saveIntervalMs: 60_000 };
    const first = createDataSource(target, { entities: [IdempotencyRecord], migrations: [] });
    await first.initialize();
    await first.getRepository(IdempotencyRecord).insert({ operation: 'op', idempotencyKey: 'k1', inputHash: 'h', resultId: 'r1' });
    await first.destroy();

    const second = createDataSource(target, { entities: [IdempotencyRecord], migrations: [] });
    await second.initialize();
    await expect(second.getRepository(IdempotencyRecord).findOneBy({ idempotencyKey: 'k1' })).resolves.toMatchObject({ resultId: 'r1' });
    await second.destroy();
  });

  it('does not rewrite the file for reads', async () => {
    const target = { dataDir, name: 'h2', saveIntervalMs: 60_000 };
    const dataSource = createDataSource(target, { entities: [IdempotencyRecord], migrations: [] });
    await dataSource.initialize();
    const written = statSync(embeddedFile(target)).mtimeMs;
    await dataSource.getRepository(IdempotencyRecord).find();
    await dataSource.destroy();
    expect(statSync(embeddedFile(target)).mtimeMs).toBe(written);
  });
});
