import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { createEmbeddedFile, ensurePrivateDirectory, inspectEmbeddedFile, MEDALLIANCE_APPLICATION_ID, restrictFileModes, type EmbeddedKind } from './embedded-file';
import { StatementCountingLogger } from './statement-counter';

export interface DatabaseTarget {
  /** `mysql://user:pass@host:port/db`; when absent the embedded SQLite file is used. */
  databaseUrl?: string;
  /** Directory for embedded database files. */
  dataDir: string;
  /** File name (without extension) of the embedded database, e.g. the hospital id. */
  name: string;
  /**
   * Embedded only: fills a file that does not exist yet (the demo seed) before it is put
   * in place. Never runs on an existing file, whatever it holds (DESIGN 7).
   */
  populate?: (dataSource: DataSource) => Promise<void>;
}

export interface DataSourceParts {
  entities: NonNullable<DataSourceOptions['entities']>;
  /** MySQL migrations; the embedded database is created from the entities. */
  migrations: NonNullable<DataSourceOptions['migrations']>;
  /** What an existing embedded file must hold to be opened (default: any MedAlliance file). */
  embeddedKind?: EmbeddedKind;
}

/** How long a write waits for another process's write (a CLI import) before it fails, in ms. */
export const EMBEDDED_BUSY_TIMEOUT_MS = 5000;

export function isMysqlUrl(url: string | undefined): url is string {
  return !!url && /^mysql:\/\//i.test(url);
}

/** Database name for one hospital in the demo stack: `medalliance_<hospitalId>` with `-` → `_`. */
export function mysqlDatabaseName(name: string): string {
  return `medalliance_${name.replace(/-/g, '_')}`;
}

export function embeddedFile(target: Pick<DatabaseTarget, 'dataDir' | 'name'>): string {
  return path.resolve(target.dataDir, `${target.name}.sqlite`);
}

/** True for the embedded (better-sqlite3) database: one connection per process, no row locks. */
export function isEmbeddedDatabase(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}

/**
 * Settings of every embedded connection. WAL with `synchronous=FULL` makes each COMMIT
 * durable (the log is fsynced) before it returns, so an answer never leaves ahead of its
 * data; the busy timeout lets a CLI command write the same file while the member runs.
 * TypeORM opens transactions with a deferred `BEGIN`: a transaction that reads before it
 * writes would fail with SQLITE_BUSY, without waiting, if another process committed in
 * between. `BEGIN IMMEDIATE` takes the write lock first (waiting up to the busy timeout).
 */
function prepareEmbeddedConnection(db: BetterSqlite3.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${EMBEDDED_BUSY_TIMEOUT_MS}`);
  const prepare = db.prepare.bind(db);
  db.prepare = (sql: string) => prepare(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql);
}

function embeddedOptions(file: string, parts: DataSourceParts): DataSourceOptions {
  return {
    type: 'better-sqlite3',
    database: file,
    entities: parts.entities,
    logger: new StatementCountingLogger(),
    logging: true,
    timeout: EMBEDDED_BUSY_TIMEOUT_MS,
    prepareDatabase: prepareEmbeddedConnection,
    // the schema follows the entities; additive changes only (the file is never dropped)
    synchronize: true,
  };
}

/** Builds a new file at `temp`: schema, the MedAlliance stamp, then `populate`. */
async function buildEmbeddedFile(temp: string, parts: DataSourceParts, populate: DatabaseTarget['populate']): Promise<void> {
  const dataSource = new DataSource(embeddedOptions(temp, parts));
  await dataSource.initialize();
  try {
    await dataSource.query(`PRAGMA application_id = ${MEDALLIANCE_APPLICATION_ID}`);
    if (populate) await populate(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Writes a new embedded file for `target` (schema, stamp, `populate`) and puts it in place
 * atomically, replacing an existing one: only for `seed --reset`, with the file not in use.
 */
export function writeEmbeddedDatabase(target: DatabaseTarget, parts: DataSourceParts): Promise<void> {
  ensurePrivateDirectory(path.resolve(target.dataDir));
  return createEmbeddedFile(embeddedFile(target), (temp) => buildEmbeddedFile(temp, parts, target.populate));
}

/**
 * One DataSource per subgraph process. Embedded: better-sqlite3 on `<dataDir>/<name>.sqlite`
 * (WAL, FULL sync): created atomically when absent, refused when it exists but is not a
 * complete MedAlliance database (`embedded-file.ts`), schema from the entities. Other
 * processes (CLI commands) may open the same file meanwhile. MySQL/MariaDB: migrations
 * only, never `synchronize` (DESIGN 2).
 */
export function createDataSource(target: DatabaseTarget, parts: DataSourceParts): DataSource {
  if (isMysqlUrl(target.databaseUrl)) {
    return new DataSource({
      entities: parts.entities,
      logger: new StatementCountingLogger(),
      logging: true,
      type: 'mysql',
      url: target.databaseUrl,
      charset: 'utf8mb4',
      timezone: 'Z',
      dateStrings: false,
      migrations: parts.migrations,
      migrationsRun: true,
      synchronize: false,
      extra: { connectionLimit: 10 },
    });
  }
  const file = embeddedFile(target);
  const kind = parts.embeddedKind ?? { label: target.name };
  const dataSource = new DataSource(embeddedOptions(file, parts));
  const initialize = dataSource.initialize.bind(dataSource);
  dataSource.initialize = async () => {
    ensurePrivateDirectory(path.resolve(target.dataDir));
    if (inspectEmbeddedFile(file, kind) === 'absent') await createEmbeddedFile(file, (temp) => buildEmbeddedFile(temp, parts, target.populate));
    restrictFileModes(file);
    await initialize();
    // a file written before the stamp (it passed the marker-table check) gets it now
    if ((await dataSource.query<{ application_id: number }[]>('PRAGMA application_id'))[0]?.application_id !== MEDALLIANCE_APPLICATION_ID) {
      await dataSource.query(`PRAGMA application_id = ${MEDALLIANCE_APPLICATION_ID}`);
    }
    return dataSource;
  };
  return dataSource;
}
