import type { ContractFacts, SortKey } from '../../common/contract/contract-facts';
import { compareStrings } from '../registry/member';
import { SORT_ALIAS_PREFIX } from './operation-document';

/**
 * Sort keys the member must be asked for, per root list field (hospitalId is known from
 * the member itself): the contract's `@listOrder` of each `Query` field, read through
 * the contract facts, never a table of our own (DESIGN 4).
 */
export function sortFieldsToFetch(facts: ContractFacts, fieldNames: Iterable<string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of fieldNames) {
    const keys = (facts.list('Query', name)?.order ?? []).map((k) => k.field).filter((f) => f !== 'hospitalId');
    if (keys.length > 0) out[name] = keys;
  }
  return out;
}

/** The `first`-like cut of a root list: its slicing argument's value, else the argument's default in the contract. */
export function cutOf(facts: ContractFacts, fieldName: string, argument: (name: string) => unknown): number | undefined {
  for (const { argument: name, defaultValue } of facts.list('Query', fieldName)?.slicing ?? []) {
    const value = argument(name);
    if (typeof value === 'number') return value;
    if (defaultValue !== undefined) return defaultValue;
  }
  return undefined;
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

/** One sort key as the merge reads it: the field, and the alias it was fetched under when the caller did not select it. */
interface SortField {
  field: string;
  alias: string;
  descending: boolean;
}

function sortValue(row: Row, key: SortField): unknown {
  if (key.field === 'hospitalId') return row.hospitalId;
  const item = row.item as Record<string, unknown> | null;
  if (!item || typeof item !== 'object') return undefined;
  return item[key.alias] ?? item[key.field];
}

/** A sort value as text: members send JSON scalars (strings, numbers, booleans, enum names). */
function sortText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Nulls last in either direction. */
function compareValues(a: unknown, b: unknown, descending: boolean): number {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : compareStrings(sortText(a), sortText(b));
  return descending ? -order : order;
}

/** The item without the sort keys fetched under aliases; the item itself when it has none (the caller selected them). */
function stripSortAliases(item: unknown): unknown {
  if (!item || typeof item !== 'object') return item;
  let aliased = false;
  for (const key in item) {
    if (key.startsWith(SORT_ALIAS_PREFIX)) {
      aliased = true;
      break;
    }
  }
  if (!aliased) return item;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item as Record<string, unknown>)) if (!key.startsWith(SORT_ALIAS_PREFIX)) out[key] = value;
  return out;
}

const BY_HOSPITAL: readonly SortKey[] = [{ field: 'hospitalId', descending: false }];

/** For each member, the merged position of each of its items (undefined = cut). */
function positionsOf(parts: readonly MemberList[], kept: readonly Row[]): Map<string, (number | undefined)[]> {
  const positions = new Map<string, (number | undefined)[]>();
  for (const part of parts) positions.set(part.hospitalId, new Array<number | undefined>((part.items ?? []).length).fill(undefined));
  kept.forEach((row, index) => {
    positions.get(row.hospitalId)![row.local] = index;
  });
  return positions;
}

/**
 * Concatenates the members' lists, sorts them in the contract's order (`@listOrder`) and
 * cuts to `first`. Members answer in parallel and in any order, so the gateway sorts by
 * these keys in code-point order (the same on every machine), nulls last, ties by
 * hospitalId then by the member's own order; without an order, by hospitalId. Positions
 * (for remapping the members' errors) are worked out only when asked for.
 */
export function mergeLists(order: readonly SortKey[] | undefined, parts: readonly MemberList[], first?: number): MergedList {
  const keys: SortField[] = (order && order.length > 0 ? order : BY_HOSPITAL).map((k) => ({ field: k.field, alias: `${SORT_ALIAS_PREFIX}${k.field}`, descending: k.descending }));
  const rows: Row[] = [];
  for (const part of parts) {
    const items = part.items;
    if (items) for (let local = 0; local < items.length; local += 1) rows.push({ hospitalId: part.hospitalId, local, item: items[local] });
  }
  rows.sort((a, b) => {
    for (const key of keys) {
      const compared = compareValues(sortValue(a, key), sortValue(b, key), key.descending);
      if (compared !== 0) return compared;
    }
    return compareStrings(a.hospitalId, b.hospitalId) || a.local - b.local;
  });
  if (first !== undefined && rows.length > Math.max(0, first)) rows.length = Math.max(0, first);
  const items = rows.map((row) => stripSortAliases(row.item));
  let positions: Map<string, (number | undefined)[]> | undefined;
  return {
    items,
    get positions() {
      return (positions ??= positionsOf(parts, rows));
    },
  };
}
