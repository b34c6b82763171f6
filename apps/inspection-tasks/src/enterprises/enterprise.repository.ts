import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Scope, scopeWhere } from '@spotcheck/auth';
import { DirectoryStats, Enterprise } from '@spotcheck/database';
import type { EnterpriseSize, EnterpriseStatus, RiskClass } from '@spotcheck/domain';
import { DirectoryFilter, DirectoryRepository } from '../directory/directory.repository';
import { likeSubstring, regionSubtree } from '../directory/filters';

export interface EnterpriseFilter {
  region?: string;
  category?: string;
  riskClass?: RiskClass[];
  status?: EnterpriseStatus;
  size?: EnterpriseSize;
  q?: string;
}

/** 检查对象名录库: regulators see their region's subtree, an enterprise its own record. */
@Injectable()
export class EnterpriseRepository extends DirectoryRepository<Enterprise> {
  constructor(
    @InjectRepository(Enterprise) repo: Repository<Enterprise>,
    @InjectRepository(DirectoryStats) private readonly statsRepo: Repository<DirectoryStats>,
  ) {
    super(repo, {
      idProperty: 'uscc',
      sortProperty: 'uscc',
      scopeColumns: { region: 'e.regionCode', enterprise: 'e.uscc' },
    });
  }

  filtered(scope: Scope, q: EnterpriseFilter): DirectoryFilter<Enterprise> {
    const qb = this.scoped(scope);
    if (q.region) qb.andWhere('e.regionCode LIKE :region', { region: regionSubtree(q.region) });
    if (q.category) qb.andWhere(':category = ANY(e.categories)', { category: q.category });
    if (q.riskClass?.length) qb.andWhere('e.riskClass IN (:...risk)', { risk: q.riskClass });
    if (q.status) qb.andWhere('e.status = :status', { status: q.status });
    if (q.size) qb.andWhere('e.size = :size', { size: q.size });
    if (q.q) qb.andWhere("e.name ILIKE :q ESCAPE '\\'", { q: likeSubstring(q.q) });
    return qb;
  }

  /** Counts by region, risk class and status, as the worker last computed them. */
  stats(scope: Scope): Promise<DirectoryStats[]> {
    const w = scopeWhere(scope, { region: 's.regionCode' });
    return this.statsRepo
      .createQueryBuilder('s')
      .where(w.sql, w.params)
      .orderBy('s.regionCode')
      .addOrderBy('s.riskClass')
      .addOrderBy('s.status')
      .getMany();
  }
}
