import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

/**
 * The MySQL/MariaDB half of the suite. Locally, without a server, it skips with a
 * visible message; CI sets MEDALLIANCE_REQUIRE_MYSQL=true so that a missing server fails.
 */
export const MYSQL_SERVER_URL = process.env.MYSQL_TEST_URL ?? 'mysql://root@127.0.0.1:3306';
export const MYSQL_REQUIRED = process.env.MEDALLIANCE_REQUIRE_MYSQL === 'true';

let availability: Promise<boolean> | undefined;

export function mysqlAvailable(): Promise<boolean> {
  availability ??= (async () => {
    try {
      const connection = await mysql.createConnection({ uri: MYSQL_SERVER_URL, connectTimeout: 3000 });
      await connection.end();
      return true;
    } catch (error) {
      if (MYSQL_REQUIRED) throw new Error(`MySQL is required (MEDALLIANCE_REQUIRE_MYSQL=true) but unreachable: ${(error as Error).message}`);
      // eslint-disable-next-line no-console
      console.warn(`MySQL suite skipped: no server at ${MYSQL_SERVER_URL.replace(/\/\/[^@]*@/, '//')} (set MEDALLIANCE_REQUIRE_MYSQL=true to fail instead).`);
      return false;
    }
  })();
  return availability;
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
