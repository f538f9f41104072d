/**
 * Code-point order for names. SQLite and MySQL collate Chinese text differently, so
 * every list ordered by name is sorted here, the same way on both databases and the
 * same way the gateway merges members' lists.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders rows by name, then id: the documented order of every named list. */
export function byNameThenId<T extends { name: string; id: string }>(a: T, b: T): number {
  return compareText(a.name, b.name) || compareText(a.id, b.id);
}
