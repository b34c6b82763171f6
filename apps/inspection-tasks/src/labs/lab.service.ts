import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { Lab } from '@spotcheck/database';
import { CatalogRepository } from '../catalog/catalog.repository';
import { DirectoryTable, KEEPERS } from '../directory/directory-table';
import type { DirectoryFilter } from '../directory/directory.repository';
import { CreateLabDto, LabQuery, UpdateLabDto } from './lab.dto';
import { LabFilter, LabRepository } from './lab.repository';

@Injectable()
export class LabService {
  readonly table: DirectoryTable<Lab>;

  constructor(
    @InjectDataSource() ds: DataSource,
    private readonly labs: LabRepository,
    catalog: CatalogRepository,
  ) {
    this.table = new DirectoryTable(ds, labs, catalog, {
      name: 'lab',
      regionProperty: 'regionCode',
    });
  }

  filtered(p: Principal, q: LabFilter): DirectoryFilter<Lab> {
    return this.labs.filtered(this.table.scope(p), q);
  }

  list(p: Principal, q: LabQuery) {
    return this.table.list(this.filtered(p, q), q.cursor, q.limit);
  }

  /** Regulators see labs in their jurisdiction; a lab's staff see their own lab. */
  get(p: Principal, id: string): Promise<Lab> {
    return this.table.get(this.table.scope(p, [...KEEPERS, 'lab']), id);
  }

  create(p: Principal, dto: CreateLabDto) {
    return this.table.create(p, dto);
  }

  update(p: Principal, id: string, dto: UpdateLabDto) {
    return this.table.update(p, id, dto);
  }

  remove(p: Principal, id: string) {
    return this.table.remove(p, id);
  }
}
