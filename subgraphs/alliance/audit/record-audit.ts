import type { AppendInTransaction } from '../../runtime/audit/audit-chain';
import type { Caller } from '../../../common/auth/caller';
import { ALLIANCE_SERVED_BY, operationLabel, type AuditOutcome } from './audit-labels';

/** The request a write belongs to. */
export interface AuditRequest {
  requestId: string;
  caller: Caller | null;
  /** sha256 of the operation document (`operationFactsPlugin`). */
  operationHash: string;
}

export interface AuditRecord {
  at: Date;
  /** The mutation, e.g. `acceptReferral`. */
  operation: string;
  targetId?: string | null;
  outcome: AuditOutcome;
  /** MPI ids (or `hospitalId:mrn`) of the patients the write concerns. */
  patientRefs?: string[];
}

/**
 * The one way an alliance write reaches the audit trail (DESIGN 5): a row of the shared
 * hash-chained `audit_entry` (`subgraphs/runtime/audit`), the same table and verifier the
 * members use. `append` comes from `withAuditChain`, so the row commits or rolls back with
 * the write it describes and is chained to the true last row.
 */
export async function recordAudit(append: AppendInTransaction, request: AuditRequest, entry: AuditRecord): Promise<void> {
  const caller = request.caller;
  await append({
    at: entry.at,
    requestId: request.requestId,
    subject: caller?.subject ?? 'anonymous',
    role: caller?.role ?? 'none',
    callerHospitalId: caller?.hospitalId ?? null,
    servedBy: ALLIANCE_SERVED_BY,
    purpose: caller?.purpose ?? null,
    action: 'WRITE',
    operationName: operationLabel(entry.operation, entry.targetId),
    operationHash: request.operationHash,
    patientRefs: JSON.stringify([...new Set(entry.patientRefs ?? [])].sort()),
    outcome: entry.outcome,
  });
}
