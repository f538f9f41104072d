import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { checkFirst } from '../../runtime/schema/check-first';
import { decodeCursor, encodeCursor } from './cursor';
import type { Page } from './page-info.type';

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface KeysetOrder<T> {
  /** Cursor kind, e.g. the node type. */
  kind: string;
  /** `alias.property` of the sort column (newest first) and of the id tie-breaker. */
  sortColumn: string;
  idColumn: string;
  sortValueOf(row: T): string | number;
  /** Whether the sort column holds instants (the cursor keeps ISO strings). */
  sortIsDate: boolean;
}

/**
 * Keyset paging, newest first: two statements (count, page) whatever the page. A cursor
 * names the last row seen, so rows inserted meanwhile do not shift the pages.
 */
export async function paginate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, request: PageRequest, order: KeysetOrder<T>): Promise<Page<T>> {
  const first = checkFirst(request.first);
  const after = request.after ? decodeCursor(order.kind, request.after) : null;
  const totalCount = await query.clone().getCount();
  const page = query.clone();
  if (after) {
    const sortValue = order.sortIsDate ? new Date(String(after.sortValue)) : after.sortValue;
    page.andWhere(`(${order.sortColumn} < :cursorSort OR (${order.sortColumn} = :cursorSort AND ${order.idColumn} < :cursorId))`, { cursorSort: sortValue, cursorId: after.id });
  }
  page
    .orderBy(order.sortColumn, 'DESC')
    .addOrderBy(order.idColumn, 'DESC')
    .take(first + 1);
  const rows = first === 0 ? [] : await page.getMany();
  const hasNextPage = first === 0 ? totalCount > 0 : rows.length > first;
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => {
    const raw = order.sortValueOf(node);
    return { cursor: encodeCursor(order.kind, raw, (node as Record<string, string | number>)[order.idColumn.split('.')[1]]), node };
  });
  return { edges, pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null }, totalCount };
}
