import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError } from '../../../common/errors';
import { isUniqueViolation } from '../db/unique-violation';
import { IdempotencyRecord } from './idempotency-record.entity';

/** Stable JSON: object keys sorted, so the same input always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashInput(input: unknown): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

export interface IdempotentCall {
  operation: string;
  key: string;
  /** The whole input (without the key itself is fine too); compared by hash. */
  input: unknown;
}

const PENDING = '';

/**
 * Reads the record another transaction committed. A plain read: the claim was this
 * transaction's first statement and MySQL takes the snapshot of a REPEATABLE READ
 * transaction at its first read, which comes after the duplicate-key answer, i.e. after
 * the first holder committed. (A locking read would deadlock: every waiter already holds
 * a share lock on the row from its failed insert.)
 */
function committedRecord(manager: EntityManager, operation: string, idempotencyKey: string): Promise<IdempotencyRecord | null> {
  return manager.getRepository(IdempotencyRecord).findOne({ where: { operation, idempotencyKey } });
}

/**
 * DESIGN 5: the same key with the same input returns the first result — also when the
 * retries arrive at the same moment — and with a different input, CONFLICT. Runs inside
 * the caller's transaction, before any read of it, so the record and the write commit
 * together. The key is claimed first (primary key on operation + key): a concurrent
 * caller with the same key waits on that row until the first transaction ends, then
 * reads its result instead of racing it into a domain conflict such as "slot already
 * booked". `perform` returns the new object's id; `load` reads it back.
 */
export async function runIdempotent<T>(manager: EntityManager, call: IdempotentCall, perform: () => Promise<string>, load: (id: string) => Promise<T>): Promise<T> {
  const key = call.key.trim();
  if (key.length === 0 || key.length > 200) throw new BadUserInputError('idempotencyKey must be 1 to 200 characters.', { argument: 'idempotencyKey' });
  const inputHash = hashInput(call.input);
  const repo = manager.getRepository(IdempotencyRecord);
  try {
    await repo.insert({ operation: call.operation, idempotencyKey: key, inputHash, resultId: PENDING });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await committedRecord(manager, call.operation, key);
    if (!existing || existing.resultId === PENDING)
      throw new ConflictError('This idempotencyKey is in use by a request still running; retry with the same key.', { argument: 'idempotencyKey' });
    if (existing.inputHash !== inputHash) {
      throw new ConflictError('This idempotencyKey was already used with a different input.', { argument: 'idempotencyKey' });
    }
    return load(existing.resultId);
  }
  const resultId = await perform();
  await repo.update({ operation: call.operation, idempotencyKey: key }, { resultId });
  return load(resultId);
}
