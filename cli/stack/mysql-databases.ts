import mysql from 'mysql2/promise';
import { mysqlDatabaseName } from '../../subgraphs/runtime/db/create-data-source';

/** `mysql://u:p@h:port` + a process name → that process's DATABASE_URL. */
export function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${mysqlDatabaseName(name)}`;
  return url.toString();
}

/** Creates each process's database when missing, so `MYSQL_URL=… npm start` needs nothing else. */
export async function ensureDatabases(serverUrl: string, names: string[]): Promise<void> {
  const url = new URL(serverUrl);
  url.pathname = '/';
  const connection = await mysql.createConnection({ uri: url.toString(), connectTimeout: 5000 });
  try {
    for (const name of names) {
      await connection.query(`CREATE DATABASE IF NOT EXISTS \`${mysqlDatabaseName(name)}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
  } finally {
    await connection.end();
  }
}
