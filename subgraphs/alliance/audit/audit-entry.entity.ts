import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PatientRef } from './audit-types';

/**
 * One alliance write, successful or refused. Append-only; `id` is the order of the log,
 * which the hash chain of a later version will follow.
 */
@Entity({ name: 'audit_entry' })
@Index('idx_audit_time', ['at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  @Column({ name: 'hospital_id', type: 'varchar', length: 64, nullable: true })
  hospitalId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  purpose: string | null;

  @Column({ type: 'varchar', length: 64 })
  operation: string;

  @Column({ name: 'target_id', type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  /** SUCCESS, or the error code of a refused write. */
  @Column({ type: 'varchar', length: 32 })
  outcome: string;

  @Column({ name: 'patient_refs', type: 'simple-json' })
  patientRefs: PatientRef[];
}
