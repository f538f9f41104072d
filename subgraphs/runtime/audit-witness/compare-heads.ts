import type { DataSource } from 'typeorm';
import { GENESIS_HASH } from '../audit/audit-chain';
import { AuditEntry } from '../audit/audit-entry.entity';

export interface HeadToCompare {
  rows: number;
  lastHash: string;
  signedAt: Date;
}

export type HeadProblemKind = 'WIPED' | 'TRUNCATED' | 'REPLACED' | 'RECOMPUTED';

export interface HeadComparison {
  /** Rows in the local chain. */
  rows: number;
  /** Heads the chain agrees with. */
  matched: number;
  problem?: { kind: HeadProblemKind; firstBadRow: number; message: string };
}

interface RowAt {
  seq: number;
  hash: string;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;
const when = (head: HeadToCompare) => head.signedAt.toISOString();

/** One pass over the chain: its length, the last seq, and the row at every position a head names (1 = first row). */
async function rowsAt(dataSource: DataSource, positions: Set<number>, batchSize = 5000): Promise<{ rows: number; lastSeq: number; at: Map<number, RowAt> }> {
  const repo = dataSource.getRepository(AuditEntry);
  const at = new Map<number, RowAt>();
  let rows = 0;
  let lastSeq = 0;
  for (;;) {
    const batch = await repo.createQueryBuilder('a').select(['a.seq', 'a.hash']).where('a.seq > :lastSeq', { lastSeq }).orderBy('a.seq', 'ASC').take(batchSize).getMany();
    if (batch.length === 0) break;
    for (const row of batch) {
      rows += 1;
      lastSeq = row.seq;
      if (rows === 1 || positions.has(rows) || positions.has(rows - 1)) at.set(rows, { seq: row.seq, hash: row.hash });
    }
  }
  return { rows, lastSeq, at };
}

/**
 * Compares the local chain with the heads its witness holds (DESIGN 5). A head says "the
 * chain had `rows` rows and row `rows` hashed to `lastHash`": the chain must still have at
 * least that many rows (else TRUNCATED, or WIPED when empty), and its row at that place
 * must still hash to it. When it does not, the rows after the last head that still
 * matches were rewritten (RECOMPUTED, even with every hash recomputed), or, when no head
 * matches at all, the chain is another one (REPLACED). The first problem in row order is
 * reported, with the first row no matching head vouches for.
 */
export async function compareWithHeads(dataSource: DataSource, heads: HeadToCompare[]): Promise<HeadComparison> {
  const sorted = [...heads].filter((h) => h.rows > 0 || h.lastHash !== GENESIS_HASH).sort((a, b) => a.rows - b.rows || a.signedAt.getTime() - b.signedAt.getTime());
  const chain = await rowsAt(dataSource, new Set(sorted.map((h) => h.rows)));
  let matched = heads.length - sorted.length;
  let good: HeadToCompare | undefined;
  for (const head of sorted) {
    if (head.rows > chain.rows) {
      if (chain.rows === 0) {
        const most = sorted[sorted.length - 1];
        const count = most.rows === 1 ? '1 row was' : `${most.rows} rows were`;
        return {
          rows: 0,
          matched,
          problem: {
            kind: 'WIPED',
            firstBadRow: 1,
            message: `the chain is empty, but ${count} witnessed at ${when(most)}: it was wiped; the first missing row is 1`,
          },
        };
      }
      const firstMissing = chain.lastSeq + 1;
      return {
        rows: chain.rows,
        matched,
        problem: {
          kind: 'TRUNCATED',
          firstBadRow: firstMissing,
          message: `the chain has ${chain.rows === 1 ? '1 row' : `${chain.rows} rows`}, but ${head.rows} were witnessed at ${when(head)}: rows were removed from its end; the first missing row is ${firstMissing}`,
        },
      };
    }
    const row = chain.at.get(head.rows);
    if (row && row.hash === head.lastHash) {
      matched += 1;
      good = head;
      continue;
    }
    const differing = row?.seq ?? head.rows;
    if (!good || good.rows === 0) {
      const first = chain.at.get(1)?.seq ?? 1;
      return {
        rows: chain.rows,
        matched,
        problem: {
          kind: 'REPLACED',
          firstBadRow: first,
          message: `the chain does not contain the head witnessed at ${when(head)} (row ${differing} should hash to ${short(head.lastHash)}) and matches no witnessed head: the file was replaced; the first bad row is ${first}`,
        },
      };
    }
    const first = chain.at.get(good.rows + 1)?.seq ?? good.rows + 1;
    return {
      rows: chain.rows,
      matched,
      problem: {
        kind: 'RECOMPUTED',
        firstBadRow: first,
        message: `row ${differing} no longer hashes to the head witnessed at ${when(head)} (${short(head.lastHash)}), while the head witnessed at ${when(good)} (${good.rows} rows) still matches: rows after it were rewritten and their hashes recomputed; the first bad row is ${first}`,
      },
    };
  }
  return { rows: chain.rows, matched };
}
