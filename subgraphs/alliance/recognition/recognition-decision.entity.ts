import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A receiving physician's decision on another member's result: reused, or retested with a reason. */
@Entity({ name: 'recognition_decision' })
@Index('idx_decision_time', ['decidedAt'])
export class RecognitionDecisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'result_hospital_id', type: 'varchar', length: 64 })
  resultHospitalId: string;

  @Column({ name: 'result_id', type: 'varchar', length: 64 })
  resultId: string;

  @Column({ type: 'varchar', length: 32 })
  loinc: string;

  @Column({ name: 'at_hospital_id', type: 'varchar', length: 64 })
  atHospitalId: string;

  @Column({ type: 'varchar', length: 16 })
  decision: string;

  @Column({ name: 'retest_reason', type: 'varchar', length: 40, nullable: true })
  retestReason: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 200 })
  decidedBy: string;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3 })
  decidedAt: Date;

  @Column({ name: 'saved_yuan', type: 'double' })
  savedYuan: number;
}
