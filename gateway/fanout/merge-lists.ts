import { compareStrings } from '../registry/member';
import { SORT_ALIAS_PREFIX } from './operation-document';

/**
 * The documented order of every broadcast list (DESIGN 4): members answer in parallel and
 * in any order, so the gateway sorts the concatenation by these keys, in code-point order
 * (the same on every machine), nulls last, ties by hospitalId then by the member's own
 * order. A root list field not listed here is concatenated in hospitalId order.
 */
export const LIST_ORDER: Readonly<Record<string, readonly string[]>> = {
  departments: ['hospitalId', 'name'],
  staffDirectory: ['hospitalId', 'name'],
  sharedResources: ['hospitalId', 'kind', 'name'],
  labSummary: ['hospitalId'],
};

/** Defaults of `first` in the contract, applied again at the gateway after merging. */
export const DEFAULT_FIRST: Readonly<Record<string, number>> = { staffDirectory: 50 };

/** Sort keys the member must be asked for (hospitalId is known from the member itself). */
export function sortFieldsToFetch(): Record<string, string[]> {
  return Object.fromEntries(Object.entries(LIST_ORDER).map(([field, keys]) => [field, keys.filter((k) => k !== 'hospitalId')]));
}

export interface MemberList {
  hospitalId: string;
  /** The member's list; null when it failed or was not asked. */
  items: readonly unknown[] | null;
}

export interface MergedList {
  items: unknown[];
  /** For each member, the merged position of each of its items (undefined = cut by `first`). */
  positions: Map<string, (number | undefined)[]>;
}

type Row = { hospitalId: string; local: number; item: unknown };

function sortValue(row: Row, key: string): unknown {
  if (key === 'hospitalId') return row.hospitalId;
  const item = row.item as Record<string, unknown> | null;
  if (!item || typeof item !== 'object') return undefined;
  return item[`${SORT_ALIAS_PREFIX}${key}`] ?? item[key];
}

function compareValues(a: unknown, b: unknown): number {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareStrings(String(a), String(b));
}

function stripSortAliases(item: unknown): unknown {
  if (!item || typeof item !== 'object') return item;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item as Record<string, unknown>)) if (!key.startsWith(SORT_ALIAS_PREFIX)) out[key] = value;
  return out;
}

/** Concatenates the members' lists, sorts them in the field's order and cuts to `first`. */
export function mergeLists(field: string, parts: readonly MemberList[], first?: number): MergedList {
  const keys = LIST_ORDER[field] ?? ['hospitalId'];
  const rows: Row[] = [];
  for (const part of parts) (part.items ?? []).forEach((item, local) => rows.push({ hospitalId: part.hospitalId, local, item }));
  rows.sort((a, b) => {
    for (const key of keys) {
      const order = compareValues(sortValue(a, key), sortValue(b, key));
      if (order !== 0) return order;
    }
    return compareStrings(a.hospitalId, b.hospitalId) || a.local - b.local;
  });
  const kept = first === undefined ? rows : rows.slice(0, Math.max(0, first));
  const positions = new Map<string, (number | undefined)[]>();
  for (const part of parts) positions.set(part.hospitalId, new Array((part.items ?? []).length).fill(undefined));
  kept.forEach((row, index) => {
    positions.get(row.hospitalId)![row.local] = index;
  });
  return { items: kept.map((row) => stripSortAliases(row.item)), positions };
}
