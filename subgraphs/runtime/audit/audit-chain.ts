import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
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

/**
 * Appends one row to the chain. Appends of one process queue up so each reads the true
 * last hash; the unique hash index refuses a fork should two processes ever share a
 * database. Milliseconds are truncated first so the stored row hashes the same on read.
 */
export function appendAudit(dataSource: DataSource, input: AuditFields): Promise<AuditEntry> {
  const fields = { ...input, at: new Date(Math.floor(input.at.getTime())) };
  const previous = appendQueues.get(dataSource) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(async () => {
      const repo = dataSource.getRepository(AuditEntry);
      const [last] = await repo.find({ order: { seq: 'DESC' }, take: 1 });
      const prevHash = last?.hash ?? GENESIS_HASH;
      return repo.save(repo.create({ ...fields, prevHash, hash: hashAuditRow(fields, prevHash) }));
    });
  appendQueues.set(dataSource, run);
  return run;
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
        return { ok: false, rows, brokenAtSeq: row.seq, problem: expectedSeq !== undefined && row.seq !== expectedSeq ? 'a row before this one was deleted' : 'the link to the previous row does not match' };
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
