import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** PIX-style cross-reference: this person's chart number at one member. */
@Entity({ name: 'mpi_record' })
@Index('idx_mpi_record_person', ['mpiId'])
export class MpiRecordEntity {
  @PrimaryColumn({ name: 'hospital_id', type: 'varchar', length: 64 })
  hospitalId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  mrn: string;

  @Column({ name: 'mpi_id', type: 'varchar', length: 32 })
  mpiId: string;
}
