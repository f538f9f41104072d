import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { allianceSettings } from '../../common/config/alliance-settings';
import { loadConfig } from '../../common/config/load-config';
import { seedSettings, sharedSettings } from '../../common/config/shared-settings';
import { stackSettings } from '../../common/config/stack-settings';
import { ALLIANCE_ENTITIES } from '../../subgraphs/alliance/alliance-entities';
import { ALLIANCE_MIGRATIONS } from '../../subgraphs/alliance/migrations';
import { HospitalEntity } from '../../subgraphs/alliance/registry/hospital.entity';
import { seedAllianceDatabase } from '../../subgraphs/alliance/seed/seed-alliance';
import { HOSPITAL_ENTITIES } from '../../subgraphs/hospital/entities';
import { HOSPITAL_MIGRATIONS } from '../../subgraphs/hospital/migrations';
import { isHospitalDatabaseEmpty, seedHospitalDatabase } from '../../subgraphs/hospital/seed';
import { createDataSource, embeddedFile, type DatabaseTarget } from '../../subgraphs/runtime/db/create-data-source';
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
 * one named by --only), the same data each process would seed on its first start. Run
 * it while the stack is stopped: an embedded database file belongs to one process.
 * Without --reset a database that already has data is left alone.
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
    if (name !== 'alliance' && !roster.some((h) => h.id === name)) throw new UsageError(`--only "${name}" is neither "alliance" nor one of the ${hospitals} hospitals in the roster.`);
  }
  if (config.mysqlUrl) await ensureDatabases(config.mysqlUrl, targets);

  for (const name of targets) {
    const target: DatabaseTarget = { dataDir: config.dataDir, name, databaseUrl: config.mysqlUrl ? databaseUrlFor(config.mysqlUrl, name) : undefined };
    if (values.reset && !target.databaseUrl && existsSync(embeddedFile(target))) rmSync(embeddedFile(target));
    const isAlliance = name === 'alliance';
    const dataSource = createDataSource(target, isAlliance ? { entities: ALLIANCE_ENTITIES, migrations: ALLIANCE_MIGRATIONS } : { entities: HOSPITAL_ENTITIES, migrations: HOSPITAL_MIGRATIONS });
    await dataSource.initialize();
    try {
      if (values.reset && target.databaseUrl) await recreateSchema(dataSource);
      const empty = isAlliance ? (await dataSource.manager.count(HospitalEntity)) === 0 : await isHospitalDatabaseEmpty(dataSource);
      if (!empty) {
        process.stdout.write(`${name}: already has data; left alone (use --reset to replace it)\n`);
        continue;
      }
      const counts = isAlliance
        ? await seedAllianceDatabase(dataSource, { hospitalCount: hospitals, patients, anchor, timeZone: config.timeZone })
        : await seedHospitalDatabase(dataSource, { hospitalId: name, hospitalCount: hospitals, patients, anchor });
      process.stdout.write(`${name}: seeded ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}\n`);
    } finally {
      await dataSource.destroy();
    }
  }
}

/** MySQL: drop every table and run the migrations again (never synchronize there). */
async function recreateSchema(dataSource: DataSource): Promise<void> {
  await dataSource.dropDatabase();
  await dataSource.runMigrations({ transaction: 'each' });
}
