import { MoreThan, type DataSource } from 'typeorm';
import type { SignedHead } from './head-token';
import { WitnessedHead } from './witnessed-head.entity';

/**
 * Keeps a received head. A head equal to the newest one kept for its signer (same row
 * count and hash: nothing happened since) adds no evidence and is not stored again.
 */
export async function keepHead(dataSource: DataSource, head: SignedHead, token: string): Promise<void> {
  const repo = dataSource.getRepository(WitnessedHead);
  const newest = await repo.findOne({
    where: { subgraphId: head.subgraphId },
    order: { id: 'DESC' },
  });
  if (newest && newest.rowCount === head.rows && newest.lastHash === head.lastHash) return;
  await repo.insert({
    subgraphId: head.subgraphId,
    rowCount: head.rows,
    lastHash: head.lastHash,
    signedAt: head.signedAt,
    receivedAt: new Date(),
    token,
  });
}

export const HEADS_PAGE = 1000;

/** The heads kept for one signer after `afterId`, oldest first, one page at a time (a year of minutes is half a million heads). */
export function headsOf(dataSource: DataSource, subgraphId: string, afterId = 0, limit = HEADS_PAGE): Promise<WitnessedHead[]> {
  return dataSource.getRepository(WitnessedHead).find({ where: { subgraphId, id: MoreThan(afterId) }, order: { id: 'ASC' }, take: limit });
}
