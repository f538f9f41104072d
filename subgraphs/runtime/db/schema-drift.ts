import mysql from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';

export type MysqlFlavour = 'mysql' | 'mariadb';

/**
 * Which server answers at `url`. TypeORM reads MariaDB's catalogue correctly only with
 * `type: 'mariadb'`: under `type: 'mysql'` it takes MariaDB's COLUMN_DEFAULT "NULL" for a
 * literal default, so every nullable column (and every index on one) looks changed.
 */
export async function mysqlFlavour(url: string): Promise<MysqlFlavour> {
  const connection = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as { version: string }[])[0]?.version ?? '');
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

export interface MigrationTarget {
  url: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/** A DataSource for maintenance work (migrate, drift check): the server's own flavour, no statement logging. */
export async function maintenanceDataSource(target: MigrationTarget): Promise<DataSource> {
  return new DataSource({
    type: await mysqlFlavour(target.url),
    url: target.url,
    charset: 'utf8mb4',
    timezone: 'Z',
    entities: target.entities,
    migrations: target.migrations,
    migrationsRun: false,
    synchronize: false,
  });
}

/**
 * The statements TypeORM's schema builder would run to make the database match the
 * entities; empty when the migrations produce exactly the schema the entities expect.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
