import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { invalid } from '@spotcheck/common';
import { ProductCategory, TestItemTemplate } from '@spotcheck/database';
import { parseLimitRule } from '@spotcheck/domain';
import { ScopedTable } from '../directory/scoped-table';
import { CategoryQuery, CreateCategoryDto, TestItemDto, UpdateCategoryDto } from './catalog.dto';

/** The check-item list is national: everyone signed in reads it, admins change it. */
@Injectable()
export class CatalogService {
  readonly table: ScopedTable<ProductCategory>;

  constructor(
    @InjectDataSource() ds: DataSource,
    @InjectRepository(ProductCategory) repo: Repository<ProductCategory>,
  ) {
    this.table = new ScopedTable(ds, repo, {
      name: 'catalog',
      idProperty: 'code',
      sortProperty: 'code',
    });
  }

  filtered(
    _p: Principal,
    q: Omit<CategoryQuery, 'cursor' | 'limit'>,
  ): SelectQueryBuilder<ProductCategory> {
    const qb = this.table.repo.createQueryBuilder('e');
    if (q.sector) qb.andWhere('e.sector = :sector', { sector: q.sector });
    return qb;
  }

  list(p: Principal, q: CategoryQuery) {
    return this.table.page(this.filtered(p, q), q.cursor, q.limit);
  }

  get(p: Principal, code: string) {
    return this.table.get({ ...p, role: 'admin' }, code);
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
      throw invalid([
        { field: `items[${i}].code`, reason: `${item.code} is also items[${first}]` },
      ]);
    seen.set(item.code, i);
    const limit =
      typeof item.limit === 'string'
        ? parseLimitRule(item.limit)
        : { ok: true as const, rule: item.limit };
    if (!limit.ok) throw invalid([{ field: `items[${i}].limit`, reason: limit.reason }]);
    return {
      code: item.code,
      name: item.name,
      method: item.method,
      unit: item.unit,
      limit: limit.rule,
    };
  });
}
