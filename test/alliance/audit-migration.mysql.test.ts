import { DataSource, type MigrationInterface } from 'typeorm';
import { ALLIANCE_ENTITIES } from '../../subgraphs/alliance/alliance-entities';
import { ALLIANCE_MIGRATIONS } from '../../subgraphs/alliance/migrations';
import { InitialAllianceSchema1764300000000 } from '../../subgraphs/alliance/migrations/1764300000000-initial-alliance-schema';
import { verifyAuditChain } from '../../subgraphs/runtime/audit/audit-chain';
import { AuditEntry } from '../../subgraphs/runtime/audit/audit-entry.entity';
import { pendingSchemaChanges } from '../../subgraphs/runtime/db/schema-drift';
import { expectMigrationsMatchEntities } from '../support/expect-migrations-match-entities';
import { createScratchDatabase, describeMysql } from '../support/mysql';

function dataSource(url: string, migrations: (new () => MigrationInterface)[]): DataSource {
  return new DataSource({ type: 'mariadb', url, charset: 'utf8mb4', timezone: 'Z', entities: ALLIANCE_ENTITIES, migrations, synchronize: false, migrationsRun: false });
}

const UNCHAINED_ROWS = [
  ['2026-03-01 08:00:00.123', 'clinician-dh-lead', 'clinician', 'dh-lead', 'TREATMENT', 'acceptReferral', 'ref-1', 'SUCCESS', '[{"mpiId":"MPI-000001"}]'],
  ['2026-03-01 08:05:00.000', 'analyst-1', 'analyst', null, null, 'requestReferral', null, 'FORBIDDEN', '[{"mpiId":"MPI-000002"}]'],
  [
    '2026-03-01 08:10:00.500',
    'clinician-dh-lead',
    'clinician',
    'dh-lead',
    'TREATMENT',
    'recordRecognitionDecision',
    null,
    'CONFLICT',
    '[{"hospitalId":"dh-district","mrn":"DIST1"},{"hospitalId":"dh-district"}]',
  ],
];

describeMysql('alliance audit migration on MySQL/MariaDB', () => {
  it('carries the unchained log over into the hash chain, in order, and back down', async () => {
    const scratch = await createScratchDatabase('alliance_audit_mig');
    const before = dataSource(scratch.url, [InitialAllianceSchema1764300000000]);
    const after = dataSource(scratch.url, ALLIANCE_MIGRATIONS);
    try {
      await before.initialize();
      await before.runMigrations();
      for (const row of UNCHAINED_ROWS) {
        await before.query(
          'INSERT INTO `audit_entry` (`at`, `subject`, `role`, `hospital_id`, `purpose`, `operation`, `target_id`, `outcome`, `patient_refs`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          row,
        );
      }
      await before.destroy();

      await after.initialize();
      expect((await after.runMigrations()).map((m) => m.name)).toEqual([
        'AllianceChainedAudit1764500000000',
        'AllianceWitnessedAuditHeads1764900000000',
        'MpiIdentityFeed1765100000000',
      ]);
      expect(await pendingSchemaChanges(after)).toEqual([]);
      await expect(verifyAuditChain(after)).resolves.toEqual({ ok: true, rows: 3 });
      const rows = await after.getRepository(AuditEntry).find({ order: { seq: 'ASC' } });
      expect(rows.map((r) => [r.at.toISOString(), r.action, r.servedBy, r.operationName, r.outcome, r.patientRefs, r.callerHospitalId])).toEqual([
        ['2026-03-01T08:00:00.123Z', 'WRITE', 'alliance', 'acceptReferral:ref-1', 'OK', '["MPI-000001"]', 'dh-lead'],
        ['2026-03-01T08:05:00.000Z', 'WRITE', 'alliance', 'requestReferral', 'DENIED', '["MPI-000002"]', null],
        ['2026-03-01T08:10:00.500Z', 'WRITE', 'alliance', 'recordRecognitionDecision', 'ERROR', '["dh-district:DIST1"]', 'dh-lead'],
      ]);

      await after.undoLastMigration(); // the patient index's identity feed
      await after.undoLastMigration(); // the witnessed heads' table
      await after.undoLastMigration();
      const back = await after.query<Record<string, string | null>[]>('SELECT `operation`, `target_id`, `outcome`, `patient_refs` FROM `audit_entry` ORDER BY `id`');
      expect(back).toEqual([
        { operation: 'acceptReferral', target_id: 'ref-1', outcome: 'SUCCESS', patient_refs: '[{"mpiId":"MPI-000001"}]' },
        { operation: 'requestReferral', target_id: null, outcome: 'FORBIDDEN', patient_refs: '[{"mpiId":"MPI-000002"}]' },
        { operation: 'recordRecognitionDecision', target_id: null, outcome: 'INTERNAL_SERVER_ERROR', patient_refs: '[{"hospitalId":"dh-district","mrn":"DIST1"}]' },
      ]);
    } finally {
      if (before.isInitialized) await before.destroy();
      if (after.isInitialized) await after.destroy();
      await scratch.drop();
    }
  });

  it('migrates an empty database to exactly the entities, and back to nothing', async () => {
    const scratch = await createScratchDatabase('alliance_audit_drift');
    try {
      await expectMigrationsMatchEntities({ url: scratch.url, entities: ALLIANCE_ENTITIES, migrations: ALLIANCE_MIGRATIONS });
    } finally {
      await scratch.drop();
    }
  });
});
