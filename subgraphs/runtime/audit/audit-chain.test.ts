import { DataSource, QueryFailedError } from 'typeorm';
import { inTransaction } from '../db/serialized-transaction';
import { StatementCountingLogger, totalStatements } from '../db/statement-counter';
import { describeMysql, scratchDataSource } from '../../../test/support/mysql';
import { appendAudit, verifyAuditChain, withAuditChain, type AuditFields } from './audit-chain';
import { AuditEntry } from './audit-entry.entity';
import { fitColumn } from './audit-columns';
import { createHash } from 'node:crypto';

function row(i: number): AuditFields {
  return {
    at: new Date(Date.UTC(2026, 10, 1, 8, 0, i, 123)),
    requestId: `req-${i}`,
    subject: 'dr-li',
    role: 'clinician',
    callerHospitalId: 'dh-lead',
    servedBy: 'dh-district',
    purpose: 'TREATMENT',
    action: 'READ',
    operationName: 'PatientResults',
    operationHash: 'a'.repeat(64),
    patientRefs: JSON.stringify([`dh-district:DIST${i}`]),
    outcome: 'OK',
  };
}

function chainSuite(name: string, open: () => Promise<{ dataSource: DataSource; close(): Promise<void> }>, group: (name: string, fn: () => void) => void = describe) {
  group(`audit hash chain (${name})`, () => {
    let dataSource: DataSource;
    let close: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      const opened = await open();
      dataSource = opened.dataSource;
      close = opened.close;
    });
    afterEach(async () => close?.());

    it('verifies an untouched chain, including rows appended concurrently', async () => {
      await Promise.all([1, 2, 3, 4, 5].map((i) => appendAudit(dataSource, row(i))));
      await expect(verifyAuditChain(dataSource)).resolves.toEqual({ ok: true, rows: 5 });
    });

    it('chains rows written inside transactions, concurrently with plain appends; a rollback leaves no row', async () => {
      const ds = dataSource;
      const writes = [1, 2, 3, 4].map((i) =>
        withAuditChain(ds, async (_manager, append) => {
          await append(row(i));
          await append(row(i + 10));
          return i;
        }),
      );
      const plain = [5, 6].map((i) => appendAudit(ds, row(i)));
      const rolledBack = withAuditChain(ds, async (_manager, append) => {
        await append(row(7));
        throw new Error('refused after the audit row was appended');
      });
      const after = appendAudit(ds, row(8));
      await expect(Promise.all(writes)).resolves.toEqual([1, 2, 3, 4]);
      await Promise.all([...plain, after]);
      await expect(rolledBack).rejects.toThrow('refused after the audit row was appended');
      await expect(verifyAuditChain(ds)).resolves.toEqual({ ok: true, rows: 11 });
      const ids = (await ds.getRepository(AuditEntry).find({ order: { seq: 'ASC' } })).map((r) => r.requestId);
      expect(ids).not.toContain('req-7');
      // each transaction's two rows sit next to each other: nothing was chained in between
      for (const i of [1, 2, 3, 4]) expect(ids.indexOf(`req-${i + 10}`)).toBe(ids.indexOf(`req-${i}`) + 1);
    });

    it("stores values longer than their columns cut, with the full value's hash, and the chain verifies", async () => {
      const longName = `Op${'x'.repeat(10_240)}`;
      const longSubject = `dr-${'李'.repeat(300)}\uD83D`;
      await appendAudit(dataSource, {
        ...row(1),
        operationName: longName,
        subject: longSubject,
        requestId: 'r'.repeat(500),
        callerHospitalId: 'h'.repeat(100),
        patientRefs: JSON.stringify(Array.from({ length: 5000 }, (_, i) => `dh-district:${'M'.repeat(20)}${i}`)),
      });
      const [stored] = await dataSource.getRepository(AuditEntry).find();
      expect(stored.operationName).toBe(fitColumn(longName, 200));
      expect(stored.operationName).toHaveLength(200);
      expect(stored.operationName).toMatch(new RegExp(`^Opx+…sha256:${createHash('sha256').update(longName).digest('hex')}$`));
      expect(stored.subject).toMatch(/^dr-李+…sha256:[0-9a-f]{64}$/);
      expect(stored.requestId).toHaveLength(100);
      expect(stored.callerHospitalId).toMatch(/^…[0-9a-f]{63}$/);
      const refs = JSON.parse(stored.patientRefs) as string[];
      expect(refs.length).toBeLessThan(5000);
      expect(refs[refs.length - 1]).toMatch(/^…\d+ more; sha256:[0-9a-f]{64}$/);
      await expect(verifyAuditChain(dataSource)).resolves.toEqual({ ok: true, rows: 1 });
    });

    it('detects an edited row', async () => {
      for (const i of [1, 2, 3]) await appendAudit(dataSource, row(i));
      await dataSource.query(`UPDATE audit_entry SET outcome = 'DENIED' WHERE seq = 2`);
      await expect(verifyAuditChain(dataSource)).resolves.toMatchObject({ ok: false, brokenAtSeq: 2, problem: 'the row was edited after it was written' });
    });

    it('detects a deleted row', async () => {
      for (const i of [1, 2, 3]) await appendAudit(dataSource, row(i));
      await dataSource.query(`DELETE FROM audit_entry WHERE seq = 2`);
      await expect(verifyAuditChain(dataSource)).resolves.toMatchObject({ ok: false, brokenAtSeq: 3, problem: 'a row before this one was deleted' });
    });
  });
}

describe('audit append on the embedded database', () => {
  let dataSource: DataSource;
  beforeEach(async () => {
    dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [AuditEntry], synchronize: true, logger: new StatementCountingLogger(), logging: true });
    await dataSource.initialize();
  });
  afterEach(async () => dataSource.destroy());

  it('issues the same four statements as a TypeORM transaction: BEGIN, the last hash, the INSERT, COMMIT', async () => {
    await appendAudit(dataSource, row(1));
    const before = totalStatements();
    await appendAudit(dataSource, row(2));
    expect(totalStatements() - before).toBe(4);
    await expect(verifyAuditChain(dataSource)).resolves.toEqual({ ok: true, rows: 2 });
  });

  it('waits for a transaction open on the one connection (BEGIN inside it would fail), then appends', async () => {
    await dataSource.query('CREATE TABLE booking_like (x INTEGER)');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedInside = new Promise<void>((resolve) => (inserted = resolve));
    const open = inTransaction(dataSource, async (manager) => {
      await manager.query('INSERT INTO booking_like VALUES (1)');
      inserted();
      await held;
    });
    await insertedInside;
    let settled = false;
    const appended = appendAudit(dataSource, row(1)).finally(() => (settled = true));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    release();
    await open;
    await expect(appended).resolves.toMatchObject({ requestId: 'req-1', seq: 1 });
    expect(await dataSource.query('SELECT COUNT(*) AS n FROM booking_like')).toEqual([{ n: 1 }]);
    await expect(verifyAuditChain(dataSource)).resolves.toEqual({ ok: true, rows: 1 });
  });

  it('rolls back a refused INSERT: no row, no open transaction, and the next append chains on', async () => {
    await appendAudit(dataSource, row(1));
    await dataSource.query("CREATE TRIGGER refuse BEFORE INSERT ON audit_entry WHEN NEW.request_id = 'req-2' BEGIN SELECT RAISE(ABORT, 'refused'); END");
    await expect(appendAudit(dataSource, row(2))).rejects.toBeInstanceOf(QueryFailedError);
    expect((dataSource.driver as unknown as { databaseConnection: { inTransaction: boolean } }).databaseConnection.inTransaction).toBe(false);
    await appendAudit(dataSource, row(3));
    const ids = (await dataSource.getRepository(AuditEntry).find({ order: { seq: 'ASC' } })).map((r) => r.requestId);
    expect(ids).toEqual(['req-1', 'req-3']);
    await expect(verifyAuditChain(dataSource)).resolves.toEqual({ ok: true, rows: 2 });
  });

  it('fails with a QueryFailedError when the table is gone, and leaves no transaction open', async () => {
    await appendAudit(dataSource, row(1));
    await dataSource.query('DROP TABLE audit_entry');
    await expect(appendAudit(dataSource, row(2))).rejects.toBeInstanceOf(QueryFailedError);
    await expect(inTransaction(dataSource, (manager) => manager.query('SELECT 1'))).resolves.toBeDefined();
  });
});

chainSuite('SQLite (better-sqlite3)', async () => {
  const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [AuditEntry], synchronize: true });
  await dataSource.initialize();
  return { dataSource, close: () => dataSource.destroy() };
});

chainSuite(
  'MySQL',
  async () => {
    const scratch = await scratchDataSource('medalliance_audit', { entities: [AuditEntry] });
    // strict mode refuses an over-long value instead of cutting it: the case the fitting is for
    await scratch.dataSource.query("SET SESSION sql_mode = CONCAT_WS(',', @@SESSION.sql_mode, 'STRICT_TRANS_TABLES')");
    return scratch;
  },
  describeMysql,
);
