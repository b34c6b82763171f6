import { HttpStatus } from '@nestjs/common';
import { DataSource, EntityManager, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { AppException, Page, invalid, notFound, recordAudit } from '@spotcheck/common';
import { Principal, scopePrefix } from '@spotcheck/auth';
import { decodeCursor, encodeCursor, validateRegionCode } from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import type { DirectoryName } from './specs';

/**
 * What the four directories share: jurisdiction scoping (records outside it answer 404),
 * keyset pagination, and writes that leave an audit row and a `directory.changed` event in
 * the same transaction.
 */
export class ScopedTable<T extends ObjectLiteral> {
  constructor(
    readonly ds: DataSource,
    readonly repo: Repository<T>,
    readonly opts: {
      name: DirectoryName;
      /** Entity property used for lookups and the audit entity id. */
      idProperty: keyof T & string;
      /** Entity property that orders pages (unique). */
      sortProperty: keyof T & string;
      /** Entity property holding the region code, when the directory is jurisdiction-scoped. */
      regionProperty?: keyof T & string;
    },
  ) {}

  /** '' for everywhere; throws 403 for roles that do not keep directories. */
  scope(p: Principal): string {
    const prefix = scopePrefix(p);
    if (prefix === null)
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `role ${p.role} may not use the ${this.opts.name} directory`,
      );
    return prefix;
  }

  query(p: Principal, alias = 'e', m?: EntityManager): SelectQueryBuilder<T> {
    const qb = (m ? m.getRepository<T>(this.repo.target) : this.repo).createQueryBuilder(alias);
    const prefix = this.opts.regionProperty ? this.scope(p) : '';
    if (prefix)
      qb.andWhere(`${alias}.${this.opts.regionProperty} LIKE :scopePrefix`, {
        scopePrefix: `${prefix}%`,
      });
    return qb;
  }

  async page(
    qb: SelectQueryBuilder<T>,
    cursor: string | undefined,
    limit: number,
    alias = 'e',
  ): Promise<Page<T>> {
    const sort = this.opts.sortProperty;
    if (cursor !== undefined) {
      const after = decodeCursor(cursor);
      if (!after || typeof after[0] !== 'string')
        throw invalid([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      qb.andWhere(`${alias}.${sort} > :after`, { after: after[0] });
    }
    const rows = await qb
      .orderBy(`${alias}.${sort}`, 'ASC')
      .take(limit + 1)
      .getMany();
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    return {
      items,
      nextCursor: more ? encodeCursor([String(items[items.length - 1][sort])]) : null,
    };
  }

  /** The record if it is inside the caller's scope; 404 otherwise. Inside a write it is locked. */
  async get(p: Principal, id: string, m?: EntityManager): Promise<T> {
    const qb = this.query(p, 'e', m).andWhere(`e.${this.opts.idProperty} = :id`, { id });
    if (m) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row) throw notFound(this.opts.name, id);
    return row;
  }

  /** A region a caller sets must be a real code inside their jurisdiction (400 naming the field). */
  checkRegion(p: Principal, region: string | undefined, field = 'regionCode'): void {
    if (region === undefined) return;
    const check = validateRegionCode(region);
    if (!check.ok) throw invalid([{ field, reason: check.reason }]);
    const prefix = this.scope(p);
    if (!region.startsWith(prefix))
      throw invalid([{ field, reason: `${region} is outside your jurisdiction` }]);
  }

  async checkCategories(codes: string[] | undefined, field = 'categories'): Promise<void> {
    if (!codes?.length) return;
    const rows = (await this.ds.query('SELECT code FROM product_category WHERE code = ANY($1)', [
      codes,
    ])) as { code: string }[];
    const known = new Set(rows.map((r) => r.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length)
      throw invalid([{ field, reason: `unknown product category ${unknown.join(', ')}` }]);
  }

  async create(p: Principal, dto: Partial<T>): Promise<T> {
    await this.checkInput(p, dto);
    return this.write(p, 'create', async (m) => {
      // insert, not save: save would silently update an existing record with the same key.
      const { identifiers } = await m.insert(
        this.repo.target,
        m.create(this.repo.target, dto as T),
      );
      const saved = await m.findOneByOrFail(this.repo.target, identifiers[0] as never);
      return { id: String(saved[this.opts.idProperty]), after: saved, result: saved };
    });
  }

  async update(p: Principal, id: string, dto: Partial<T>): Promise<T> {
    await this.checkInput(p, dto);
    return this.write(p, 'update', async (m) => {
      const before = await this.get(p, id, m);
      const after = await m.save(
        m.merge(this.repo.target, m.create(this.repo.target, { ...before }), dto as T),
      );
      return { id, before, after, result: after };
    });
  }

  async remove(p: Principal, id: string): Promise<void> {
    await this.write(p, 'delete', async (m) => {
      const before = await this.get(p, id, m);
      await m.delete(this.repo.target, { [this.opts.idProperty]: id });
      return { id, before, result: undefined };
    });
  }

  private async checkInput(p: Principal, dto: Partial<T>): Promise<void> {
    if (this.opts.regionProperty)
      this.checkRegion(p, dto[this.opts.regionProperty] as string | undefined);
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
