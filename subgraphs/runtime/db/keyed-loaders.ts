import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { rowsWhereIn, type SortOrder } from './entity-rows';

/**
 * A per-request loader of rows by primary key: one `WHERE key IN (…)` per tick, whatever
 * the number of rows asked for; unknown keys resolve to null.
 */
export function byIdLoader<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, key: keyof T & string): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await rowsWhereIn(dataSource.manager, entity, key, ids);
    const byKey = new Map(rows.map((row) => [String(row[key]), row]));
    return ids.map((id) => byKey.get(id) ?? null);
  });
}

/**
 * A per-request loader of the rows that share a key (a patient's charts, a hospital's
 * qualifications): one `WHERE key IN (…)` per tick; each key gets its rows in `orderBy`
 * order, or an empty list.
 */
export function groupedLoader<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  key: keyof T & string,
  orderBy: readonly (readonly [keyof T & string, SortOrder])[],
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (ids) => {
    const groups = new Map<string, T[]>();
    for (const row of await rowsWhereIn(dataSource.manager, entity, key, ids, orderBy)) {
      const group = groups.get(String(row[key]));
      if (group) group.push(row);
      else groups.set(String(row[key]), [row]);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

/** A loader with one key: the whole (small) table, read once per request. */
export function wholeTableLoader<T>(read: () => Promise<T[]>): DataLoader<'all', T[]> {
  return new DataLoader<'all', T[]>(async (keys) => {
    const rows = await read();
    return keys.map(() => rows);
  });
}
