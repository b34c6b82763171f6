import { EntityManager, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { Scope, ScopeColumns, scopeWhere } from '@spotcheck/auth';
import type { Page } from '@spotcheck/common';
import { encodeCursor } from '@spotcheck/domain';
import { preparedQuery } from '@spotcheck/database';

/**
 * A row as a list sends it: every date already its JSON text (`Date.prototype.toJSON`'s ISO
 * form), as PostgreSQL wrote it.
 */
export type ListedRow<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };

/**
 * A `timestamptz` column as the ISO text `Date.prototype.toJSON` gives (UTC, milliseconds,
 * truncated as node-postgres' parse truncates the microseconds), for years 1–9999.
 */
const isoText = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The caller's filtered, scoped query of one directory: what lists and exports read. */
export type DirectoryFilter<T extends ObjectLiteral> = SelectQueryBuilder<T>;

export interface DirectoryTableShape<T> {
  /** Entity property used for lookups (and as the audit entity id). */
  idProperty: keyof T & string;
  /** Entity property that orders pages (unique). */
  sortProperty: keyof T & string;
  /** Where the scope policy finds each kind's key, as property paths of alias `e`; none for a national table. */
  scopeColumns?: ScopeColumns;
}

/**
 * What the four directories' repositories share: scoped reads, keyset pages, and the row
 * writes of a create, update or delete (inside the caller's transaction). Subclasses add
 * their filters.
 */
export abstract class DirectoryRepository<T extends ObjectLiteral> {
  protected constructor(
    protected readonly repo: Repository<T>,
    readonly shape: DirectoryTableShape<T>,
  ) {}

  /** The rows `scope` may see, as a query builder aliased `e`. */
  protected scoped(scope: Scope, m?: EntityManager): SelectQueryBuilder<T> {
    const qb = (m ? m.getRepository<T>(this.repo.target) : this.repo).createQueryBuilder('e');
    if (this.shape.scopeColumns) {
      const w = scopeWhere(scope, this.shape.scopeColumns);
      if (w.sql !== 'true') qb.andWhere(w.sql, w.params);
    }
    return qb;
  }

  /**
   * One page of `filter` in sort order, after the sort key `after`. The rows come from
   * PostgreSQL already in the entity's shape (each column named by its property), by a
   * prepared statement: a list is the most frequent request, and TypeORM's hydration and
   * PostgreSQL's planning of every query were most of its cost. Dates come as their JSON text:
   * parsing each into a Date and writing it out again was a tenth of a list's CPU time.
   */
  async page(
    filter: DirectoryFilter<T>,
    after: string | undefined,
    limit: number,
  ): Promise<Page<ListedRow<T>>> {
    const sort = this.shape.sortProperty;
    const [text, values] = this.pageStatement(filter, after, limit);
    const rows = (await preparedQuery(
      this.repo.manager.connection,
      text,
      values,
    )) as ListedRow<T>[];
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    return {
      items,
      nextCursor: more ? encodeCursor([String(items[items.length - 1][sort])]) : null,
    };
  }

  /** Page statements' text with named parameters, by what decides it (see pageStatement). */
  private readonly statements = new Map<string, string>();

  /**
   * The page's statement and its values. TypeORM writing the statement's text was about a
   * twentieth of a list's CPU time; the text depends only on the filter's conditions (their
   * text, parameters named), whether a cursor is given and the limit, so it is written once for
   * each of those and only its parameters are numbered for each request, as TypeORM does.
   * A filter with joins, groups or conditions other than text is written every time.
   */
  private pageStatement(
    filter: DirectoryFilter<T>,
    after: string | undefined,
    limit: number,
  ): [string, unknown[]] {
    const sort = this.shape.sortProperty;
    const map = filter.expressionMap;
    const plain =
      map.joinAttributes.length === 0 &&
      map.groupBys.length === 0 &&
      map.havings.length === 0 &&
      map.wheres.every((w) => typeof w.condition === 'string');
    const write = () => {
      const qb = filter.clone().select([]);
      for (const [sql, property] of this.columns()) qb.addSelect(sql, property);
      if (after !== undefined) qb.andWhere(`e.${sort} > :after`, { after });
      return qb.orderBy(`e.${sort}`, 'ASC').limit(limit + 1);
    };
    if (!plain) return write().getQueryAndParameters();
    const key = JSON.stringify([map.wheres, after !== undefined, limit]);
    let text = this.statements.get(key);
    if (text === undefined) {
      text = write().getQuery();
      if (this.statements.size >= 1_000) this.statements.clear();
      this.statements.set(key, text);
    }
    const params: Record<string, unknown> = filter.getParameters();
    if (after !== undefined) params.after = after;
    return this.repo.manager.connection.driver.escapeQueryWithParameters(text, params);
  }

  private selectList?: [string, string][];

  /** The entity's columns as `"e"."db_name"` (dates as text) and the property each is read into. */
  private columns(): [string, string][] {
    return (this.selectList ??= this.repo.metadata.columns.map((c) => {
      if (c.transformer || c.type === 'date' || c.type === 'numeric' || c.type === 'bigint')
        throw new Error(`${c.propertyName}: a column pg would not read as TypeORM does`);
      const column = `"e"."${c.databaseName}"`;
      if (c.type === 'timestamptz' || c.type === 'timestamp with time zone')
        return [isoText(column), c.propertyName];
      return [column, c.propertyName];
    }));
  }

  /** The record if `scope` may see it; inside a write (`m`) it is locked until the commit. */
  async find(scope: Scope, id: string, m?: EntityManager): Promise<T | null> {
    const qb = this.scoped(scope, m).andWhere(`e.${this.shape.idProperty} = :id`, { id });
    if (m) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Inserts a new record (never an upsert: a taken key is the database's 409). */
  async insert(m: EntityManager, values: Partial<T>): Promise<T> {
    const { identifiers } = await m.insert(
      this.repo.target,
      m.create(this.repo.target, values as T),
    );
    return m.findOneByOrFail(this.repo.target, identifiers[0] as never);
  }

  async update(m: EntityManager, before: T, values: Partial<T>): Promise<T> {
    return m.save(
      m.merge(this.repo.target, m.create(this.repo.target, { ...before }), values as T),
    );
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.delete(this.repo.target, { [this.shape.idProperty]: id });
  }
}
