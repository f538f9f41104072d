import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person in the master patient index. No demographics here: the charts stay at the members. */
@Entity({ name: 'mpi_patient' })
export class MpiPatientEntity {
  @PrimaryColumn({ name: 'mpi_id', type: 'varchar', length: 32 })
  mpiId: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  /**
   * Set when an admin merged this person into another (`mergePatients`): the charts moved
   * to the survivor, and `patient(mpiId)` with this id answers the survivor, so references
   * kept elsewhere (referrals, letters) still lead to the person.
   */
  @Column({ name: 'merged_into', type: 'varchar', length: 32, nullable: true, default: null })
  mergedInto?: string | null;
}
