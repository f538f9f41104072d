import type BetterSqlite3 from 'better-sqlite3';
import { QueryFailedError, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** Prepared raw statements kept per entity (one per distinct SQL text: IN lists of other lengths are other texts). */
const STATEMENTS_KEPT = 64;

export type SortOrder = 'ASC' | 'DESC';

/**
 * One entity's rows read with plain parameterised SQL and made into the same objects
 * `find` returns. The hot loaders run on every request, and TypeORM's query building
 * and hydration there cost more CPU than the statements themselves. Each value still goes
 * through the driver's own conversion (`prepareHydratedValue`: SQLite's date strings and
 * 0/1 booleans, MySQL's Date objects, simple-json, transformers), so the objects are
 * identical to `find`'s on both databases; identifiers are quoted by the driver.
 */
export class EntityRows<E extends ObjectLiteral> {
  /** The quoted table name. */
  readonly table: string;
  /** Every column, quoted, comma-separated: what `SELECT … FROM table` lists. */
  readonly columnList: string;
  private readonly columns: readonly ColumnMetadata[];
  private readonly byProperty = new Map<string, ColumnMetadata>();
  private readonly make: () => E;
  private readonly statements = new Map<string, BetterSqlite3.Statement<unknown[], unknown[]>>();

  constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<E>,
  ) {
    const metadata = dataSource.getMetadata(entity);
    const driver = dataSource.driver;
    this.columns = metadata.columns.filter((c) => !c.isVirtual);
    for (const c of this.columns) this.byProperty.set(c.propertyName, c);
    this.table = driver.escape(metadata.tableName);
    this.columnList = this.columns.map((c) => driver.escape(c.databaseName)).join(', ');
    const target = metadata.target;
    this.make = typeof target === 'function' ? () => new (target as new () => E)() : () => ({}) as E;
  }

  private columnOf(property: string): ColumnMetadata {
    const column = this.byProperty.get(property);
    if (!column) throw new Error(`no column for property ${property}`);
    return column;
  }

  /** The quoted column name of `property`. */
  column(property: keyof E & string): string {
    return this.dataSource.driver.escape(this.columnOf(property).databaseName);
  }

  /** `value` as the driver stores it in `property`'s column (dates as SQLite text, …). */
  param(property: keyof E & string, value: unknown): unknown {
    return this.dataSource.driver.preparePersistentValue(value, this.columnOf(property));
  }

  /** `property IN (?, …)` and its parameters as the driver stores them: one condition of a read. */
  inList(property: keyof E & string, values: readonly unknown[]): { sql: string; params: unknown[] } {
    return { sql: `${this.column(property)} IN (${placeholders(values.length)})`, params: values.map((v) => this.param(property, v)) };
  }

  /** A raw row (keyed by column name) as the entity `find` would return. */
  hydrate(row: Record<string, unknown>): E {
    return this.entityOf((column) => row[column.databaseName]);
  }

  /** A raw row as an array in `columnList` order, as the entity `find` would return. */
  private hydrateArray(row: readonly unknown[]): E {
    return this.entityOf((_column, index) => row[index]);
  }

  private entityOf(valueOf: (column: ColumnMetadata, index: number) => unknown): E {
    const driver = this.dataSource.driver;
    const entity = this.make() as Record<string, unknown>;
    for (let i = 0; i < this.columns.length; i++) {
      const value = valueOf(this.columns[i], i);
      if (value !== undefined) entity[this.columns[i].propertyName] = driver.prepareHydratedValue(value, this.columns[i]);
    }
    return entity as E;
  }

  /**
   * Runs `sql` (selecting `columnList`), logged and counted like any statement. On the
   * embedded database the statement runs on the one connection TypeORM's query runner
   * uses too, in raw mode: better-sqlite3 then makes each row an array instead of an
   * object built one property at a time, which cost more than the rest of the read.
   * Errors are TypeORM's (`QueryFailedError` around the driver's), as through `manager.query`.
   */
  async read(manager: EntityManager, sql: string, params: readonly unknown[]): Promise<E[]> {
    const connection = this.embeddedConnection(manager);
    if (!connection) {
      const rows: Record<string, unknown>[] = await manager.query(sql, params as unknown[]);
      return rows.map((row) => this.hydrate(row));
    }
    const rows = runEmbedded(this.dataSource, sql, params, () => this.statement(connection, sql).all(...params));
    return rows.map((row) => this.hydrateArray(row));
  }

  /** The open better-sqlite3 connection behind `manager`, when that is what it reads from. */
  private embeddedConnection(manager: EntityManager): BetterSqlite3.Database | undefined {
    return manager.queryRunner?.isReleased ? undefined : embeddedConnectionOf(this.dataSource);
  }

  private statement(connection: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement<unknown[], unknown[]> {
    let statement = this.statements.get(sql);
    if (!statement || statement.database !== connection) {
      statement = connection.prepare<unknown[], unknown[]>(sql).raw(true);
      if (this.statements.size >= STATEMENTS_KEPT) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/**
 * Runs one statement straight on the embedded database's connection (`run`), logged and
 * counted like any statement TypeORM runs, and failing as TypeORM's do: a
 * `QueryFailedError` around the driver's error.
 */
export function runEmbedded<T>(dataSource: DataSource, sql: string, params: readonly unknown[], run: () => T): T {
  dataSource.logger.logQuery(sql, params as unknown[]);
  try {
    return run();
  } catch (error) {
    dataSource.logger.logQueryError(error as Error, sql, params as unknown[]);
    throw new QueryFailedError(sql, params as unknown[], error as Error);
  }
}

/** The open better-sqlite3 connection of an embedded database (one per process), or undefined. */
export function embeddedConnectionOf(dataSource: DataSource): BetterSqlite3.Database | undefined {
  if (dataSource.options.type !== 'better-sqlite3') return undefined;
  const connection = (dataSource.driver as { databaseConnection?: BetterSqlite3.Database }).databaseConnection;
  return connection?.open ? connection : undefined;
}

type AnyRows = EntityRows<ObjectLiteral>;
const readers = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, AnyRows>>();

/** The (schema-only, per DataSource) reader of `entity`'s rows. */
export function entityRows<E extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<E>): EntityRows<E> {
  let byEntity = readers.get(dataSource);
  if (!byEntity) {
    byEntity = new Map<EntityTarget<ObjectLiteral>, AnyRows>();
    readers.set(dataSource, byEntity);
  }
  let reader = byEntity.get(entity);
  if (!reader) {
    reader = new EntityRows<ObjectLiteral>(dataSource, entity);
    byEntity.set(entity, reader);
  }
  return reader as unknown as EntityRows<E>;
}

/** `?, ?, …` for `count` values: both drivers take positional `?` placeholders. */
export function placeholders(count: number): string {
  return count === 1 ? '?' : new Array<string>(count).fill('?').join(', ');
}

function orderClause<E extends ObjectLiteral>(rows: EntityRows<E>, orderBy: readonly (readonly [keyof E & string, SortOrder])[]): string {
  return orderBy.length ? ` ORDER BY ${orderBy.map(([p, o]) => `${rows.column(p)} ${o}`).join(', ')}` : '';
}

/**
 * The rows of `entity` whose `key` is one of `keys`, in `orderBy` order: one
 * `SELECT … WHERE key IN (…)` through `manager` (a loader's batch).
 */
export function rowsWhereIn<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  key: keyof E & string,
  keys: readonly unknown[],
  orderBy: readonly (readonly [keyof E & string, SortOrder])[] = [],
): Promise<E[]> {
  const rows = entityRows(manager.connection, entity);
  const where = rows.inList(key, keys);
  return rows.read(manager, `SELECT ${rows.columnList} FROM ${rows.table} WHERE ${where.sql}${orderClause(rows, orderBy)}`, where.params);
}

/** The rows of `entity` equal to every defined value of `equals` (all rows when none is), in `orderBy` order. */
export function rowsWhere<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  equals: { [P in keyof E & string]?: E[P] },
  orderBy: readonly (readonly [keyof E & string, SortOrder])[] = [],
): Promise<E[]> {
  const rows = entityRows(manager.connection, entity);
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const [property, value] of Object.entries(equals) as [keyof E & string, unknown][]) {
    if (value === undefined) continue;
    conditions.push(`${rows.column(property)} = ?`);
    params.push(rows.param(property, value));
  }
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  return rows.read(manager, `SELECT ${rows.columnList} FROM ${rows.table}${where}${orderClause(rows, orderBy)}`, params);
}
