import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { Principal, Scope, inScope, scopeOf } from '@spotcheck/auth';
import { Page, recordAudit } from '@spotcheck/common';
import {
  Role,
  decodeCursor,
  invalidError,
  notFoundError,
  validateRegionCode,
} from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import type { CatalogRepository } from '../catalog/catalog.repository';
import type { DirectoryFilter, DirectoryRepository, ListedRow } from './directory.repository';
import type { DirectoryName } from './specs';

/** Roles that keep the jurisdiction-scoped directories. */
export const KEEPERS: readonly Role[] = ['regulator', 'admin'];

/** The sort key a page cursor carries; 400 naming `cursor` for one this API did not issue. */
export function cursorKey(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const after = decodeCursor(cursor);
  if (!after || typeof after[0] !== 'string')
    throw invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
  return after[0];
}

/**
 * The use cases the four directories share: reads through the caller's scope (outside it is
 * 404, as absent), and writes checked against the scope and the catalog that leave an audit
 * row and a `directory.changed` event in the same transaction.
 */
export class DirectoryTable<T extends ObjectLiteral> {
  constructor(
    private readonly ds: DataSource,
    readonly rows: DirectoryRepository<T>,
    private readonly catalog: CatalogRepository,
    readonly opts: {
      name: DirectoryName;
      /** Entity property holding the region code a writer must keep inside their scope. */
      regionProperty?: keyof T & string;
      /** Roles that may change it (default: those keeping the scoped directories). */
      writers?: readonly Role[];
    },
  ) {}

  /** The caller's scope over this directory; 403 for a role not in `roles`. */
  scope(p: Principal, roles: readonly Role[] = KEEPERS): Scope {
    return scopeOf(p, `the ${this.opts.name} directory`, roles);
  }

  list(
    filter: DirectoryFilter<T>,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<ListedRow<T>>> {
    return this.rows.page(filter, cursorKey(cursor), limit);
  }

  async get(scope: Scope, id: string, m?: EntityManager): Promise<T> {
    const row = await this.rows.find(scope, id, m);
    if (!row) throw notFoundError(this.opts.name, id);
    return row;
  }

  async create(p: Principal, dto: Partial<T>): Promise<T> {
    const scope = this.scope(p, this.opts.writers);
    await this.checkInput(scope, dto);
    return this.write(p, 'create', async (m) => {
      const saved = await this.rows.insert(m, dto);
      return { id: String(saved[this.rows.shape.idProperty]), after: saved, result: saved };
    });
  }

  async update(p: Principal, id: string, dto: Partial<T>): Promise<T> {
    const scope = this.scope(p, this.opts.writers);
    await this.checkInput(scope, dto);
    return this.write(p, 'update', async (m) => {
      const before = await this.get(scope, id, m);
      const after = await this.rows.update(m, before, dto);
      return { id, before, after, result: after };
    });
  }

  async remove(p: Principal, id: string): Promise<void> {
    const scope = this.scope(p, this.opts.writers);
    await this.write(p, 'delete', async (m) => {
      const before = await this.get(scope, id, m);
      await this.rows.delete(m, id);
      return { id, before, result: undefined };
    });
  }

  /** A region a caller sets must be a real code inside their scope (400 naming the field). */
  checkRegion(scope: Scope, region: string | undefined, field = 'regionCode'): void {
    if (region === undefined) return;
    const check = validateRegionCode(region);
    if (!check.ok) throw invalidError([{ field, reason: check.reason }]);
    if (!inScope(scope, { region }))
      throw invalidError([{ field, reason: `${region} is outside your jurisdiction` }]);
  }

  async checkCategories(codes: string[] | undefined, field = 'categories'): Promise<void> {
    if (!codes?.length) return;
    const known = await this.catalog.existing(codes);
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length)
      throw invalidError([{ field, reason: `unknown product category ${unknown.join(', ')}` }]);
  }

  private async checkInput(scope: Scope, dto: Partial<T>): Promise<void> {
    if (this.opts.regionProperty)
      this.checkRegion(scope, dto[this.opts.regionProperty] as string | undefined);
    await this.checkCategories(dto.categories as string[] | undefined);
  }

  /** Runs a write with its audit row and directory event in one transaction. */
  async write<R>(
    p: Principal,
    action: 'create' | 'update' | 'delete',
    fn: (m: EntityManager) => Promise<{ id: string; before?: unknown; after?: unknown; result: R }>,
  ): Promise<R> {
    return this.ds.transaction(async (m) => {
      const { id, before, after, result } = await fn(m);
      await recordAudit(m, p, [
        { action, entityType: this.opts.name, entityId: id, before, after },
      ]);
      await enqueue(m, 'directory.changed', { entity: this.opts.name, count: 1 });
      return result;
    });
  }
}
