import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Scope } from '@spotcheck/auth';
import { ProductCategory } from '@spotcheck/database';
import type { Sector } from '@spotcheck/domain';
import { DirectoryFilter, DirectoryRepository } from '../directory/directory.repository';

/** The check-item list (随机抽查事项清单): national, so no scope narrows it. */
@Injectable()
export class CatalogRepository extends DirectoryRepository<ProductCategory> {
  constructor(@InjectRepository(ProductCategory) repo: Repository<ProductCategory>) {
    super(repo, { idProperty: 'code', sortProperty: 'code' });
  }

  filtered(scope: Scope, q: { sector?: Sector }): DirectoryFilter<ProductCategory> {
    const qb = this.scoped(scope);
    if (q.sector) qb.andWhere('e.sector = :sector', { sector: q.sector });
    return qb;
  }

  /** Which of `codes` are catalog categories. */
  async existing(codes: readonly string[]): Promise<Set<string>> {
    const rows = await this.repo
      .createQueryBuilder('e')
      .select('e.code', 'code')
      .where('e.code = ANY(:codes)', { codes })
      .getRawMany<{ code: string }>();
    return new Set(rows.map((r) => r.code));
  }
}
