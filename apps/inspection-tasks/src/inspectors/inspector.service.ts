import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { Inspector } from '@spotcheck/database';
import { ScopedTable } from '../directory/scoped-table';
import { InspectorQuery } from './inspector.dto';

@Injectable()
export class InspectorService {
  readonly table: ScopedTable<Inspector>;

  constructor(
    @InjectDataSource() ds: DataSource,
    @InjectRepository(Inspector) repo: Repository<Inspector>,
  ) {
    this.table = new ScopedTable(ds, repo, {
      name: 'inspector',
      idProperty: 'id',
      sortProperty: 'staffNo',
      regionProperty: 'regionCode',
    });
  }

  filtered(
    p: Principal,
    q: Omit<InspectorQuery, 'cursor' | 'limit'>,
  ): SelectQueryBuilder<Inspector> {
    const qb = this.table.query(p);
    if (q.region)
      qb.andWhere('e.regionCode LIKE :region', { region: `${q.region.replace(/(00)+$/, '')}%` });
    if (q.category) qb.andWhere(':category = ANY(e.categories)', { category: q.category });
    if (q.active !== undefined) qb.andWhere('e.active = :active', { active: q.active });
    if (q.q) {
      qb.andWhere("(e.name ILIKE :q ESCAPE '\\' OR e.staffNo ILIKE :q ESCAPE '\\')", {
        q: `%${q.q.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }
    return qb;
  }

  list(p: Principal, q: InspectorQuery) {
    return this.table.page(this.filtered(p, q), q.cursor, q.limit);
  }
}
