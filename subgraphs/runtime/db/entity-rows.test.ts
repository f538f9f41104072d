import { Column, DataSource, Entity, In, PrimaryColumn, QueryFailedError } from 'typeorm';
import { describeMysql, scratchDataSource } from '../../../test/support/mysql';
import { appendAudit } from '../audit/audit-chain';
import { AuditEntry } from '../audit/audit-entry.entity';
import { rowsWhere, rowsWhereIn } from './entity-rows';
import { inTransaction } from './serialized-transaction';
import { countStatements, StatementCountingLogger } from './statement-counter';

/** Every kind of column the hot loaders read: each database returns some of them differently. */
@Entity({ name: 'row_kinds' })
class RowKinds {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'group_key', type: 'varchar', length: 64 })
  groupKey: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  label: string | null;

  @Column({ type: 'boolean' })
  passed: boolean;

  @Column({ type: 'int' })
  days: number;

  @Column({ name: 'price_yuan', type: 'double', nullable: true })
  priceYuan: number | null;

  @Column({ name: 'happened_at', type: 'datetime', precision: 3 })
  happenedAt: Date;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'attached', type: 'simple-json', nullable: true })
  attached: { id: string; n: number }[] | null;

  @Column({ type: 'varchar', length: 20, transformer: { to: (v: string) => v.toLowerCase(), from: (v: string | null) => v?.toUpperCase() ?? null } })
  code: string;
}

/** A table the test drops: reads of it must fail as TypeORM's reads do. */
@Entity({ name: 'gone_rows' })
class GoneRows {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;
}

const ROWS: Partial<RowKinds>[] = [
  {
    id: 'a',
    groupKey: 'g1',
    label: '李',
    passed: true,
    days: 30,
    priceYuan: 12.5,
    happenedAt: new Date('2026-03-01T08:00:00.123Z'),
    closedAt: null,
    attached: [{ id: 'x', n: 1 }],
    code: 'ab',
  },
  {
    id: 'b',
    groupKey: 'g1',
    label: null,
    passed: false,
    days: 0,
    priceYuan: null,
    happenedAt: new Date('2026-01-01T00:00:00.000Z'),
    closedAt: new Date('2026-02-02T23:59:59.999Z'),
    attached: null,
    code: 'cd',
  },
  { id: 'c', groupKey: 'g2', label: 'x', passed: true, days: -1, priceYuan: 0.1, happenedAt: new Date('2025-12-31T16:00:00.500Z'), closedAt: null, attached: [], code: 'EF' },
];

function suite(name: string, open: () => Promise<{ dataSource: DataSource; close(): Promise<void> }>, group: (name: string, fn: () => void) => void = describe) {
  group(`plain-SQL entity rows (${name})`, () => {
    let dataSource: DataSource;
    let close: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ dataSource, close } = await open());
      await dataSource.getRepository(RowKinds).insert(ROWS);
    });
    afterAll(async () => close?.());

    it('reads by key IN (…) exactly what find reads: dates, booleans, numbers, json, nulls, transformers', async () => {
      const order = [['happenedAt', 'DESC'] as const, ['id', 'ASC'] as const];
      const plain = await rowsWhereIn(dataSource.manager, RowKinds, 'id', ['a', 'b', 'c', 'missing'], order);
      const found = await dataSource.manager.find(RowKinds, { where: { id: In(['a', 'b', 'c', 'missing']) }, order: { happenedAt: 'DESC', id: 'ASC' } });
      expect(plain).toEqual(found);
      expect(plain.map((r) => r.id)).toEqual(['a', 'b', 'c']);
      for (const row of plain) expect(row).toBeInstanceOf(RowKinds);
      expect(plain[0]).toMatchObject({ passed: true, priceYuan: 12.5, happenedAt: new Date('2026-03-01T08:00:00.123Z'), closedAt: null, code: 'AB' });
      expect(plain[1]).toMatchObject({ passed: false, label: null, closedAt: new Date('2026-02-02T23:59:59.999Z'), attached: null });
    });

    it('reads by equal values, and every row with none given, as find does', async () => {
      await expect(rowsWhere(dataSource.manager, RowKinds, { groupKey: 'g1', passed: false })).resolves.toEqual(
        await dataSource.manager.find(RowKinds, { where: { groupKey: 'g1', passed: false } }),
      );
      await expect(rowsWhere(dataSource.manager, RowKinds, { groupKey: undefined }, [['id', 'DESC']])).resolves.toEqual(
        await dataSource.manager.find(RowKinds, { order: { id: 'DESC' } }),
      );
      const since = await rowsWhereIn(dataSource.manager, RowKinds, 'happenedAt', [new Date('2026-01-01T00:00:00.000Z')]);
      expect(since.map((r) => r.id)).toEqual(['b']);
    });

    it('reads IN lists of every length alike, more distinct statements than are kept prepared', async () => {
      const keys = ['a', 'b', 'c', ...Array.from({ length: 80 }, (_, i) => `none-${i}`)];
      for (let length = 1; length <= keys.length; length += 1) {
        const plain = await rowsWhereIn(dataSource.manager, RowKinds, 'id', keys.slice(0, length), [['id', 'ASC']]);
        expect(plain.map((r) => r.id)).toEqual(['a', 'b', 'c'].slice(0, length));
      }
      await expect(rowsWhereIn(dataSource.manager, RowKinds, 'id', ['c', 'a'], [['id', 'ASC']])).resolves.toEqual(
        await dataSource.manager.find(RowKinds, { where: { id: In(['c', 'a']) }, order: { id: 'ASC' } }),
      );
    });

    it("reads a transaction's own uncommitted rows inside it, and not after its rollback", async () => {
      const rolledBack = new Error('roll back');
      await expect(
        inTransaction(dataSource, async (manager) => {
          await manager.getRepository(RowKinds).insert({ ...ROWS[0], id: 'in-tx' });
          const seen = await rowsWhereIn(manager, RowKinds, 'id', ['in-tx']);
          expect(seen.map((r) => r.id)).toEqual(['in-tx']);
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
      await expect(rowsWhereIn(dataSource.manager, RowKinds, 'id', ['in-tx'])).resolves.toEqual([]);
    });

    it('fails as TypeORM does, with the driver error inside, when the statement cannot run', async () => {
      await expect(rowsWhere(dataSource.manager, GoneRows, {})).resolves.toEqual([]);
      await dataSource.query('DROP TABLE gone_rows');
      const failure = await rowsWhere(dataSource.manager, GoneRows, {}).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(QueryFailedError);
      // the driver's own error (not instanceof-checked: a native module's errors come from another realm under jest)
      expect(String((failure as QueryFailedError).driverError?.message)).toMatch(/gone_rows/);
      expect((failure as QueryFailedError).message).toMatch(/gone_rows/);
    });

    it('counts each read as one statement of the request', async () => {
      const { tally, result } = countStatements(() => rowsWhereIn(dataSource.manager, RowKinds, 'groupKey', ['g1', 'g2']));
      await result;
      expect(tally.count).toBe(1);
    });

    it('returns an appended audit row with the seq the database gave it', async () => {
      const fields = {
        at: new Date('2026-11-01T08:00:00.123Z'),
        requestId: 'req-1',
        subject: 'dr-li',
        role: 'clinician',
        callerHospitalId: null,
        servedBy: 'dh-lead',
        purpose: null,
        action: 'READ' as const,
        operationName: null,
        operationHash: 'a'.repeat(64),
        patientRefs: '["dh-lead:M1"]',
        outcome: 'OK' as const,
      };
      const first = await appendAudit(dataSource, fields);
      const second = await appendAudit(dataSource, { ...fields, requestId: 'req-2' });
      const stored = await dataSource.getRepository(AuditEntry).find({ order: { seq: 'ASC' } });
      expect(stored).toEqual([first, second]);
      expect(second.seq).toBe(first.seq + 1);
      expect(second.prevHash).toBe(first.hash);
    });
  });
}

suite('SQLite (better-sqlite3)', async () => {
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: ':memory:',
    entities: [RowKinds, GoneRows, AuditEntry],
    synchronize: true,
    logger: new StatementCountingLogger(),
    logging: true,
  });
  await dataSource.initialize();
  return { dataSource, close: () => dataSource.destroy() };
});

suite('MySQL', () => scratchDataSource('medalliance_rows', { entities: [RowKinds, GoneRows, AuditEntry], logger: new StatementCountingLogger(), logging: true }), describeMysql);
