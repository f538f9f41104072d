import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { KeptAddress, KeptContactPoint, KeptHumanName, KeptIdentifier } from '../../../common/fhir/kept-elements';

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

  // Demographics as a source system gave them (import-fhir, contract 1.2); `name` above stays the one display name.

  /** Every Patient.name, structured (use, family, given …). */
  @Column({ type: 'simple-json', nullable: true })
  names: KeptHumanName[] | null;

  @Column({ type: 'simple-json', nullable: true })
  telecom: KeptContactPoint[] | null;

  @Column({ type: 'simple-json', nullable: true })
  addresses: KeptAddress[] | null;

  /** 居民身份证号, GB 11643-checked. */
  @Column({ name: 'national_id', type: 'varchar', length: 18, nullable: true })
  nationalId: string | null;

  /** Patient.identifier other than this chart's number and the alliance's own (the national id's included, as given). */
  @Column({ type: 'simple-json', nullable: true })
  identifiers: KeptIdentifier[] | null;
}

/** A chart opened here (the seed, registerPatient) without a source's demographics. */
export const NO_SOURCE_DEMOGRAPHICS: Pick<PatientRecordEntity, 'names' | 'telecom' | 'addresses' | 'nationalId' | 'identifiers'> = {
  names: null,
  telecom: null,
  addresses: null,
  nationalId: null,
  identifiers: null,
};
