import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Column sizes in characters; `fitAuditColumns` cuts longer values to them (with their hash). */
export const AUDIT_COLUMN_LENGTHS = {
  requestId: 100,
  subject: 200,
  role: 20,
  callerHospitalId: 64,
  servedBy: 64,
  purpose: 20,
  action: 10,
  operationName: 200,
  operationHash: 64,
  outcome: 20,
} as const;

/** A TEXT column holds at most 65,535 bytes on MySQL/MariaDB. */
export const AUDIT_TEXT_MAX_BYTES = 65_535;

const L = AUDIT_COLUMN_LENGTHS;

/**
 * One PHI read or write served by this subgraph (DESIGN 5). Append-only: each row holds
 * the hash of the previous row, so an edited or deleted row breaks the chain and
 * `verifyAuditChain` finds it. Never holds result values or names; patient references
 * are the identifiers (hospitalId:mrn or mpiId) an investigator needs.
 */
@Entity({ name: 'audit_entry' })
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq: number;

  @Index('idx_audit_at')
  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ name: 'request_id', type: 'varchar', length: L.requestId })
  requestId: string;

  @Column({ type: 'varchar', length: L.subject })
  subject: string;

  @Column({ type: 'varchar', length: L.role })
  role: string;

  /** The hospital the caller acts for. */
  @Column({ name: 'caller_hospital_id', type: 'varchar', length: L.callerHospitalId, nullable: true })
  callerHospitalId: string | null;

  /** The subgraph that served and recorded the access (a hospital id or "alliance"). */
  @Column({ name: 'served_by', type: 'varchar', length: L.servedBy })
  servedBy: string;

  @Column({ type: 'varchar', length: L.purpose, nullable: true })
  purpose: string | null;

  @Column({ type: 'varchar', length: L.action })
  action: 'READ' | 'WRITE';

  @Column({ name: 'operation_name', type: 'varchar', length: L.operationName, nullable: true })
  operationName: string | null;

  /** sha256 of the operation document: which query, without its variables. */
  @Column({ name: 'operation_hash', type: 'varchar', length: L.operationHash })
  operationHash: string;

  /** JSON array of patient references, e.g. ["dh-lead:LEAD0100000"]. */
  @Column({ name: 'patient_refs', type: 'text' })
  patientRefs: string;

  @Column({ type: 'varchar', length: L.outcome })
  outcome: 'OK' | 'DENIED' | 'ERROR';

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash: string;

  @Index('uq_audit_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
