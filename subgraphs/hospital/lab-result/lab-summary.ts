import type { DataSource } from 'typeorm';
import { isSmallCell, type AggregatePrivacy } from '../../runtime/privacy/aggregate-privacy';
import { LabResultEntity } from './lab-result.entity';

export interface LabSummaryRow {
  hospitalId: string;
  loinc: string;
  unit: string | null;
  count: number | null;
  abnormalCount: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
  suppressed: boolean;
}

/** Only reported results count: FINAL and AMENDED (preliminary values may still change). */
export const SUMMARISED_STATUSES = ['FINAL', 'AMENDED'] as const;

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Averages differ in the last bits between SQLite and MySQL; four decimals is plenty for a summary. */
function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

/** De-identified statistics of one LOINC code: one aggregate statement, no patient data. */
export async function summariseLab(dataSource: DataSource, hospitalId: string, loinc: string, from?: Date | null, to?: Date | null): Promise<LabSummaryRow> {
  const query = dataSource
    .getRepository(LabResultEntity)
    .createQueryBuilder('r')
    .select('COUNT(r.id)', 'count')
    .addSelect("SUM(CASE WHEN r.interpretation IS NOT NULL AND r.interpretation <> 'NORMAL' THEN 1 ELSE 0 END)", 'abnormal')
    .addSelect('AVG(r.valueQuantity)', 'mean')
    .addSelect('MIN(r.valueQuantity)', 'min')
    .addSelect('MAX(r.valueQuantity)', 'max')
    .addSelect('MAX(r.unit)', 'unit')
    .where('r.loinc = :loinc', { loinc })
    .andWhere('r.status IN (:...statuses)', { statuses: [...SUMMARISED_STATUSES] });
  if (from) query.andWhere('r.collectedAt >= :from', { from });
  if (to) query.andWhere('r.collectedAt < :to', { to });
  const raw = (await query.getRawOne<Record<string, unknown>>()) ?? {};
  return {
    hospitalId,
    loinc,
    unit: (raw.unit as string | null) ?? null,
    count: toNumber(raw.count) ?? 0,
    abnormalCount: toNumber(raw.abnormal) ?? 0,
    mean: round(toNumber(raw.mean)),
    min: toNumber(raw.min),
    max: toNumber(raw.max),
    suppressed: false,
  };
}

/**
 * The summary an analyst may see (DESIGN 5): from fewer results than the minimum cell,
 * every figure is withheld; an abnormal count of a few people is withheld on its own.
 */
export function deidentifiedSummary(row: LabSummaryRow, privacy: AggregatePrivacy): LabSummaryRow {
  if (row.count !== null && isSmallCell(row.count, privacy)) {
    return { ...row, count: null, abnormalCount: null, mean: null, min: null, max: null, suppressed: true };
  }
  if (row.abnormalCount !== null && isSmallCell(row.abnormalCount, privacy)) return { ...row, abnormalCount: null, suppressed: true };
  return row;
}
