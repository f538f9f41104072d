import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { StatementCountingLogger } from './statement-counter';

export interface DatabaseTarget {
  /** `mysql://user:pass@host:port/db`; when absent the embedded sql.js file is used. */
  databaseUrl?: string;
  /** Directory for embedded database files. */
  dataDir: string;
  /** File name (without extension) of the embedded database, e.g. the hospital id. */
  name: string;
}

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
 * `<dataDir>/<name>.sqlite` after every committed change, schema from the entities
 * (a file database owned by this process alone). MySQL/MariaDB: migrations only, never
 * `synchronize` (DESIGN 2).
 */
export function createDataSource(target: DatabaseTarget, parts: DataSourceParts): DataSource {
  const common = { entities: parts.entities, logger: new StatementCountingLogger(), logging: true } as const;
  let options: DataSourceOptions;
  if (isMysqlUrl(target.databaseUrl)) {
    options = {
      ...common,
      type: 'mysql',
      url: target.databaseUrl,
      charset: 'utf8mb4',
      timezone: 'Z',
      dateStrings: false,
      migrations: parts.migrations,
      migrationsRun: true,
      synchronize: false,
      extra: { connectionLimit: 10 },
    };
  } else {
    mkdirSync(path.resolve(target.dataDir), { recursive: true });
    options = { ...common, type: 'sqljs', location: embeddedFile(target), autoSave: true, synchronize: true };
  }
  return new DataSource(options);
}
