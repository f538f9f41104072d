import { maintenanceDataSource, pendingSchemaChanges, type MigrationTarget } from './schema-drift';

export interface MigrationReport {
  /** Names of the migrations this run applied, oldest first. */
  applied: string[];
  /** Schema differences left after migrating (should be none; see schema-drift.ts). */
  drift: string[];
}

/** Applies every pending migration to the MySQL/MariaDB database at `target.url`. */
export async function runPendingMigrations(target: MigrationTarget): Promise<MigrationReport> {
  const dataSource = await maintenanceDataSource(target);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const drift = await pendingSchemaChanges(dataSource);
    return { applied: applied.map((m) => m.name), drift };
  } finally {
    await dataSource.destroy();
  }
}
