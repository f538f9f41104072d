import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource, EntityManager } from 'typeorm';
import { isEmbeddedDatabase } from '../db/create-data-source';
import { embeddedConnectionOf, entityRows, placeholders, runEmbedded, type EntityRows } from '../db/entity-rows';
import { inEmbeddedTurn, inTransaction } from '../db/serialized-transaction';
import { fitAuditColumns } from './audit-columns';
import { AuditEntry } from './audit-entry.entity';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditFields = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/** The hash covers every field and the previous hash, in a fixed order. */
export function hashAuditRow(fields: AuditFields, prevHash: string): string {
  const canonical = JSON.stringify([
    fields.at.toISOString(),
    fields.requestId,
    fields.subject,
    fields.role,
    fields.callerHospitalId,
    fields.servedBy,
    fields.purpose,
    fields.action,
    fields.operationName,
    fields.operationHash,
    fields.patientRefs,
    fields.outcome,
    prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const appendQueues = new WeakMap<DataSource, Promise<unknown>>();

/** Runs `task` after every append (or chained transaction) queued before it on this DataSource. */
function queued<T>(dataSource: DataSource, task: () => Promise<T>): Promise<T> {
  const previous = appendQueues.get(dataSource) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(task);
  appendQueues.set(dataSource, run);
  return run;
}

/** The row as it is stored: whole milliseconds, every value fitted to its column (`audit-columns.ts`). */
function storable(input: AuditFields): AuditFields {
  return fitAuditColumns({ ...input, at: new Date(Math.floor(input.at.getTime())) });
}

/** The stored columns of a row, in insert order (`seq` is the database's). */
const INSERTED: readonly Exclude<keyof AuditEntry, 'seq'>[] = [
  'at',
  'requestId',
  'subject',
  'role',
  'callerHospitalId',
  'servedBy',
  'purpose',
  'action',
  'operationName',
  'operationHash',
  'patientRefs',
  'outcome',
  'prevHash',
  'hash',
];

/** The statements of the append on `dataSource`, made once (schema only). */
interface AppendStatements {
  rows: EntityRows<AuditEntry>;
  lastHash: string;
  lastHashForUpdate: string;
  insert: string;
}

const statements = new WeakMap<DataSource, AppendStatements>();

function appendStatements(dataSource: DataSource): AppendStatements {
  let made = statements.get(dataSource);
  if (!made) {
    const rows = entityRows(dataSource, AuditEntry);
    const lastHash = `SELECT ${rows.column('hash')} FROM ${rows.table} ORDER BY ${rows.column('seq')} DESC LIMIT 1`;
    made = {
      rows,
      lastHash,
      lastHashForUpdate: `${lastHash} FOR UPDATE`,
      insert: `INSERT INTO ${rows.table} (${INSERTED.map((p) => rows.column(p)).join(', ')}) VALUES (${placeholders(INSERTED.length)})`,
    };
    statements.set(dataSource, made);
  }
  return made;
}

/**
 * The new row's `seq`: better-sqlite3 answers an INSERT with its `lastInsertRowid`,
 * mysql2 with a result header holding `insertId`.
 */
function insertedSeq(result: unknown): number {
  return Number(typeof result === 'object' && result !== null ? (result as { insertId: number | string }).insertId : result);
}

/** The row that follows `prevHash`, and its INSERT's parameters as the driver stores them. */
function nextRow(sql: AppendStatements, fields: AuditFields, prevHash: string): { row: Omit<AuditEntry, 'seq'>; params: unknown[] } {
  const row: Omit<AuditEntry, 'seq'> = { ...fields, prevHash, hash: hashAuditRow(fields, prevHash) };
  return { row, params: INSERTED.map((p) => sql.rows.param(p, row[p])) };
}

/**
 * Reads the last hash through `manager` (so a transaction sees its own rows) and inserts the
 * next row. Plain statements rather than query builders or `repo.save`: a PHI read appends
 * a row on every request, and building the queries was a visible part of its CPU. Values
 * go through the driver's own conversion, so the row is stored as before.
 */
async function appendWith(manager: EntityManager, input: AuditFields): Promise<AuditEntry> {
  const fields = storable(input);
  const sql = appendStatements(manager.connection);
  // On MySQL the last row is also locked: it narrows, without closing, the window for another
  // process on the same database (one writing process per database is the supported setup).
  // SQLite has no row locks: its transactions take the file's write lock (BEGIN IMMEDIATE).
  const lock = !isEmbeddedDatabase(manager.connection) && manager.queryRunner?.isTransactionActive;
  const last: { hash: string }[] = await manager.query(lock ? sql.lastHashForUpdate : sql.lastHash);
  const { row, params } = nextRow(sql, fields, last[0]?.hash ?? GENESIS_HASH);
  const inserted: unknown = await manager.query(sql.insert, params);
  return Object.assign(new AuditEntry(), row, { seq: insertedSeq(inserted) });
}

/**
 * Appends one row to the chain, in a transaction of its own: on the embedded database a
 * bare save would join whatever transaction is open on the one connection, and be undone
 * with it. Appends of one process queue up so each reads the true last hash; the unique
 * hash index refuses a fork should two processes ever share a database. Values are fitted
 * first (milliseconds truncated, long values cut with their hash) so the stored row hashes
 * the same on read and fits on a strict MySQL.
 */
export function appendAudit(dataSource: DataSource, input: AuditFields): Promise<AuditEntry> {
  if (embeddedConnectionOf(dataSource)) return queued(dataSource, () => inEmbeddedTurn(dataSource, () => appendEmbedded(dataSource, input)));
  return queued(dataSource, () => inTransaction(dataSource, (manager) => appendWith(manager, input)));
}

/** The append's statements prepared on one embedded connection. */
interface EmbeddedAppend {
  begin: BetterSqlite3.Statement;
  lastHash: BetterSqlite3.Statement<[], string | undefined>;
  insert: BetterSqlite3.Statement<unknown[]>;
  commit: BetterSqlite3.Statement;
  rollback: BetterSqlite3.Statement;
}
const embeddedAppends = new WeakMap<BetterSqlite3.Database, EmbeddedAppend>();

/**
 * `appendWith` in one transaction on the embedded database: the same statements (BEGIN,
 * the last hash, the INSERT, COMMIT), each logged and counted as TypeORM's are, run at
 * once on the one connection in the transactions' turn. A PHI read appends a row on every
 * request, and TypeORM's transaction (query runner, entity manager, events, a promise per
 * statement) cost more CPU than the statements. COMMIT is as durable as any other
 * (`synchronous=FULL` is the connection's); a failure rolls back and is TypeORM's
 * QueryFailedError, as before.
 */
function appendEmbedded(dataSource: DataSource, input: AuditFields): AuditEntry {
  const connection = embeddedConnectionOf(dataSource);
  if (!connection) throw new Error('the embedded database is closed');
  const sql = appendStatements(dataSource);
  let prepared = embeddedAppends.get(connection);
  if (!prepared) {
    prepared = {
      begin: connection.prepare('BEGIN TRANSACTION'),
      lastHash: connection.prepare<[], string | undefined>(sql.lastHash).pluck(),
      insert: connection.prepare<unknown[]>(sql.insert),
      commit: connection.prepare('COMMIT'),
      rollback: connection.prepare('ROLLBACK'),
    };
    embeddedAppends.set(connection, prepared);
  }
  const fields = storable(input);
  runEmbedded(dataSource, 'BEGIN TRANSACTION', [], () => prepared.begin.run());
  try {
    const { row, params } = nextRow(sql, fields, runEmbedded(dataSource, sql.lastHash, [], () => prepared.lastHash.get()) ?? GENESIS_HASH);
    const inserted = runEmbedded(dataSource, sql.insert, params, () => prepared.insert.run(...params));
    runEmbedded(dataSource, 'COMMIT', [], () => prepared.commit.run());
    return Object.assign(new AuditEntry(), row, { seq: Number(inserted.lastInsertRowid) });
  } catch (error) {
    try {
      if (connection.inTransaction) runEmbedded(dataSource, 'ROLLBACK', [], () => prepared.rollback.run());
    } catch {
      // the first failure is the one to report; SQLite ends a transaction it cannot roll back
    }
    throw error;
  }
}

/** Appends rows to the chain from inside a `withAuditChain` transaction. */
export type AppendInTransaction = (fields: AuditFields) => Promise<AuditEntry>;

/**
 * Runs `work` as one transaction (`inTransaction`) whose audit rows commit or roll back
 * with the write they describe. The whole transaction takes its turn in the same queue
 * as `appendAudit`: no other row of this process can be chained between reading the
 * last hash and committing, on SQLite and on MySQL alike (where uncommitted rows are
 * invisible to other connections). Writes of one DataSource therefore run one at a time.
 */
export function withAuditChain<T>(dataSource: DataSource, work: (manager: EntityManager, append: AppendInTransaction) => Promise<T>): Promise<T> {
  return queued(dataSource, () => inTransaction(dataSource, (manager) => work(manager, (fields) => appendWith(manager, fields))));
}

/** What a subgraph signs and has witnessed: how many rows its chain has and the last row's hash. */
export interface ChainHead {
  rows: number;
  lastHash: string;
}

/**
 * The chain's head as committed now. It takes its turn in the append queue, so no row of
 * this process is half-way between reading the last hash and committing.
 */
export function readChainHead(dataSource: DataSource): Promise<ChainHead> {
  // one transaction: on MySQL both reads see one snapshot even if another process appends
  return queued(dataSource, () =>
    inTransaction(dataSource, async (manager) => {
      const repo = manager.getRepository(AuditEntry);
      const rows = await repo.count();
      const last = await repo.createQueryBuilder('a').orderBy('a.seq', 'DESC').limit(1).getOne();
      return { rows, lastHash: last?.hash ?? GENESIS_HASH };
    }),
  );
}

export interface ChainVerdict {
  ok: boolean;
  rows: number;
  /** First row whose stored hash or link does not match, or where a row is missing. */
  brokenAtSeq?: number;
  problem?: string;
}

/** Walks the whole chain in order and recomputes every hash. */
export async function verifyAuditChain(dataSource: DataSource, batchSize = 1000): Promise<ChainVerdict> {
  const repo = dataSource.getRepository(AuditEntry);
  let prevHash = GENESIS_HASH;
  let rows = 0;
  let lastSeq = 0;
  let expectedSeq: number | undefined;
  for (;;) {
    const batch = await repo.createQueryBuilder('a').where('a.seq > :lastSeq', { lastSeq }).orderBy('a.seq', 'ASC').take(batchSize).getMany();
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          rows,
          brokenAtSeq: row.seq,
          problem: expectedSeq !== undefined && row.seq !== expectedSeq ? 'a row before this one was deleted' : 'the link to the previous row does not match',
        };
      }
      if (hashAuditRow(row, row.prevHash) !== row.hash) return { ok: false, rows, brokenAtSeq: row.seq, problem: 'the row was edited after it was written' };
      prevHash = row.hash;
      lastSeq = row.seq;
      expectedSeq = row.seq + 1;
      rows += 1;
    }
  }
  return { ok: true, rows };
}
