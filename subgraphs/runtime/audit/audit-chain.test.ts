import { DataSource } from 'typeorm';
import { createScratchDatabase, mysqlAvailable } from '../../../test/support/mysql';
import { appendAudit, verifyAuditChain, type AuditFields } from './audit-chain';
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

chainSuite('sql.js', async () => {
  const dataSource = new DataSource({ type: 'sqljs', entities: [AuditEntry], synchronize: true });
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
