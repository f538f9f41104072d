import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DispatchStatus } from './dispatch-enums';

/** An expert of one member sent to work at another for a period (下沉). */
@Entity({ name: 'expert_dispatch' })
@Index('idx_dispatch_start', ['start', 'id'])
@Index('idx_dispatch_to', ['toHospitalId'])
export class ExpertDispatchEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'expert_hospital_id', type: 'varchar', length: 64 })
  expertHospitalId: string;

  @Column({ name: 'expert_id', type: 'varchar', length: 64 })
  expertId: string;

  @Column({ name: 'to_hospital_id', type: 'varchar', length: 64 })
  toHospitalId: string;

  @Column({ name: 'to_department_id', type: 'varchar', length: 64, nullable: true })
  toDepartmentId: string | null;

  @Column({ type: 'varchar', length: 16 })
  purpose: string;

  @Column({ name: 'start_at', type: 'datetime', precision: 3 })
  start: Date;

  @Column({ name: 'end_at', type: 'datetime', precision: 3 })
  end: Date;

  @Column({ type: 'varchar', length: 16 })
  status: DispatchStatus;

  @Column({ name: 'patients_seen', type: 'int', default: 0 })
  patientsSeen: number;

  @Column({ name: 'procedures_performed', type: 'int', default: 0 })
  proceduresPerformed: number;
}
