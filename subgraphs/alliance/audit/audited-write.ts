import type { DataSource, EntityManager } from 'typeorm';
import { withAuditChain } from '../../runtime/audit/audit-chain';
import { outcomeOfError } from './audit-labels';
import { recordAudit, type AuditRequest } from './record-audit';

/** What the write tells the audit about itself while it runs. */
export interface AuditNote {
  targetId?: string;
  /** MPI ids of the patients the write concerns. */
  patientRefs?: string[];
}

export interface AuditedWriteContext extends AuditRequest {
  dataSource: DataSource;
}

/**
 * Runs one alliance write as one transaction and audits it: success in the same
 * transaction; a refused or failed write in a transaction of its own after the rollback,
 * so refusals (DENIED) and failures (ERROR) are on record too.
 */
export async function auditedWrite<T>(ctx: AuditedWriteContext, operation: string, work: (manager: EntityManager, note: AuditNote) => Promise<T>): Promise<T> {
  const note: AuditNote = {};
  try {
    return await withAuditChain(ctx.dataSource, async (manager, append) => {
      const result = await work(manager, note);
      await recordAudit(append, ctx, { at: new Date(), operation, outcome: 'OK', targetId: note.targetId, patientRefs: note.patientRefs });
      return result;
    });
  } catch (error) {
    await withAuditChain(ctx.dataSource, (_manager, append) =>
      recordAudit(append, ctx, { at: new Date(), operation, outcome: outcomeOfError(error), targetId: note.targetId, patientRefs: note.patientRefs }),
    );
    throw error;
  }
}

/**
 * Records a write refused before its transaction opened (by the access guard, or because a
 * member did not confirm what it names) exactly as a refusal inside `auditedWrite`.
 */
export function refusedWrite(ctx: AuditedWriteContext, operation: string, error: unknown, note: AuditNote = {}): Promise<never> {
  return auditedWrite(ctx, operation, async (_manager, written) => {
    Object.assign(written, note);
    throw error;
  });
}
