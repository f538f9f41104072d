import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An EQA (室间质评) result of one member's lab for one item; dates are alliance-local calendar dates. */
@Entity({ name: 'lab_qualification' })
@Index('idx_qualification_hospital', ['hospitalId', 'loinc'])
export class LabQualificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'hospital_id', type: 'varchar', length: 64 })
  hospitalId: string;

  @Column({ type: 'varchar', length: 32 })
  loinc: string;

  @Column({ type: 'varchar', length: 200 })
  program: string;

  @Column({ type: 'boolean' })
  passed: boolean;

  @Column({ name: 'valid_from', type: 'varchar', length: 10 })
  validFrom: string;

  @Column({ name: 'valid_until', type: 'varchar', length: 10 })
  validUntil: string;
}
