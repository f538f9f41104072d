import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export interface ResultRef {
  hospitalId: string;
  id: string;
}

@Entity({ name: 'referral' })
@Index('idx_referral_requested', ['requestedAt', 'id'])
@Index('idx_referral_patient', ['patientMpiId'])
@Index('idx_referral_from', ['fromHospitalId', 'requestedAt'])
@Index('idx_referral_to', ['toHospitalId', 'requestedAt'])
export class ReferralEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'patient_mpi_id', type: 'varchar', length: 32 })
  patientMpiId: string;

  @Column({ name: 'from_hospital_id', type: 'varchar', length: 64 })
  fromHospitalId: string;

  @Column({ name: 'to_hospital_id', type: 'varchar', length: 64 })
  toHospitalId: string;

  @Column({ name: 'to_department_id', type: 'varchar', length: 64, nullable: true })
  toDepartmentId: string | null;

  @Column({ type: 'varchar', length: 16 })
  direction: string;

  @Column({ type: 'varchar', length: 16 })
  urgency: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ name: 'diagnosis_code', type: 'varchar', length: 16, nullable: true })
  diagnosisCode: string | null;

  @Column({ name: 'attached_results', type: 'simple-json' })
  attachedResults: ResultRef[];

  @Column({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt: Date;

  @Column({ name: 'respond_by', type: 'datetime', precision: 3 })
  respondBy: Date;

  /** When the receiver accepted or rejected (response time in the statistics). */
  @Column({ name: 'responded_at', type: 'datetime', precision: 3, nullable: true })
  respondedAt: Date | null;

  @Column({ name: 'scheduled_at', type: 'datetime', precision: 3, nullable: true })
  scheduledAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  outcome: string | null;
}
