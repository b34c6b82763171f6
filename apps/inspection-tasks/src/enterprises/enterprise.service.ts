import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { notFound } from '@spotcheck/common';
import { Enterprise } from '@spotcheck/database';
import { ScopedTable } from '../directory/scoped-table';
import { CreateEnterpriseDto, EnterpriseQuery, UpdateEnterpriseDto } from './enterprise.dto';

@Injectable()
export class EnterpriseService {
  readonly table: ScopedTable<Enterprise>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(Enterprise) repo: Repository<Enterprise>,
  ) {
    this.table = new ScopedTable(ds, repo, {
      name: 'enterprise',
      idProperty: 'uscc',
      sortProperty: 'uscc',
      regionProperty: 'regionCode',
    });
  }

  filtered(
    p: Principal,
    q: Omit<EnterpriseQuery, 'cursor' | 'limit'>,
  ): SelectQueryBuilder<Enterprise> {
    const qb = this.table.query(p);
    if (q.region)
      qb.andWhere('e.regionCode LIKE :region', { region: `${q.region.replace(/(00)+$/, '')}%` });
    if (q.category) qb.andWhere(':category = ANY(e.categories)', { category: q.category });
    if (q.riskClass?.length) qb.andWhere('e.riskClass IN (:...risk)', { risk: q.riskClass });
    if (q.status) qb.andWhere('e.status = :status', { status: q.status });
    if (q.size) qb.andWhere('e.size = :size', { size: q.size });
    if (q.q)
      qb.andWhere("e.name ILIKE :q ESCAPE '\\'", { q: `%${q.q.replace(/[\\%_]/g, '\\$&')}%` });
    return qb;
  }

  list(p: Principal, q: EnterpriseQuery) {
    return this.table.page(this.filtered(p, q), q.cursor, q.limit);
  }

  /** Regulators see their jurisdiction; an enterprise sees its own record. */
  async get(p: Principal, uscc: string): Promise<Enterprise> {
    if (p.role === 'enterprise') {
      const own = p.org === uscc ? await this.table.repo.findOneBy({ uscc }) : null;
      if (!own) throw notFound('enterprise', uscc);
      return own;
    }
    return this.table.get(p, uscc);
  }

  create(p: Principal, dto: CreateEnterpriseDto) {
    return this.table.create(p, dto);
  }

  update(p: Principal, uscc: string, dto: UpdateEnterpriseDto) {
    return this.table.update(p, uscc, dto);
  }

  remove(p: Principal, uscc: string) {
    return this.table.remove(p, uscc);
  }

  /** Counts by region, risk class and status, as last computed by the worker. */
  async stats(p: Principal) {
    const prefix = this.table.scope(p);
    return this.ds.query(
      `SELECT region_code AS "regionCode", risk_class AS "riskClass", status, enterprises, computed_at AS "computedAt"
       FROM directory_stats WHERE region_code LIKE $1 ORDER BY region_code, risk_class, status`,
      [`${prefix}%`],
    );
  }
}
