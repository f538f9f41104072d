import { BadUserInputError } from '../../../common/errors';

/**
 * Opaque cursors: base64url of [kind, sort value, id]. Opaque so that clients do not
 * build them; the kind stops a referral cursor from paging dispatches.
 */
export type SortValue = string | number;

export function encodeCursor(kind: string, sortValue: SortValue, id: SortValue): string {
  return Buffer.from(JSON.stringify([kind, sortValue, id]), 'utf8').toString('base64url');
}

export function decodeCursor(kind: string, cursor: string): { sortValue: SortValue; id: SortValue } {
  const bad = () => new BadUserInputError('after is not a cursor returned by this list.', { argument: 'after' });
  if (cursor.length > 500 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== kind) throw bad();
  const [, sortValue, id] = parsed as unknown[];
  const valid = (v: unknown) => (typeof v === 'string' && v.length <= 100) || (typeof v === 'number' && Number.isFinite(v));
  if (!valid(sortValue) || !valid(id)) throw bad();
  return { sortValue: sortValue as SortValue, id: id as SortValue };
}
