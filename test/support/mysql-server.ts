import mysql from 'mysql2/promise';

/**
 * Which MySQL/MariaDB server the suite uses and whether it answers. Free of jest's
 * globals: the global setup (no test framework loaded there) probes with it.
 */
export const MYSQL_SERVER_URL = process.env.MYSQL_TEST_URL ?? 'mysql://root@127.0.0.1:3306';
export const MYSQL_REQUIRED = process.env.MEDALLIANCE_REQUIRE_MYSQL === 'true';
/** The global setup's verdict, read by every test file ('true' or 'false'). */
export const MYSQL_AVAILABLE_ENV = 'MEDALLIANCE_MYSQL_AVAILABLE';

/** host:port of the server, without the credentials the URL may carry. */
export function mysqlServerLabel(url = MYSQL_SERVER_URL): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '3306'}`;
  } catch {
    return 'MYSQL_TEST_URL (not a URL)';
  }
}

/** Connects once (a short timeout: locally a missing server is the common case); the failure's message, or null when it answers. */
export async function probeMysql(url = MYSQL_SERVER_URL, timeoutMs = 2000): Promise<string | null> {
  try {
    const connection = await mysql.createConnection({ uri: url, connectTimeout: timeoutMs });
    await connection.end();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || String((error as NodeJS.ErrnoException).code) : String(error);
  }
}
