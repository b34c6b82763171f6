import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { ProductCategory, TestItemTemplate } from '@spotcheck/database';
import { invalidError, parseLimitRule, type Sector } from '@spotcheck/domain';
import { DirectoryTable } from '../directory/directory-table';
import type { DirectoryFilter } from '../directory/directory.repository';
import { CategoryQuery, CreateCategoryDto, TestItemDto, UpdateCategoryDto } from './catalog.dto';
import { CatalogRepository } from './catalog.repository';

/** Everyone signed in reads the check-item list. */
const READERS = ['admin', 'regulator', 'lab', 'enterprise'] as const;

/** The check-item list is national: everyone signed in reads it, admins change it. */
@Injectable()
export class CatalogService {
  readonly table: DirectoryTable<ProductCategory>;

  constructor(
    @InjectDataSource() ds: DataSource,
    private readonly categories: CatalogRepository,
  ) {
    this.table = new DirectoryTable(ds, categories, categories, {
      name: 'catalog',
      writers: ['admin'],
    });
  }

  filtered(p: Principal, q: { sector?: Sector }): DirectoryFilter<ProductCategory> {
    return this.categories.filtered(this.table.scope(p, READERS), q);
  }

  list(p: Principal, q: CategoryQuery) {
    return this.table.list(this.filtered(p, q), q.cursor, q.limit);
  }

  get(p: Principal, code: string) {
    return this.table.get(this.table.scope(p, READERS), code);
  }

  create(p: Principal, dto: CreateCategoryDto) {
    return this.table.create(p, { ...dto, items: items(dto.items) });
  }

  update(p: Principal, code: string, dto: UpdateCategoryDto) {
    const { items: list, ...rest } = dto;
    return this.table.update(p, code, list ? { ...rest, items: items(list) } : rest);
  }

  remove(p: Principal, code: string) {
    return this.table.remove(p, code);
  }
}

/** Item codes are unique in a category; text limits are stored in their JSON form. */
function items(list: TestItemDto[]): TestItemTemplate[] {
  const seen = new Map<string, number>();
  return list.map((item, i) => {
    const first = seen.get(item.code);
    if (first !== undefined)
      throw invalidError([
        { field: `items[${i}].code`, reason: `${item.code} is also items[${first}]` },
      ]);
    seen.set(item.code, i);
    const limit =
      typeof item.limit === 'string'
        ? parseLimitRule(item.limit)
        : { ok: true as const, rule: item.limit };
    if (!limit.ok) throw invalidError([{ field: `items[${i}].limit`, reason: limit.reason }]);
    return {
      code: item.code,
      name: item.name,
      method: item.method,
      unit: item.unit,
      limit: limit.rule,
      ...(item.microbial ? { microbial: true } : {}),
    };
  });
}
