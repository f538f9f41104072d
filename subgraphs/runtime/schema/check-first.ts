import { BadUserInputError } from '../../../common/errors';

export const DEFAULT_FIRST = 50;
export const MAX_FIRST = 500;

/** DESIGN 3: every growing list takes `first` (default 50, max 500). */
export function checkFirst(first: number | null | undefined, fallback = DEFAULT_FIRST, argument = 'first'): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 0 || first > MAX_FIRST) {
    throw new BadUserInputError(`${argument} must be between 0 and ${MAX_FIRST}, got ${first}.`, { argument, max: MAX_FIRST });
  }
  return first;
}
