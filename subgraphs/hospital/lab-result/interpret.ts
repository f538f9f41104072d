import type { InterpretationCode } from './lab-result.entity';
import type { CriticalLimits } from './critical-limits';

export interface ReferenceInterval {
  low?: number | null;
  high?: number | null;
}

/**
 * Interpretation of a numeric result against the performing lab's own reference range
 * (DESIGN 6). Range bounds are inclusive (a value equal to a bound is NORMAL); critical
 * limits, where the item has them, are inclusive too and win over LOW/HIGH.
 * No value (cancelled, text-only) → no interpretation.
 */
export function interpret(value: number | null | undefined, range: ReferenceInterval, critical: CriticalLimits = {}): InterpretationCode | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  if (critical.low !== undefined && value <= critical.low) return 'CRITICAL_LOW';
  if (critical.high !== undefined && value >= critical.high) return 'CRITICAL_HIGH';
  if (range.low !== null && range.low !== undefined && value < range.low) return 'LOW';
  if (range.high !== null && range.high !== undefined && value > range.high) return 'HIGH';
  return 'NORMAL';
}

/** Whether an interpretation counts as abnormal in lab summaries. */
export function isAbnormal(interpretation: InterpretationCode | null | undefined): boolean {
  return !!interpretation && interpretation !== 'NORMAL';
}
