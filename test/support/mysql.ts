import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { MYSQL_AVAILABLE_ENV, MYSQL_SERVER_URL, mysqlServerLabel } from './mysql-server';

export { MYSQL_REQUIRED, MYSQL_SERVER_URL } from './mysql-server';

/**
 * The MySQL/MariaDB half of the suite. The global setup (./mysql-global-setup) probes the
 * server once per run; here its verdict decides at collection time whether a MySQL test is
 * declared or declared skipped, with the reason in its title, so that jest reports it as
 * skipped rather than passed. CI sets MEDALLIANCE_REQUIRE_MYSQL=true: a missing server fails.
 */
function mysqlIsAvailable(): boolean {
  const verdict = process.env[MYSQL_AVAILABLE_ENV];
  if (verdict === 'true') return true;
  if (verdict === 'false') return false;
  throw new Error(`${MYSQL_AVAILABLE_ENV} is not set: run the tests with jest.config.js, whose global setup probes the MySQL server once.`);
}

/** Appended to the title of a skipped MySQL test or group: the reason jest shows next to it. */
export const MYSQL_SKIP_REASON = `[skipped: no MySQL server at ${mysqlServerLabel()}]`;

/** `describe` when the server answers; otherwise the group and all its tests are skipped (its hooks do not run). */
export function describeMysql(name: string, fn: () => void): void {
  if (mysqlIsAvailable()) describe(name, fn);
  else describe.skip(`${name} ${MYSQL_SKIP_REASON}`, fn);
}

/** `it` when the server answers; otherwise the test is skipped. */
export function itMysql(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (mysqlIsAvailable()) it(name, fn, timeout);
  else it.skip(`${name} ${MYSQL_SKIP_REASON}`, fn, timeout);
}

export type DatabaseKind = 'embedded' | 'mysql';

/** `describe` for a table over both databases: the embedded one always runs, the MySQL one when the server answers. */
export function describeOn(kind: DatabaseKind): (name: string, fn: () => void) => void {
  return kind === 'mysql' ? describeMysql : describe;
}

/** `it` for a table over both databases (see describeOn). */
export function itOn(kind: DatabaseKind): (name: string, fn: jest.ProvidesCallback, timeout?: number) => void {
  return kind === 'mysql' ? itMysql : it;
}

/** Whether the server answered the run's probe, for harnesses that set up a MySQL part only when it is there. */
export async function mysqlAvailable(): Promise<boolean> {
  return mysqlIsAvailable();
}

/** Creates a fresh database and returns its URL and a function that drops it. */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`.replace(/[^a-z0-9_]/gi, '_');
  const admin = await mysql.createConnection({ uri: MYSQL_SERVER_URL });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const base = MYSQL_SERVER_URL.replace(/\/$/, '');
  return {
    url: `${base}/${name}`,
    name,
    async drop() {
      const c = await mysql.createConnection({ uri: MYSQL_SERVER_URL });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/**
 * A TypeORM DataSource on a fresh scratch database, its tables made from `entities`
 * (synchronize), in UTC and utf8mb4 as the subgraphs connect; `close` destroys it and drops
 * the database.
 */
export async function scratchDataSource(
  prefix: string,
  options: Pick<DataSourceOptions, 'entities' | 'logger' | 'logging'>,
): Promise<{ dataSource: DataSource; close(): Promise<void> }> {
  // loaded here: most suites that import this file never make a DataSource
  const { DataSource } = await import('typeorm');
  const scratch = await createScratchDatabase(prefix);
  const dataSource = new DataSource({ type: 'mysql', url: scratch.url, synchronize: true, timezone: 'Z', charset: 'utf8mb4', ...options });
  await dataSource.initialize();
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await scratch.drop();
    },
  };
}
