import { parseArgs } from 'node:util';
import type { DataSourceOptions } from 'typeorm';
import { loadConfig } from '../../common/config/load-config';
import { databaseSettings } from '../../common/config/shared-settings';
import { isMysqlUrl, mysqlDatabaseName } from '../../subgraphs/runtime/db/create-data-source';
import { runPendingMigrations } from '../../subgraphs/runtime/db/run-migrations';
import { UsageError } from '../usage-error';

const USAGE = 'Usage: medalliance migrate --hospital <hospitalId> | --alliance   (DATABASE_URL=mysql://user:password@host:port[/database])';

interface Schema {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/** Loaded on demand: the alliance and hospital tables never share a database. */
function schemaOf(subgraph: 'hospital' | 'alliance'): Schema {
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (subgraph === 'hospital') {
    const { HOSPITAL_ENTITIES } = require('../../subgraphs/hospital/entities') as { HOSPITAL_ENTITIES: Schema['entities'] };
    const { HOSPITAL_MIGRATIONS } = require('../../subgraphs/hospital/migrations') as { HOSPITAL_MIGRATIONS: Schema['migrations'] };
    return { entities: HOSPITAL_ENTITIES, migrations: HOSPITAL_MIGRATIONS };
  }
  const { ALLIANCE_ENTITIES } = require('../../subgraphs/alliance/alliance-entities') as { ALLIANCE_ENTITIES: Schema['entities'] };
  const { ALLIANCE_MIGRATIONS } = require('../../subgraphs/alliance/migrations') as { ALLIANCE_MIGRATIONS: Schema['migrations'] };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { entities: ALLIANCE_ENTITIES, migrations: ALLIANCE_MIGRATIONS };
}

/** A server URL without a database names the process's default database (as in the demo stack). */
export function migrationUrl(databaseUrl: string, processName: string): string {
  const url = new URL(databaseUrl);
  if (url.pathname === '' || url.pathname === '/') url.pathname = `/${mysqlDatabaseName(processName)}`;
  return url.toString();
}

/**
 * `medalliance migrate --hospital <id> | --alliance`: applies pending migrations to the
 * MySQL/MariaDB database in DATABASE_URL and prints what ran. Subgraph processes also
 * migrate on start; this runs them ahead of a rollout, by an operator or a job.
 */
export async function run(argv: string[]): Promise<void> {
  let values: { hospital?: string; alliance?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { hospital: { type: 'string' }, alliance: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!!values.hospital === !!values.alliance) throw new UsageError(`Name one database: --hospital <hospitalId> or --alliance.\n${USAGE}`);
  if (values.hospital !== undefined && !/^[a-z0-9][a-z0-9-]{1,62}$/.test(values.hospital)) {
    throw new UsageError(`--hospital "${values.hospital}" is not a hospital id (lower-case letters, digits and dashes).`);
  }
  const { databaseUrl } = loadConfig(databaseSettings);
  if (!isMysqlUrl(databaseUrl)) {
    throw new UsageError('medalliance migrate works on MySQL/MariaDB only: set DATABASE_URL=mysql://… (the embedded SQLite database is built from the entities at start).');
  }
  const processName = values.hospital ?? 'alliance';
  const subgraph = values.hospital ? 'hospital' : 'alliance';
  const url = migrationUrl(databaseUrl, processName);
  const database = decodeURIComponent(new URL(url).pathname.slice(1));

  const report = await runPendingMigrations({ url, ...schemaOf(subgraph) });
  const label = `${subgraph === 'hospital' ? `hospital ${processName}` : 'alliance'} database ${database}`;
  if (report.applied.length === 0) process.stdout.write(`${label}: up to date, no migration to run.\n`);
  else
    process.stdout.write(`${label}: applied ${report.applied.length} migration${report.applied.length === 1 ? '' : 's'}:\n${report.applied.map((name) => `  ${name}\n`).join('')}`);
  if (report.drift.length > 0) {
    process.stderr.write(`${label}: the schema still differs from the entities in ${report.drift.length} place${report.drift.length === 1 ? '' : 's'}; a migration is missing.\n`);
    process.exitCode = 1;
  }
}
