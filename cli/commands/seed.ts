import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { allianceSettings } from '../../common/config/alliance-settings';
import { loadConfig } from '../../common/config/load-config';
import { seedSettings, sharedSettings } from '../../common/config/shared-settings';
import { stackSettings } from '../../common/config/stack-settings';
import { ALLIANCE_EMBEDDED_KIND, ALLIANCE_ENTITIES } from '../../subgraphs/alliance/alliance-entities';
import { ALLIANCE_MIGRATIONS } from '../../subgraphs/alliance/migrations';
import { HospitalEntity } from '../../subgraphs/alliance/registry/hospital.entity';
import { seedAllianceDatabase } from '../../subgraphs/alliance/seed/seed-alliance';
import { HOSPITAL_ENTITIES, hospitalEmbeddedKind } from '../../subgraphs/hospital/entities';
import { HOSPITAL_MIGRATIONS } from '../../subgraphs/hospital/migrations';
import { isHospitalDatabaseEmpty, seedHospitalDatabase } from '../../subgraphs/hospital/seed';
import { createDataSource, embeddedFile, writeEmbeddedDatabase, type DataSourceParts, type DatabaseTarget } from '../../subgraphs/runtime/db/create-data-source';
import { inspectEmbeddedFile, isEmbeddedFileInUse } from '../../subgraphs/runtime/db/embedded-file';
import { allianceRoster } from '../../subgraphs/runtime/seed/roster';
import { databaseUrlFor, ensureDatabases } from '../stack/mysql-databases';
import { UsageError } from '../usage-error';

const USAGE = 'Usage: medalliance seed [--hospitals N] [--patients N] [--only <hospitalId|alliance>] [--reset] [--anchor <RFC 3339>]';

function positive(raw: string | undefined, name: string, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}, got "${raw}".\n${USAGE}`);
  return Number(raw);
}

/**
 * `medalliance seed`: writes the deterministic demo alliance into every database (or the
 * one named by --only), the same data each process would seed on its first start.
 * Without --reset a database that already exists is left alone; --reset replaces it and
 * refuses while its process runs (embedded; on MySQL stop the stack first).
 */
export async function run(argv: string[]): Promise<void> {
  let values: { hospitals?: string; patients?: string; only?: string; reset?: boolean; anchor?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { hospitals: { type: 'string' }, patients: { type: 'string' }, only: { type: 'string' }, reset: { type: 'boolean' }, anchor: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const config = loadConfig({ ...sharedSettings, ...seedSettings, mysqlUrl: stackSettings.mysqlUrl, timeZone: allianceSettings.timeZone });
  const hospitals = positive(values.hospitals, 'hospitals', config.seedHospitals, 200);
  const patients = positive(values.patients, 'patients', config.seedPatients, 100000);
  const anchor = values.anchor ? new Date(values.anchor) : (config.seedAnchor ?? new Date());
  if (Number.isNaN(anchor.getTime())) throw new UsageError(`--anchor must be an RFC 3339 date-time, got "${values.anchor}".`);
  const roster = allianceRoster(hospitals);
  const targets = values.only ? [values.only] : ['alliance', ...roster.map((h) => h.id)];
  for (const name of targets) {
    if (name !== 'alliance' && !roster.some((h) => h.id === name))
      throw new UsageError(`--only "${name}" is neither "alliance" nor one of the ${hospitals} hospitals in the roster.`);
  }
  if (config.mysqlUrl) await ensureDatabases(config.mysqlUrl, targets);

  for (const name of targets) {
    const isAlliance = name === 'alliance';
    const parts = isAlliance
      ? { entities: ALLIANCE_ENTITIES, migrations: ALLIANCE_MIGRATIONS, embeddedKind: ALLIANCE_EMBEDDED_KIND }
      : { entities: HOSPITAL_ENTITIES, migrations: HOSPITAL_MIGRATIONS, embeddedKind: hospitalEmbeddedKind(name) };
    let counts: Record<string, number> | undefined;
    const populate = async (dataSource: DataSource) => {
      counts = isAlliance
        ? await seedAllianceDatabase(dataSource, { hospitalCount: hospitals, patients, anchor, timeZone: config.timeZone })
        : await seedHospitalDatabase(dataSource, { hospitalId: name, hospitalCount: hospitals, patients, anchor });
    };
    const target: DatabaseTarget = { dataDir: config.dataDir, name, databaseUrl: config.mysqlUrl ? databaseUrlFor(config.mysqlUrl, name) : undefined, populate };
    if (target.databaseUrl) await seedMysql(target, parts, isAlliance, !!values.reset, populate);
    else await seedEmbedded(target, parts, !!values.reset);
    const summary = counts
      ? `seeded ${Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}`
      : 'exists already; left alone (use --reset to replace it)';
    process.stdout.write(`${name}: ${summary}\n`);
  }
}

/**
 * Embedded: an existing file is left alone (and checked); --reset builds a new file and
 * puts it in place of the old one, which needs the file's process stopped: a running
 * member would go on writing to the old file and every later write would be lost.
 */
async function seedEmbedded(target: DatabaseTarget, parts: DataSourceParts, reset: boolean): Promise<void> {
  const file = embeddedFile(target);
  if (reset && existsSync(file)) {
    if (isEmbeddedFileInUse(file)) {
      throw new UsageError(`${file} is in use (its process is running): stop the stack (or that process) before medalliance seed --reset. Nothing was changed.`);
    }
    await writeEmbeddedDatabase(target, parts);
    return;
  }
  if (inspectEmbeddedFile(file, parts.embeddedKind ?? { label: target.name }) === 'present') return;
  const dataSource = createDataSource(target, parts);
  await dataSource.initialize();
  await dataSource.destroy();
}

/** MySQL: an empty database is seeded; --reset drops its tables first (the process should be stopped). */
async function seedMysql(target: DatabaseTarget, parts: DataSourceParts, isAlliance: boolean, reset: boolean, populate: (dataSource: DataSource) => Promise<void>): Promise<void> {
  const dataSource = createDataSource(target, parts);
  await dataSource.initialize();
  try {
    if (reset) await recreateSchema(dataSource);
    const empty = isAlliance ? (await dataSource.manager.count(HospitalEntity)) === 0 : await isHospitalDatabaseEmpty(dataSource);
    if (empty) await populate(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** MySQL: drop every table and run the migrations again (never synchronize there). */
async function recreateSchema(dataSource: DataSource): Promise<void> {
  await dataSource.dropDatabase();
  await dataSource.runMigrations({ transaction: 'each' });
}
