import { BadUserInputError, MedAllianceError, isErrorCode } from '../../../common/errors';

/** Where an alliance row was served: the `servedBy` of every row the alliance writes. */
export const ALLIANCE_SERVED_BY = 'alliance';

/** The operation hash of a row whose operation document is not known (rows carried over from the unchained log). */
export const UNKNOWN_OPERATION_HASH = '0'.repeat(64);

export type AuditOutcome = 'OK' | 'DENIED' | 'ERROR';

/**
 * A write's row names the mutation and, when known, the object written, as
 * `acceptReferral:ref-…`: the shared `AuditEntry` has no column for a target, and the
 * operation name is the one place that always identifies what was done. Mutation names
 * never contain a colon; target ids may, so only the first colon separates.
 */
export function operationLabel(operation: string, targetId?: string | null): string {
  // a label longer than the column is cut with its hash when the row is written (audit-columns.ts)
  return targetId ? `${operation}:${targetId}` : operation;
}

export function splitOperationLabel(label: string | null): { operation: string; targetId: string | null } {
  if (!label) return { operation: '(anonymous)', targetId: null };
  const colon = label.indexOf(':');
  return colon < 0 ? { operation: label, targetId: null } : { operation: label.slice(0, colon), targetId: label.slice(colon + 1) };
}

/** FORBIDDEN and UNAUTHENTICATED are refusals by the access rules; any other failure is an ERROR. */
export function outcomeOfCode(code: string | null): AuditOutcome {
  if (code === null || code === 'OK' || code === 'SUCCESS') return 'OK';
  if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' || code === 'DENIED') return 'DENIED';
  return 'ERROR';
}

export function outcomeOfError(error: unknown): AuditOutcome {
  return outcomeOfCode(error instanceof MedAllianceError ? error.code : 'INTERNAL_SERVER_ERROR');
}

/** A patient reference as the shared audit stores it: an MPI id, or `hospitalId:mrn` for a chart. */
export function parsePatientRef(reference: string): { mpiId?: string; hospitalId?: string; mrn?: string } {
  const colon = reference.indexOf(':');
  return colon < 0 ? { mpiId: reference } : { hospitalId: reference.slice(0, colon), mrn: reference.slice(colon + 1) };
}

/** An `outcome` filter: OK, DENIED or ERROR; SUCCESS and error codes (the unchained log's values) are read as their outcome. */
export function outcomeFilter(value: string): AuditOutcome {
  if (value === 'OK' || value === 'DENIED' || value === 'ERROR' || value === 'SUCCESS' || isErrorCode(value)) return outcomeOfCode(value);
  throw new BadUserInputError('outcome must be OK, DENIED or ERROR.', { argument: 'filter.outcome' });
}

/** `value` inside a LIKE pattern, with `!` as the escape character (the same on SQLite and MySQL). */
export function likeLiteral(value: string): string {
  return value.replace(/[!%_]/g, (c) => `!${c}`);
}
