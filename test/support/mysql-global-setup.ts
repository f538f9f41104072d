import { MYSQL_AVAILABLE_ENV, MYSQL_REQUIRED, MYSQL_SERVER_URL, mysqlServerLabel, probeMysql } from './mysql-server';

/**
 * jest's global setup: probes the MySQL/MariaDB server once per run, before any test file
 * is collected, so that `describeMysql`/`itMysql` (./mysql) can declare the MySQL half
 * skipped at collection time. The verdict travels in the environment, which the workers
 * inherit. With MEDALLIANCE_REQUIRE_MYSQL=true (CI) a missing server fails the run here.
 */
export default async function probeMysqlOnce(): Promise<void> {
  const failure = await probeMysql(MYSQL_SERVER_URL);
  if (failure !== null && MYSQL_REQUIRED) {
    throw new Error(`MySQL/MariaDB is required (MEDALLIANCE_REQUIRE_MYSQL=true) but no server answers at ${mysqlServerLabel()}: ${failure}`);
  }
  process.env[MYSQL_AVAILABLE_ENV] = failure === null ? 'true' : 'false';
  if (failure !== null) {
    process.stderr.write(
      `\nMySQL/MariaDB tests are skipped: no server at ${mysqlServerLabel()} (${failure}). Set MYSQL_TEST_URL to use another server, MEDALLIANCE_REQUIRE_MYSQL=true to fail instead.\n`,
    );
  }
}
