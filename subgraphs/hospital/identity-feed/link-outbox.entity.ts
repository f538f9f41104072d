import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A chart's link to the alliance's master patient index that has not been acknowledged
 * yet. Written in the transaction that creates the chart (`registerPatient`,
 * `import-fhir`), so a chart never exists without its pending link; deleted only when
 * the alliance answered with the person (`link-drainer.ts`). Never given up on.
 */
@Entity({ name: 'patient_link_outbox' })
@Index('idx_link_outbox_due', ['nextAttemptAt'])
export class LinkOutboxEntity {
  /** Also the idempotency key of the alliance call, so a retry after a lost answer is one link. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  mrn: string;

  /** JSON of name, birthDate, sex and nationalId: what `linkPatientRecord` needs, kept only until acknowledged. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 })
  nextAttemptAt: Date;

  /** Error code of the last attempt (never a message, URL or PHI). */
  @Column({ name: 'last_error', type: 'varchar', length: 64, nullable: true, default: null })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
