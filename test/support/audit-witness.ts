import { createServer } from 'node:net';
import { DataSource, type Repository } from 'typeorm';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { hashAuditRow } from '../../subgraphs/runtime/audit/audit-chain';
import { AuditEntry } from '../../subgraphs/runtime/audit/audit-entry.entity';
import { auditKeyName } from '../../subgraphs/runtime/audit-witness/head-token';
import { fetchWitnessedHeads } from '../../subgraphs/runtime/audit-witness/witnessed-heads-client';

/** A port nothing listens on right now, for a process that must be named before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The row counts of the heads a witness holds for `subgraphId`, asked as that subgraph (its own audit key). */
export async function witnessedRowCounts(witnessUrl: string, dataDir: string, subgraphId: string): Promise<number[]> {
  const key = await loadOrCreateSigningKey(dataDir, auditKeyName(subgraphId));
  return (await fetchWitnessedHeads(witnessUrl, key, subgraphId)).heads.map((h) => h.rows);
}

/** Waits (polling the witness, bounded) until it holds a head of exactly `rows` rows. */
export async function waitForWitnessedHead(witnessUrl: string, dataDir: string, subgraphId: string, rows: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await witnessedRowCounts(witnessUrl, dataDir, subgraphId).catch(() => [] as number[]);
    if (counts.includes(rows)) return;
    if (Date.now() > deadline) throw new Error(`no head of ${rows} rows of ${subgraphId} witnessed within ${timeoutMs} ms (held: ${counts.join(', ')})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Edits the audit table of a subgraph's embedded file through TypeORM, as someone with access to the file would. */
export async function editEmbeddedChain(file: string, edit: (repo: Repository<AuditEntry>) => Promise<void>): Promise<void> {
  const dataSource = new DataSource({ type: 'better-sqlite3', database: file, entities: [AuditEntry], synchronize: false });
  await dataSource.initialize();
  try {
    await edit(dataSource.getRepository(AuditEntry));
  } finally {
    await dataSource.destroy();
  }
}

/** What a forger does: rewrites rows from `fromSeq` on and recomputes every hash after them, so the chain verifies locally. */
export async function rehashFrom(repo: Repository<AuditEntry>, fromSeq: number): Promise<void> {
  const rows = await repo.find({ order: { seq: 'ASC' } });
  let prevHash: string | undefined;
  for (const row of rows) {
    if (row.seq >= fromSeq) {
      row.prevHash = prevHash ?? row.prevHash;
      row.hash = hashAuditRow(row, row.prevHash);
      await repo.update({ seq: row.seq }, { prevHash: row.prevHash, hash: row.hash });
    }
    prevHash = row.hash;
  }
}
