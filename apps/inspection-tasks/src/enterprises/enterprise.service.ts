import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { DirectoryStats, Enterprise } from '@spotcheck/database';
import { CatalogRepository } from '../catalog/catalog.repository';
import { DirectoryTable, KEEPERS } from '../directory/directory-table';
import type { DirectoryFilter } from '../directory/directory.repository';
import { CreateEnterpriseDto, EnterpriseQuery, UpdateEnterpriseDto } from './enterprise.dto';
import { EnterpriseFilter, EnterpriseRepository } from './enterprise.repository';

@Injectable()
export class EnterpriseService {
  readonly table: DirectoryTable<Enterprise>;

  constructor(
    @InjectDataSource() ds: DataSource,
    private readonly enterprises: EnterpriseRepository,
    catalog: CatalogRepository,
  ) {
    this.table = new DirectoryTable(ds, enterprises, catalog, {
      name: 'enterprise',
      regionProperty: 'regionCode',
    });
  }

  /** The caller's view of the directory with `q`'s filters, for lists and exports. */
  filtered(p: Principal, q: EnterpriseFilter): DirectoryFilter<Enterprise> {
    return this.enterprises.filtered(this.table.scope(p), q);
  }

  list(p: Principal, q: EnterpriseQuery) {
    return this.table.list(this.filtered(p, q), q.cursor, q.limit);
  }

  /** Regulators see their jurisdiction; an enterprise sees its own record. */
  get(p: Principal, uscc: string): Promise<Enterprise> {
    return this.table.get(this.table.scope(p, [...KEEPERS, 'enterprise']), uscc);
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
  stats(p: Principal): Promise<DirectoryStats[]> {
    return this.enterprises.stats(this.table.scope(p));
  }
}
