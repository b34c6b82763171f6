import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Scope } from '@spotcheck/auth';
import { Lab } from '@spotcheck/database';
import { DirectoryFilter, DirectoryRepository } from '../directory/directory.repository';
import { regionSubtree } from '../directory/filters';

export interface LabFilter {
  region?: string;
  category?: string;
  active?: boolean;
}

/** Labs: regulators see their region's subtree, a lab's staff their own lab. */
@Injectable()
export class LabRepository extends DirectoryRepository<Lab> {
  constructor(@InjectRepository(Lab) repo: Repository<Lab>) {
    super(repo, {
      idProperty: 'id',
      sortProperty: 'cmaNo',
      scopeColumns: { region: 'e.regionCode', lab: 'e.id' },
    });
  }

  filtered(scope: Scope, q: LabFilter): DirectoryFilter<Lab> {
    const qb = this.scoped(scope);
    if (q.region) qb.andWhere('e.regionCode LIKE :region', { region: regionSubtree(q.region) });
    if (q.category) qb.andWhere(':category = ANY(e.categories)', { category: q.category });
    if (q.active !== undefined) qb.andWhere('e.active = :active', { active: q.active });
    return qb;
  }
}
