import { localDate } from './local-date';
import { RecognitionStatus, ResultStatus, type RecognitionCategory, type RecognitionScope } from './recognition-enums';

/**
 * Mutual recognition of a result at a hospital (DESIGN 6), after the NHC measures
 * 《医疗机构检查检验结果互认管理办法》 (国卫医发〔2022〕6号). Each check below returns the
 * reason it fails in plain words, or null; `recognise` runs them in the order of the
 * regulation's precedence and the first failure is the status.
 */
export interface CatalogueEntry {
  loinc: string;
  name: string;
  category: RecognitionCategory;
  scope: RecognitionScope;
  mark: string;
  validityDays: number;
  priceYuan: number;
}

export interface QualificationEntry {
  loinc: string;
  passed: boolean;
  /** Calendar dates in the alliance's time zone, inclusive. */
  validFrom: string;
  validUntil: string;
}

export interface RecognitionInput {
  result: { hospitalId: string; loinc: string; status: ResultStatus | string; collectedAt: Date };
  atHospitalId: string;
  asOf: Date;
  /** The catalogue entry for the result's LOINC code, if any. */
  item: CatalogueEntry | undefined;
  /** The issuing hospital's membership status; undefined when it is not in the registry. */
  issuerStatus: string | undefined;
  /** The issuing lab's EQA qualifications (any codes; filtered here). */
  qualifications: readonly QualificationEntry[];
  timeZone: string;
}

export interface RecognitionOutcome {
  status: RecognitionStatus;
  mark: string | null;
  validUntil: Date | null;
  item: CatalogueEntry | null;
  reason: string;
}

type Check = (input: RecognitionInput) => string | null;

const DAY_MS = 24 * 60 * 60 * 1000;

export function validUntilOf(collectedAt: Date, item: CatalogueEntry): Date {
  return new Date(collectedAt.getTime() + item.validityDays * DAY_MS);
}

/** 2022 measures, scope: recognition is between institutions; a hospital's own result needs none. */
export const ownResult: Check = ({ result, atHospitalId }) =>
  result.hospitalId === atHospitalId ? 'Issued by this hospital itself; mutual recognition applies to results from other members.' : null;

/** The states of an issued report; a member's answer may carry any status, so it is compared as text. */
const ISSUED_STATUSES: readonly string[] = [ResultStatus.FINAL, ResultStatus.AMENDED];

/** 2022 measures: only issued reports (final, or amended after issue) may be recognised. */
export const notFinal: Check = ({ result }) =>
  ISSUED_STATUSES.includes(result.status) ? null : `The result is not final (status ${result.status}); only final or amended reports can be recognised.`;

/** 2022 measures: only items in the published recognition catalogue are recognised. */
export const notInCatalog: Check = ({ item, result }) => (item ? null : `LOINC ${result.loinc} is not in the alliance's mutual-recognition catalogue.`);

/** 2022 measures: recognition holds within the alliance, between members in good standing. */
export const issuerNotActive: Check = ({ issuerStatus, result }) =>
  issuerStatus === 'ACTIVE' ? null : `The issuing hospital ${result.hospitalId} is not an active member of the alliance.`;

/** 2022 measures: the issuing lab must have passed quality control (EQA) for the item on the day of collection. */
export const labNotQualified: Check = ({ qualifications, result, timeZone }) => {
  const day = localDate(result.collectedAt, timeZone);
  const ok = qualifications.some((q) => q.loinc === result.loinc && q.passed && q.validFrom <= day && day <= q.validUntil);
  return ok ? null : `The issuing lab held no passed quality-control (EQA) qualification for this item on the collection date ${day}.`;
};

/** 2022 measures: a result is recognised only within the item's validity period. */
export const expired: Check = ({ item, result, asOf }) => {
  if (!item) return null;
  const until = validUntilOf(result.collectedAt, item);
  return asOf.getTime() > until.getTime() ? `The result is older than the ${item.validityDays}-day validity of this item.` : null;
};

/** Precedence of DESIGN 6: first match wins. */
export const RECOGNITION_CHECKS: readonly { status: RecognitionStatus; check: Check }[] = [
  { status: RecognitionStatus.OWN_RESULT, check: ownResult },
  { status: RecognitionStatus.NOT_FINAL, check: notFinal },
  { status: RecognitionStatus.NOT_IN_CATALOG, check: notInCatalog },
  { status: RecognitionStatus.ISSUER_NOT_ACTIVE, check: issuerNotActive },
  { status: RecognitionStatus.LAB_NOT_QUALIFIED, check: labNotQualified },
  { status: RecognitionStatus.EXPIRED, check: expired },
];

export function recognise(input: RecognitionInput): RecognitionOutcome {
  const item = input.item ?? null;
  const validUntil = item ? validUntilOf(input.result.collectedAt, item) : null;
  for (const { status, check } of RECOGNITION_CHECKS) {
    const reason = check(input);
    if (reason !== null) return { status, mark: null, validUntil, item, reason };
  }
  return {
    status: RecognitionStatus.RECOGNIZED,
    mark: item!.mark,
    validUntil,
    item,
    reason: `Recognised (${item!.mark}): final result from a qualified member lab, valid until ${validUntil!.toISOString()}.`,
  };
}
