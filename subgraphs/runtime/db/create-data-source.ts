import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { EmbeddedPersister } from './embedded-persister';
import { StatementCountingLogger } from './statement-counter';

export interface DatabaseTarget {
  /** `mysql://user:pass@host:port/db`; when absent the embedded sql.js file is used. */
  databaseUrl?: string;
  /** Directory for embedded database files. */
  dataDir: string;
  /** File name (without extension) of the embedded database, e.g. the hospital id. */
  name: string;
  /** Embedded only: how often changes are written to the file (ms). */
  saveIntervalMs?: number;
}

export const DEFAULT_EMBEDDED_SAVE_MS = 500;

export interface DataSourceParts {
  entities: MixedList<Function | string | EntitySchema>;
  /** MySQL migrations; the embedded database is created from the entities. */
  migrations: MixedList<Function | string>;
}

export function isMysqlUrl(url: string | undefined): url is string {
  return !!url && /^mysql:\/\//i.test(url);
}

/** Database name for one hospital in the demo stack: `medalliance_<hospitalId>` with `-` → `_`. */
export function mysqlDatabaseName(name: string): string {
  return `medalliance_${name.replace(/-/g, '_')}`;
}

export function embeddedFile(target: DatabaseTarget): string {
  return path.resolve(target.dataDir, `${target.name}.sqlite`);
}

/**
 * One DataSource per subgraph process. Embedded: sql.js persisted to
 * `<dataDir>/<name>.sqlite` shortly after each change and on close (`EmbeddedPersister`),
 * schema from the entities (a file database owned by this process alone). MySQL/MariaDB:
 * migrations only, never `synchronize` (DESIGN 2).
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
  mkdirSync(path.resolve(target.dataDir), { recursive: true });
  const file = embeddedFile(target);
  let persister: EmbeddedPersister | undefined;
  const options: DataSourceOptions = {
    entities: parts.entities,
    logger: new StatementCountingLogger((sql) => persister?.noteStatement(sql)),
    logging: true,
    type: 'sqljs',
    location: file,
    autoSave: false,
    synchronize: true,
  };
  const dataSource = new DataSource(options);
  persister = new EmbeddedPersister(dataSource, file, target.saveIntervalMs ?? DEFAULT_EMBEDDED_SAVE_MS);
  const initialize = dataSource.initialize.bind(dataSource);
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.initialize = async () => {
    await initialize();
    persister!.flush(true);
    persister!.start();
    return dataSource;
  };
  dataSource.destroy = async () => {
    persister!.stop();
    await destroy();
  };
  return dataSource;
}
