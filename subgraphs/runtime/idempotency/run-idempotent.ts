import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError } from '../../../common/errors';
import { IdempotencyRecord } from './idempotency-record.entity';

/** Stable JSON: object keys sorted, so the same input always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
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

/**
 * DESIGN 5: the same key with the same input returns the first result; with a different
 * input, CONFLICT. Runs inside the caller's transaction so the record and the write
 * commit together. `perform` returns the new object's id; `load` reads it back.
 */
export async function runIdempotent<T>(
  manager: EntityManager,
  call: IdempotentCall,
  perform: () => Promise<string>,
  load: (id: string) => Promise<T>,
): Promise<T> {
  const key = call.key.trim();
  if (key.length === 0 || key.length > 200) throw new BadUserInputError('idempotencyKey must be 1 to 200 characters.', { argument: 'idempotencyKey' });
  const inputHash = hashInput(call.input);
  const repo = manager.getRepository(IdempotencyRecord);
  const existing = await repo.findOne({ where: { operation: call.operation, idempotencyKey: key } });
  if (existing) {
    if (existing.inputHash !== inputHash) {
      throw new ConflictError('This idempotencyKey was already used with a different input.', { argument: 'idempotencyKey' });
    }
    return load(existing.resultId);
  }
  const resultId = await perform();
  await repo.insert({ operation: call.operation, idempotencyKey: key, inputHash, resultId });
  return load(resultId);
}
