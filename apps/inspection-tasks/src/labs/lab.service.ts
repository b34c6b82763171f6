import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { notFound } from '@spotcheck/common';
import { Lab } from '@spotcheck/database';
import { ScopedTable } from '../directory/scoped-table';
import { LabQuery } from './lab.dto';

@Injectable()
export class LabService {
  readonly table: ScopedTable<Lab>;

  constructor(@InjectDataSource() ds: DataSource, @InjectRepository(Lab) repo: Repository<Lab>) {
    this.table = new ScopedTable(ds, repo, {
      name: 'lab',
      idProperty: 'id',
      sortProperty: 'cmaNo',
      regionProperty: 'regionCode',
    });
  }

  filtered(p: Principal, q: Omit<LabQuery, 'cursor' | 'limit'>): SelectQueryBuilder<Lab> {
    const qb = this.table.query(p);
    if (q.region)
      qb.andWhere('e.regionCode LIKE :region', { region: `${q.region.replace(/(00)+$/, '')}%` });
    if (q.category) qb.andWhere(':category = ANY(e.categories)', { category: q.category });
    if (q.active !== undefined) qb.andWhere('e.active = :active', { active: q.active });
    return qb;
  }

  list(p: Principal, q: LabQuery) {
    return this.table.page(this.filtered(p, q), q.cursor, q.limit);
  }

  /** Regulators see labs in their jurisdiction; a lab's staff see their own lab. */
  async get(p: Principal, id: string): Promise<Lab> {
    if (p.role === 'lab') {
      const own = p.org === id ? await this.table.repo.findOneBy({ id }) : null;
      if (!own) throw notFound('lab', id);
      return own;
    }
    return this.table.get(p, id);
  }
}
