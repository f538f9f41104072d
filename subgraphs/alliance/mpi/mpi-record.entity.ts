import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** PIX-style cross-reference: this person's chart number at one member. */
@Entity({ name: 'mpi_record' })
@Index('idx_mpi_record_person', ['mpiId'])
@Index('idx_mpi_record_national_id', ['nationalIdHash'])
export class MpiRecordEntity {
  @PrimaryColumn({ name: 'hospital_id', type: 'varchar', length: 64 })
  hospitalId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  mrn: string;

  @Column({ name: 'mpi_id', type: 'varchar', length: 32 })
  mpiId: string;

  /**
   * HMAC-SHA-256 of the chart's national id under the alliance's own salt
   * (`national-id-hash.ts`): enough to match a later chart of the same person, useless
   * for reading the number back. Null when the chart came without one.
   */
  @Column({ name: 'national_id_hash', type: 'varchar', length: 64, nullable: true, default: null })
  nationalIdHash?: string | null;
}
