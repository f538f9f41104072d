import { verifyAuditChain } from '../../subgraphs/runtime/audit/audit-chain';
import { AuditEntry } from '../../subgraphs/runtime/audit/audit-entry.entity';
import { registerBookingCases } from './booking-cases';
import { startTestHospital, type DatabaseKind, type StartedHospital } from './hospital-target';
import { registerQueryCases } from './query-cases';
import { registerRaceCases } from './race-cases';
import { registerSecurityCases } from './security-cases';
import { measureStatementCounts } from './sql-count-cases';
import { describeOn } from '../support/mysql';

const PATIENTS = 20;

/**
 * The hospital subgraph's integration suite over real HTTP, run once per database
 * (embedded SQLite and MySQL/MariaDB). On MySQL the group is skipped, and reported so,
 * when the run's probe found no server (../support/mysql).
 */
export function defineHospitalSuite(kind: DatabaseKind): void {
  describeOn(kind)(`hospital subgraph on ${kind}`, () => {
    let running: StartedHospital | undefined;

    beforeAll(async () => {
      running = await startTestHospital(kind, { patients: PATIENTS });
    });
    afterAll(async () => {
      await running?.stop();
    });

    const context = {
      kind,
      hospital: () => {
        if (!running) throw new Error('hospital subgraph not started');
        return running;
      },
      test: (name: string, fn: () => Promise<void>) => it(name, fn),
    };

    registerQueryCases(context, PATIENTS);
    registerBookingCases(context, PATIENTS);
    registerSecurityCases(context, PATIENTS);
    registerRaceCases(context);

    context.test('the audit table is what its entity describes (on MySQL: what the migration made)', async () => {
      const { dataSource } = context.hospital();
      const runner = dataSource.createQueryRunner();
      const table = await runner.getTable('audit_entry').finally(() => runner.release());
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      const actual = (table?.columns ?? []).map((c) => ({ name: c.name, nullable: c.isNullable, primary: c.isPrimary })).sort(byName);
      const expected = dataSource
        .getMetadata(AuditEntry)
        .columns.map((c) => ({ name: c.databaseName, nullable: c.isNullable, primary: c.isPrimary }))
        .sort(byName);
      expect(actual).toEqual(expected);
      expect(table?.indices.find((i) => i.columnNames.join() === 'hash')?.isUnique).toBe(true);
    });

    context.test('the audit chain of everything the suite did verifies', async () => {
      await expect(verifyAuditChain(context.hospital().dataSource)).resolves.toMatchObject({ ok: true, rows: expect.any(Number) });
    });

    context.test('SQL statements per request do not grow with the seed (20 vs 200 patients)', async () => {
      const counts = await measureStatementCounts(kind, [20, 200]);
      // eslint-disable-next-line no-console
      console.log(
        `[${kind}] statements per request — hospital shape: ${counts.hospital.join(' / ')}, results of ${counts.charts.join(' / ')} charts: ${counts.results.join(' / ')}`,
      );
      expect(counts.charts[1]).toBeGreaterThan(counts.charts[0] * 5);
      expect(counts.hospital[0]).toBe(counts.hospital[1]);
      expect(counts.results[0]).toBe(counts.results[1]);
      expect(counts.hospital[0]).toBeLessThanOrEqual(4);
      expect(counts.results[0]).toBeLessThanOrEqual(4);
    });
  });
}
