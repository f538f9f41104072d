import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A member's staff trained at a host hospital (进修). Dates are alliance-local calendar dates. */
@Entity({ name: 'training' })
@Index('idx_training_start', ['start', 'id'])
export class TrainingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'trainee_hospital_id', type: 'varchar', length: 64 })
  traineeHospitalId: string;

  @Column({ name: 'trainee_id', type: 'varchar', length: 64 })
  traineeId: string;

  @Column({ name: 'host_hospital_id', type: 'varchar', length: 64 })
  hostHospitalId: string;

  @Column({ name: 'host_department_id', type: 'varchar', length: 64, nullable: true })
  hostDepartmentId: string | null;

  @Column({ type: 'varchar', length: 200 })
  program: string;

  @Column({ name: 'start_date', type: 'varchar', length: 10 })
  start: string;

  @Column({ name: 'end_date', type: 'varchar', length: 10 })
  end: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  /** When it was completed or failed (staffTrained counts completions in the window). */
  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;
}
