import { createHmac, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { MpiSecretEntity } from './mpi-secret.entity';

const SALT_NAME = 'national-id-salt';

/** HMAC-SHA-256 of a normalised national id: equal ids give equal hashes under one salt. */
export function hashNationalId(salt: string, nationalId: string): string {
  return createHmac('sha256', Buffer.from(salt, 'hex')).update(nationalId, 'utf8').digest('hex');
}

/**
 * The alliance's salt, made on first use inside the caller's transaction. Alliance writes
 * run one at a time (`withAuditChain`), so two first uses cannot race.
 */
export async function nationalIdSalt(manager: EntityManager): Promise<string> {
  const existing = await manager.findOneBy(MpiSecretEntity, { name: SALT_NAME });
  if (existing) return existing.value;
  const value = randomBytes(32).toString('hex');
  await manager.insert(MpiSecretEntity, { name: SALT_NAME, value });
  return value;
}
