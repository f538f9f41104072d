import { isSmallCell, type AggregatePrivacy } from '../../runtime/privacy/aggregate-privacy';

/** A figure object with some figures withheld (null) and a marker saying so. */
export type Deidentified<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null } & { suppressed: boolean };

/**
 * Withholds each figure computed from a small group of patients (DESIGN 5). `groups` says,
 * for each figure, how many people or results it was computed from: a count is its own
 * group; a median is computed from the referrals answered, savings from the results reused.
 */
export function withholdSmallCells<T extends object, K extends keyof T>(figures: T, groups: Record<K, number>, privacy: AggregatePrivacy): Deidentified<T, K> {
  const out = { ...figures, suppressed: false } as Record<string, unknown>;
  for (const [key, size] of Object.entries<number>(groups)) {
    if (isSmallCell(size, privacy)) {
      out[key] = null;
      out.suppressed = true;
    }
  }
  return out as Deidentified<T, K>;
}

/** Figures exactly as computed, for callers who see exact figures. */
export function exactFigures<T extends object>(figures: T): T & { suppressed: boolean } {
  return { ...figures, suppressed: false };
}
