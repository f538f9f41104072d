import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person in the master patient index. No demographics here: the charts stay at the members. */
@Entity({ name: 'mpi_patient' })
export class MpiPatientEntity {
  @PrimaryColumn({ name: 'mpi_id', type: 'varchar', length: 32 })
  mpiId: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
