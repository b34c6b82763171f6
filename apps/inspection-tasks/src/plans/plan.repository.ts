import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Scope, scopeWhere } from '@spotcheck/auth';
import { PlanLevel, SamplingPlan } from '@spotcheck/database';
import type { PlanState } from '@spotcheck/domain';

/** Where a plan keeps what the access policy matches: its jurisdiction. */
const PLAN_SCOPE = { region: 'e.jurisdiction' } as const;

export interface PlanFilter {
  year?: number;
  state?: PlanState;
  level?: PlanLevel;
  /** Plans whose code sorts after this one ("C" collation). */
  afterCode?: string;
}

/** Sampling plans, always seen through the caller's scope; writes take the caller's manager. */
@Injectable()
export class PlanRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private scoped(scope: Scope, m?: EntityManager) {
    const w = scopeWhere(scope, PLAN_SCOPE);
    return (m ?? this.ds.manager)
      .getRepository(SamplingPlan)
      .createQueryBuilder('e')
      .where(w.sql, w.params);
  }

  /** Up to `limit` plans in code order ("C" collation, which the cursor compares in too). */
  page(scope: Scope, f: PlanFilter, limit: number): Promise<SamplingPlan[]> {
    const qb = this.scoped(scope);
    if (f.year !== undefined) qb.andWhere('e.year = :year', { year: f.year });
    if (f.state) qb.andWhere('e.state = :state', { state: f.state });
    if (f.level) qb.andWhere('e.level = :level', { level: f.level });
    if (f.afterCode !== undefined)
      qb.andWhere('e.code COLLATE "C" > :after', { after: f.afterCode });
    return qb.orderBy('e.code COLLATE "C"', 'ASC').take(limit).getMany();
  }

  /** The plan if it lies in the scope; inside a transaction (`m`) locked FOR UPDATE. */
  async find(scope: Scope, id: string, m?: EntityManager): Promise<SamplingPlan | null> {
    const qb = this.scoped(scope, m).andWhere('e.id = :id', { id });
    if (m) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The plan by id whatever the scope, locked for a write or shared (FOR SHARE). */
  lock(m: EntityManager, id: string, mode: 'write' | 'share'): Promise<SamplingPlan> {
    return m
      .getRepository(SamplingPlan)
      .createQueryBuilder('p')
      .where('p.id = :id', { id })
      .setLock(mode === 'write' ? 'pessimistic_write' : 'pessimistic_read')
      .getOneOrFail();
  }

  async insert(m: EntityManager, values: Partial<SamplingPlan>): Promise<SamplingPlan> {
    const { identifiers } = await m.insert(SamplingPlan, m.create(SamplingPlan, values));
    return m.findOneByOrFail(SamplingPlan, identifiers[0] as { id: string });
  }

  save(m: EntityManager, plan: Partial<SamplingPlan>): Promise<SamplingPlan> {
    return m.save(SamplingPlan, m.create(SamplingPlan, plan));
  }

  /** Which of `codes` the catalogue knows. */
  async knownCategories(codes: readonly string[], m?: EntityManager): Promise<Set<string>> {
    const rows = (await (m ?? this.ds.manager).query(
      'SELECT code FROM product_category WHERE code = ANY($1)',
      [codes],
    )) as { code: string }[];
    return new Set(rows.map((r) => r.code));
  }

  /** Cancels the plan's assigned tasks, returning their ids. */
  async cancelAssignedTasks(
    m: EntityManager,
    planId: string,
    reason: string,
    actor: string,
  ): Promise<string[]> {
    const [rows] = (await m.query(
      `UPDATE inspection_task
          SET state = 'cancelled', note = $2, state_changed_at = now(),
              state_changed_by = $3, updated_at = now()
        WHERE plan_id = $1 AND state = 'assigned'
        RETURNING id`,
      [planId, reason, actor],
    )) as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }

  /** How many of the plan's tasks are still assigned. */
  async openTasks(m: EntityManager, planId: string): Promise<number> {
    const [{ open }] = (await m.query(
      `SELECT count(*)::int AS open FROM inspection_task WHERE plan_id = $1 AND state = 'assigned'`,
      [planId],
    )) as { open: number }[];
    return open;
  }
}
