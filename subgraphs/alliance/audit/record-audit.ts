import type { EntityManager } from 'typeorm';
import type { Caller } from '../../runtime/auth/caller';
import { AuditEntryEntity } from './audit-entry.entity';
import type { PatientRef } from './audit-types';

export interface AuditRecord {
  at: Date;
  caller: Caller | null;
  operation: string;
  outcome: string;
  targetId?: string | null;
  patientRefs?: PatientRef[];
}

/**
 * The one way an alliance write reaches the audit table (DESIGN 5). Callers pass the
 * transaction's manager, so the entry commits with the write it describes; a later
 * version chains each row to the hash of the previous one here, and nowhere else.
 */
export async function recordAudit(manager: EntityManager, entry: AuditRecord): Promise<void> {
  await manager.getRepository(AuditEntryEntity).insert({
    at: entry.at,
    subject: entry.caller?.subject ?? 'anonymous',
    role: entry.caller?.role ?? 'none',
    hospitalId: entry.caller?.hospitalId ?? null,
    purpose: entry.caller?.purpose ?? null,
    operation: entry.operation,
    targetId: entry.targetId ?? null,
    outcome: entry.outcome,
    patientRefs: entry.patientRefs ?? [],
  });
}
