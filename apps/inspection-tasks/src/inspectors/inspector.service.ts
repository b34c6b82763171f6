import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { Inspector } from '@spotcheck/database';
import { CatalogRepository } from '../catalog/catalog.repository';
import { DirectoryTable } from '../directory/directory-table';
import type { DirectoryFilter } from '../directory/directory.repository';
import { CreateInspectorDto, InspectorQuery, UpdateInspectorDto } from './inspector.dto';
import { InspectorFilter, InspectorRepository } from './inspector.repository';

@Injectable()
export class InspectorService {
  readonly table: DirectoryTable<Inspector>;

  constructor(
    @InjectDataSource() ds: DataSource,
    private readonly inspectors: InspectorRepository,
    catalog: CatalogRepository,
  ) {
    this.table = new DirectoryTable(ds, inspectors, catalog, {
      name: 'inspector',
      regionProperty: 'regionCode',
    });
  }

  filtered(p: Principal, q: InspectorFilter): DirectoryFilter<Inspector> {
    return this.inspectors.filtered(this.table.scope(p), q);
  }

  list(p: Principal, q: InspectorQuery) {
    return this.table.list(this.filtered(p, q), q.cursor, q.limit);
  }

  get(p: Principal, id: string): Promise<Inspector> {
    return this.table.get(this.table.scope(p), id);
  }

  create(p: Principal, dto: CreateInspectorDto) {
    return this.table.create(p, dto);
  }

  update(p: Principal, id: string, dto: UpdateInspectorDto) {
    return this.table.update(p, id, dto);
  }

  remove(p: Principal, id: string) {
    return this.table.remove(p, id);
  }
}
