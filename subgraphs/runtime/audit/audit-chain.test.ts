import { DataSource } from 'typeorm';
import { createScratchDatabase, mysqlAvailable } from '../../../test/support/mysql';
import { appendAudit, verifyAuditChain, withAuditChain, type AuditFields } from './audit-chain';
import { AuditEntry } from './audit-entry.entity';

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

function chainSuite(name: string, open: () => Promise<{ dataSource: DataSource; close(): Promise<void> }>) {
  describe(`audit hash chain (${name})`, () => {
    let dataSource: DataSource | undefined;
    let close: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      const opened = await open();
      dataSource = opened.dataSource;
      close = opened.close;
    });
    afterEach(async () => close?.());

    it('verifies an untouched chain, including rows appended concurrently', async () => {
      if (!dataSource) return;
      await Promise.all([1, 2, 3, 4, 5].map((i) => appendAudit(dataSource!, row(i))));
      await expect(verifyAuditChain(dataSource)).resolves.toEqual({ ok: true, rows: 5 });
    });

    it('chains rows written inside transactions, concurrently with plain appends; a rollback leaves no row', async () => {
      if (!dataSource) return;
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

    it('detects an edited row', async () => {
      if (!dataSource) return;
      for (const i of [1, 2, 3]) await appendAudit(dataSource, row(i));
      await dataSource.query(`UPDATE audit_entry SET outcome = 'DENIED' WHERE seq = 2`);
      await expect(verifyAuditChain(dataSource)).resolves.toMatchObject({ ok: false, brokenAtSeq: 2, problem: 'the row was edited after it was written' });
    });

    it('detects a deleted row', async () => {
      if (!dataSource) return;
      for (const i of [1, 2, 3]) await appendAudit(dataSource, row(i));
      await dataSource.query(`DELETE FROM audit_entry WHERE seq = 2`);
      await expect(verifyAuditChain(dataSource)).resolves.toMatchObject({ ok: false, brokenAtSeq: 3, problem: 'a row before this one was deleted' });
    });
  });
}

chainSuite('SQLite (better-sqlite3)', async () => {
  const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [AuditEntry], synchronize: true });
  await dataSource.initialize();
  return { dataSource, close: () => dataSource.destroy() };
});

chainSuite('MySQL', async () => {
  if (!(await mysqlAvailable())) return { dataSource: undefined as unknown as DataSource, close: async () => undefined };
  const scratch = await createScratchDatabase('medalliance_audit');
  const dataSource = new DataSource({ type: 'mysql', url: scratch.url, entities: [AuditEntry], synchronize: true, timezone: 'Z' });
  await dataSource.initialize();
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await scratch.drop();
    },
  };
});
