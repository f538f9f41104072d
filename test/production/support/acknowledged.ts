import { once } from 'node:events';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { createScratchDatabase } from '../../support/mysql';
import { spawnCli, type SpawnedService } from '../../support/spawn-cli';

export type DatabaseKind = 'embedded' | 'mysql';

/**
 * A process as production runs it: the built CLI, NODE_ENV unset (Apollo Server installs
 * its own signal handlers only outside NODE_ENV=test; the tests must see what production
 * sees).
 */
export function spawnProduction(args: string[], env: NodeJS.ProcessEnv): Promise<SpawnedService> {
  return spawnCli(args, { ...env, NODE_ENV: undefined });
}

/** Sends `signal` and resolves with how the process ended. */
export async function signalAndWait(service: SpawnedService, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  child.kill(signal);
  const [code, endedBy] = await exited;
  return { code, signal: endedBy };
}

/** Where one process keeps its data: its embedded file under `dataDir`, or a scratch MariaDB database. */
export interface Storage {
  env: NodeJS.ProcessEnv;
  /** `request_id`s of `audit_entry` rows among `requestIds` that are stored. */
  auditedRequestIds(requestIds: string[]): Promise<string[]>;
  drop(): Promise<void>;
}

export async function openStorage(kind: DatabaseKind, dataDir: string, file: string): Promise<Storage> {
  const scratch = kind === 'mysql' ? await createScratchDatabase('durable') : undefined;
  const placeholders = (ids: string[]) => ids.map(() => '?').join(', ');
  return {
    env: { MEDALLIANCE_DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '' },
    async auditedRequestIds(requestIds) {
      const sql = `SELECT request_id AS id FROM audit_entry WHERE request_id IN (${placeholders(requestIds)})`;
      if (!scratch) {
        // a reader beside the running process: WAL shows it every committed row
        const db = new Database(file, { fileMustExist: true, readonly: true });
        try {
          return (db.prepare(sql).all(...requestIds) as { id: string }[]).map((r) => r.id);
        } finally {
          db.close();
        }
      }
      const connection = await mysql.createConnection({ uri: scratch.url });
      try {
        const [rows] = await connection.query(sql, requestIds);
        return (rows as { id: string }[]).map((r) => r.id);
      } finally {
        await connection.end();
      }
    },
    drop: async () => scratch?.drop(),
  };
}
