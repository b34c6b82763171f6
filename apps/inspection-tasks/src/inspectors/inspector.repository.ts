import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Scope } from '@spotcheck/auth';
import { Inspector } from '@spotcheck/database';
import { DirectoryFilter, DirectoryRepository } from '../directory/directory.repository';
import { likeSubstring, regionSubtree } from '../directory/filters';

export interface InspectorFilter {
  region?: string;
  category?: string;
  active?: boolean;
  q?: string;
}

/** 执法检查人员名录库: regulators see their region's subtree. */
@Injectable()
export class InspectorRepository extends DirectoryRepository<Inspector> {
  constructor(@InjectRepository(Inspector) repo: Repository<Inspector>) {
    super(repo, {
      idProperty: 'id',
      sortProperty: 'staffNo',
      scopeColumns: { region: 'e.regionCode' },
    });
  }

  filtered(scope: Scope, q: InspectorFilter): DirectoryFilter<Inspector> {
    const qb = this.scoped(scope);
    if (q.region) qb.andWhere('e.regionCode LIKE :region', { region: regionSubtree(q.region) });
    if (q.category) qb.andWhere(':category = ANY(e.categories)', { category: q.category });
    if (q.active !== undefined) qb.andWhere('e.active = :active', { active: q.active });
    if (q.q) {
      qb.andWhere("(e.name ILIKE :q ESCAPE '\\' OR e.staffNo ILIKE :q ESCAPE '\\')", {
        q: likeSubstring(q.q),
      });
    }
    return qb;
  }
}
