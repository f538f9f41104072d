import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../../../common/auth/caller';
import { withAuditChain, type AuditFields } from './audit-chain';
import type { AuditRecorder } from './audit-recorder';

/** What one request tells its audit row. */
export interface AuditedRequest {
  dataSource: DataSource;
  requestId: string;
  caller: Caller | null;
  audit: AuditRecorder;
  /** The GraphQL operation's name and the sha256 of its document (`operationFactsPlugin`). */
  operationName: string | null;
  operationHash: string;
}

/** The request's row: who, for which hospital and purpose, what it touched, how it ended. */
export function auditRowOf(request: Omit<AuditedRequest, 'dataSource'>, servedBy: string, outcome: AuditFields['outcome']): AuditFields {
  const caller = request.caller;
  return {
    at: new Date(),
    requestId: request.requestId,
    subject: caller?.subject ?? 'anonymous',
    role: caller?.role ?? 'none',
    callerHospitalId: caller?.hospitalId ?? null,
    servedBy,
    purpose: caller?.purpose ?? null,
    action: request.audit.action,
    operationName: request.operationName,
    operationHash: request.operationHash,
    patientRefs: JSON.stringify(request.audit.patientReferences()),
    outcome,
  };
}

/**
 * DESIGN 5: a PHI write and its audit row commit in one transaction, or neither does.
 * `work` writes through `manager` and notes the patients it concerns on `request.audit`;
 * the row is appended in the same transaction, so a row that cannot be written (a full
 * disk, a strict database refusing it) rolls the write back and the caller gets an error.
 * A refused or failed write leaves nothing to roll back: `auditPlugin` records its
 * DENIED or ERROR row when the response is sent, from what the recorder still holds.
 */
export function auditedWrite<T>(request: AuditedRequest, servedBy: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  request.audit.noteWrite();
  const committed = withAuditChain(request.dataSource, async (manager, append) => {
    const result = await work(manager);
    await append(auditRowOf(request, servedBy, 'OK'));
    return result;
  });
  // only once committed: a failed commit leaves the notes for the plugin's ERROR row
  return committed.then((result) => {
    request.audit.markRecorded();
    return result;
  });
}
