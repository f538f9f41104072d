import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type InterpretationCode = 'NORMAL' | 'LOW' | 'HIGH' | 'CRITICAL_LOW' | 'CRITICAL_HIGH' | 'ABNORMAL';
export type ResultStatusCode = 'REGISTERED' | 'PRELIMINARY' | 'FINAL' | 'AMENDED' | 'CANCELLED';

/**
 * One observation (FHIR Observation in spirit). The performing lab's own reference range
 * is stored with the result, because intervals differ between labs and change over time.
 * DESIGN 7: read by patient over time and by LOINC over time (lab summaries).
 */
@Entity({ name: 'lab_result' })
@Index('idx_lab_result_mrn_collected', ['mrn', 'collectedAt'])
@Index('idx_lab_result_loinc_collected', ['loinc', 'collectedAt'])
export class LabResultEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  mrn: string;

  @Column({ type: 'varchar', length: 20 })
  loinc: string;

  @Column({ name: 'local_code', type: 'varchar', length: 40 })
  localCode: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'value_quantity', type: 'double', nullable: true })
  valueQuantity: number | null;

  @Column({ name: 'value_string', type: 'varchar', length: 200, nullable: true })
  valueString: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  unit: string | null;

  @Column({ name: 'ref_low', type: 'double', nullable: true })
  refLow: number | null;

  @Column({ name: 'ref_high', type: 'double', nullable: true })
  refHigh: number | null;

  @Column({ name: 'ref_text', type: 'varchar', length: 100, nullable: true })
  refText: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  interpretation: InterpretationCode | null;

  @Column({ type: 'varchar', length: 20 })
  status: ResultStatusCode;

  @Column({ type: 'varchar', length: 40, nullable: true })
  specimen: string | null;

  @Column({ name: 'collected_at', type: 'datetime', precision: 3 })
  collectedAt: Date;

  @Column({ name: 'reported_at', type: 'datetime', precision: 3, nullable: true })
  reportedAt: Date | null;

  @Column({ name: 'performing_department_id', type: 'varchar', length: 64, nullable: true })
  performingDepartmentId: string | null;
}
