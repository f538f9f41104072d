import type { LabResultEntity } from '../lab-result/lab-result.entity';
import type { PatientRecordEntity } from '../patient-record/patient-record.entity';

/** A refused entry, named by its position and resource id only: the report carries no PHI. */
export interface Rejection {
  entry: number;
  resourceType: string;
  id?: string;
  reason: string;
}

/** A chart as imported; `nationalId` (the identifier typed v2-0203 `NI`) is stored and queued for the alliance's link. */
export type ChartRow = Omit<PatientRecordEntity, never>;
export type ResultRow = Omit<LabResultEntity, never>;

/** An accepted entry and the elements of it that are not stored (`not-kept.ts`): paths only, no values. */
export interface NotKept {
  entry: number;
  resourceType: string;
  id?: string;
  elements: string[];
}

export interface ImportPlan {
  charts: ChartRow[];
  results: ResultRow[];
  rejected: Rejection[];
  notKept: NotKept[];
}

export interface ImportOptions {
  /** The hospital the bundle is loaded into. */
  hospitalId: string;
  /** Patient.identifier system holding this hospital's chart numbers, when it is not MedAlliance's own. */
  mrnSystem?: string;
}

/** Why an entry is refused; thrown inside an entry's check, caught per entry. */
export class EntryRejected extends Error {}

export function reject(reason: string): never {
  throw new EntryRejected(reason);
}
