import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Scope, inScope, scopeOf } from '@spotcheck/auth';
import { recordAudit } from '@spotcheck/common';
import { conflictError, notFoundError, parseTargetValue } from '@spotcheck/domain';
import { CreateTargetDto, TargetQuery, UpdateTargetDto } from './target.dto';
import { TargetRepository, TargetView } from './target.repository';

/**
 * The targets rates are shown against (docs/rules.md §3.6). Regulators read those that hold
 * in their jurisdiction (set within it or above it); admins read and edit all, audited.
 */
@Injectable()
export class TargetService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly targets: TargetRepository,
  ) {}

  async list(p: Principal, q: TargetQuery): Promise<{ items: TargetView[] }> {
    const scope = scopeOf(p, 'targets', ['regulator', 'admin']);
    if (q.jurisdiction && !inScope(scope, { regionOrAbove: q.jurisdiction }))
      throw notFoundError('jurisdiction', q.jurisdiction);
    return { items: await this.targets.list(this.ds.manager, scope, q) };
  }

  async get(p: Principal, id: string): Promise<TargetView> {
    return this.find(this.ds.manager, scopeOf(p, 'targets', ['regulator', 'admin']), id);
  }

  async create(p: Principal, dto: CreateTargetDto): Promise<TargetView> {
    const scope = scopeOf(p, 'targets', ['admin']);
    return this.ds.transaction(async (m) => {
      const id = await this.targets.insert(m, {
        jurisdiction: dto.jurisdiction,
        sector: dto.sector,
        year: dto.year,
        metric: dto.metric,
        target: value(dto.target),
        source: dto.source,
        note: dto.note ?? null,
        by: p.sub,
      });
      if (!id)
        throw conflictError(
          'TARGET_EXISTS',
          `a ${dto.metric} target for ${dto.sector} in ${dto.jurisdiction} for ${dto.year} exists; change it instead`,
        );
      const after = await this.find(m, scope, id);
      await recordAudit(m, p, [
        { action: 'create', entityType: 'rate_target', entityId: id, after },
      ]);
      return after;
    });
  }

  async update(p: Principal, id: string, dto: UpdateTargetDto): Promise<TargetView> {
    const scope = scopeOf(p, 'targets', ['admin']);
    return this.ds.transaction(async (m) => {
      const before = await this.find(m, scope, id, true);
      await this.targets.update(
        m,
        id,
        {
          target: dto.target === undefined ? undefined : value(dto.target),
          source: dto.source,
          note: dto.note,
        },
        p.sub,
      );
      const after = await this.find(m, scope, id);
      await recordAudit(m, p, [
        { action: 'update', entityType: 'rate_target', entityId: id, before, after },
      ]);
      return after;
    });
  }

  async remove(p: Principal, id: string): Promise<void> {
    const scope = scopeOf(p, 'targets', ['admin']);
    await this.ds.transaction(async (m) => {
      const before = await this.find(m, scope, id, true);
      await this.targets.remove(m, id);
      await recordAudit(m, p, [
        { action: 'delete', entityType: 'rate_target', entityId: id, before },
      ]);
    });
  }

  private async find(m: EntityManager, scope: Scope, id: string, lock = false) {
    const row = await this.targets.find(m, scope, id, lock);
    if (!row) throw notFoundError('target', id);
    return row;
  }
}

/** The DTO has checked it; this gives its stored form. */
function value(v: number | string): string {
  const r = parseTargetValue(v);
  if (!r.ok) throw new RangeError(r.reason);
  return r.value;
}
