import type { DataSource, EntityManager } from 'typeorm';
import { MedAllianceError } from '../../../common/errors';
import type { Caller } from '../../runtime/auth/caller';
import { inTransaction } from '../../runtime/db/serialized-transaction';
import type { PatientRef } from './audit-types';
import { recordAudit } from './record-audit';

/** What the write tells the audit about itself while it runs. */
export interface AuditNote {
  targetId?: string;
  patientRefs?: PatientRef[];
}

/**
 * Runs one alliance write as one transaction and audits it: success in the same
 * transaction; a refused or failed write in a transaction of its own after the rollback,
 * so refusals (FORBIDDEN, CONFLICT …) are on record too.
 */
export async function auditedWrite<T>(
  dataSource: DataSource,
  caller: Caller | null,
  operation: string,
  work: (manager: EntityManager, note: AuditNote) => Promise<T>,
): Promise<T> {
  const note: AuditNote = {};
  try {
    return await inTransaction(dataSource, async (manager) => {
      const result = await work(manager, note);
      await recordAudit(manager, { at: new Date(), caller, operation, outcome: 'SUCCESS', targetId: note.targetId, patientRefs: note.patientRefs });
      return result;
    });
  } catch (error) {
    const outcome = error instanceof MedAllianceError ? error.code : 'INTERNAL_SERVER_ERROR';
    await inTransaction(dataSource, (manager) =>
      recordAudit(manager, { at: new Date(), caller, operation, outcome, targetId: note.targetId, patientRefs: note.patientRefs }),
    );
    throw error;
  }
}
