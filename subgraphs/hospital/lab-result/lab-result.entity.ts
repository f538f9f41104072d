import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { KeptConcept, KeptIdentifier, KeptNote, KeptPerformer, KeptReferenceRange } from '../../../common/fhir/kept-elements';

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

  // What an imported Observation said, as given (contract 1.2); null when the source said nothing, and on results entered here.

  /** Observation.identifier of the source system (the result's id here is `id`). */
  @Column({ name: 'source_identifiers', type: 'simple-json', nullable: true })
  sourceIdentifiers: KeptIdentifier[] | null;

  /** Observation.code as given: every coding with its display, and the text (`name` is the catalogue's). */
  @Column({ name: 'source_code', type: 'simple-json', nullable: true })
  sourceCode: KeptConcept | null;

  /** The FHIR status code given, when it says more than `status` (`corrected` is AMENDED here). */
  @Column({ name: 'fhir_status', type: 'varchar', length: 20, nullable: true })
  fhirStatus: string | null;

  /** Observation.performer: the lab that did the test, as the source names it. */
  @Column({ type: 'simple-json', nullable: true })
  performers: KeptPerformer[] | null;

  /** Every Observation.referenceRange; `ref_low`, `ref_high`, `ref_text` hold the first, which interpretation uses. */
  @Column({ name: 'reference_ranges', type: 'simple-json', nullable: true })
  referenceRanges: KeptReferenceRange[] | null;

  @Column({ type: 'simple-json', nullable: true })
  method: KeptConcept | null;

  /** Observation.note. */
  @Column({ type: 'simple-json', nullable: true })
  notes: KeptNote[] | null;
}

/** A result entered here (the seed), not imported: its source said nothing beyond the contract's fields. */
export const NOTHING_FROM_A_SOURCE: Pick<LabResultEntity, 'sourceIdentifiers' | 'sourceCode' | 'fhirStatus' | 'performers' | 'referenceRanges' | 'method' | 'notes'> = {
  sourceIdentifiers: null,
  sourceCode: null,
  fhirStatus: null,
  performers: null,
  referenceRanges: null,
  method: null,
  notes: null,
};
