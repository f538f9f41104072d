import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SexCode = 'MALE' | 'FEMALE' | 'OTHER' | 'UNKNOWN';

/** One patient's chart at this hospital (PHI). */
@Entity({ name: 'patient_record' })
export class PatientRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  mrn: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 10, default: 'UNKNOWN' })
  sex: SexCode;

  /** YYYY-MM-DD kept as text: a calendar date has no time zone to shift. */
  @Column({ name: 'birth_date', type: 'varchar', length: 10, nullable: true })
  birthDate: string | null;
}
