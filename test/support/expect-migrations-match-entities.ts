import { readdirSync } from 'node:fs';
import path from 'node:path';
import { maintenanceDataSource, pendingSchemaChanges, type MigrationTarget } from '../../subgraphs/runtime/db/schema-drift';

type MigrationClass = new () => { name?: string };

/**
 * On an empty database: every migration applies, TypeORM's schema builder then finds
 * nothing to change (the migrations produce the schema the entities expect), and every
 * migration reverts, leaving only TypeORM's own `migrations` table.
 */
export async function expectMigrationsMatchEntities(target: MigrationTarget): Promise<void> {
  const dataSource = await maintenanceDataSource(target);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.length).toBe(dataSource.migrations.length);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    expect(await dataSource.showMigrations()).toBe(false);

    for (let i = 0; i < applied.length; i += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query<Record<string, string>[]>('SHOW TABLES');
    expect(tables.map((row) => Object.values(row)[0]).filter((name) => name !== 'migrations')).toEqual([]);
  } finally {
    await dataSource.destroy();
  }
}

/** Every migration file in `dir` is in the list the process runs (a forgotten file would never run). */
export function expectEveryMigrationFileListed(dir: string, listed: MigrationClass[]): void {
  const files = readdirSync(dir).filter((f) => /^\d{13}-.+\.ts$/.test(f) && !f.endsWith('.test.ts'));
  const exported = files.flatMap((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(path.join(dir, file)) as Record<string, unknown>;
    return Object.values(module).filter((value): value is MigrationClass => typeof value === 'function');
  });
  expect(exported.length).toBeGreaterThanOrEqual(files.length);
  expect(listed.map((m) => m.name).sort()).toEqual(exported.map((m) => m.name).sort());
}
