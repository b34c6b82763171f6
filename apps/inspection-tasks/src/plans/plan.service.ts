import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Scope, inScope, scopeOf } from '@spotcheck/auth';
import { Page, recordAudit } from '@spotcheck/common';
import { SamplingPlan } from '@spotcheck/database';
import {
  DEFAULT_RATIOS_BP,
  DomainError,
  RISK_CLASSES,
  conflictError,
  decodeCursor,
  encodeCursor,
  invalidError,
  notFoundError,
  ratioToBasisPoints,
  regionLevel,
  resolveRatios,
  transitionPlan,
  validateCommitment,
  validateRegionCode,
} from '@spotcheck/domain';
import type { DomainFieldError, PlanEvent, RiskClass } from '@spotcheck/domain';
import {
  CancelPlanDto,
  CommitPlanDto,
  CreatePlanDto,
  NATIONAL_JURISDICTION,
  PlanQuery,
  UpdatePlanDto,
} from './plan.dto';
import { PlanRepository } from './plan.repository';

const ENTITY = 'sampling_plan';

/** The region level each plan level needs (national plans use '000000'). */
const LEVEL_REGION = { provincial: 'province', prefecture: 'prefecture' } as const;

/**
 * Sampling plans (docs/rules.md §3.2). A regulator sees and writes the plans whose jurisdiction lies
 * in their own subtree (404 otherwise); admins see all. A national plan (jurisdiction '000000')
 * is held by admins and national regulators (jurisdiction '000000'), whose subtree holds
 * national plans only; only regulators commit and draw (docs/adr/0026). A draft may be
 * edited; every later change is a state transition of libs/domain's plan machine, taken under a row lock so concurrent
 * requests are serialised. Each write leaves one audit row in its transaction.
 */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: PlanRepository,
  ) {}

  /** What the caller may see of sampling plans: regulators their subtree, admins all. */
  scope(p: Principal): Scope {
    return scopeOf(p, 'sampling plans', ['regulator', 'admin']);
  }

  async list(p: Principal, q: PlanQuery): Promise<Page<SamplingPlan>> {
    const scope = this.scope(p);
    let afterCode: string | undefined;
    if (q.cursor !== undefined) {
      const after = decodeCursor(q.cursor);
      if (!after || typeof after[0] !== 'string')
        throw invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      afterCode = after[0];
    }
    // code is unique, so it orders the pages totally.
    const rows = await this.repo.page(
      scope,
      { year: q.year, state: q.state, level: q.level, afterCode },
      q.limit + 1,
    );
    const more = rows.length > q.limit;
    const items = more ? rows.slice(0, q.limit) : rows;
    return { items, nextCursor: more ? encodeCursor([items[items.length - 1].code]) : null };
  }

  /** The plan if it is inside the caller's scope, 404 otherwise; locked inside a write. */
  async get(p: Principal, id: string, m?: EntityManager): Promise<SamplingPlan> {
    return this.inScope(this.scope(p), id, m);
  }

  /** The plan if it lies in `scope`, 404 (as absent) otherwise; locked inside a write. */
  async inScope(scope: Scope, id: string, m?: EntityManager): Promise<SamplingPlan> {
    const plan = await this.repo.find(scope, id, m);
    if (!plan) throw notFoundError('plan', id);
    return plan;
  }

  async create(p: Principal, dto: CreatePlanDto): Promise<SamplingPlan> {
    const { ratios, ...rest } = dto;
    const values: Partial<SamplingPlan> = { ...rest, ratios: this.parseRatios(ratios) };
    await this.check(p, values);
    return this.ds.transaction(async (m) => {
      const saved = await this.repo.insert(m, values);
      await recordAudit(m, p, [
        { action: 'create', entityType: ENTITY, entityId: saved.id, after: saved },
      ]);
      return saved;
    });
  }

  async update(p: Principal, id: string, dto: UpdatePlanDto): Promise<SamplingPlan> {
    const { ratios, ...rest } = dto;
    const changes: Partial<SamplingPlan> = { ...rest };
    if (ratios !== undefined) changes.ratios = this.parseRatios(ratios);
    return this.ds.transaction(async (m) => {
      const before = await this.get(p, id, m);
      if (before.state !== 'draft') throw this.illegalState(before, 'update');
      const merged = { ...before, ...changes };
      await this.check(p, merged, m);
      const after = await this.repo.save(m, merged);
      await recordAudit(m, p, [
        { action: 'update', entityType: ENTITY, entityId: id, before, after },
      ]);
      return after;
    });
  }

  /** Records sha256(seed) once; the commitment cannot change afterwards. */
  async commit(p: Principal, id: string, dto: CommitPlanDto): Promise<SamplingPlan> {
    const check = validateCommitment(dto.commitment);
    if (!check.ok) throw invalidError([{ field: 'commitment', reason: check.reason }]);
    return this.transition(p, id, 'commit', (plan) => {
      plan.commitment = dto.commitment;
      plan.witness = dto.witness ?? null;
      plan.committedAt = new Date();
      return { commitment: dto.commitment, witness: dto.witness ?? null };
    });
  }

  /**
   * Cancels the plan, and with it the tasks still assigned: left assigned, they would hold
   * their labs' capacity and keep their enterprises out of later draws as if checked.
   */
  cancel(p: Principal, id: string, dto: CancelPlanDto): Promise<SamplingPlan> {
    let tasksCancelled = 0;
    return this.transition(
      p,
      id,
      'cancel',
      () => ({ reason: dto.reason, ...(tasksCancelled ? { tasksCancelled } : {}) }),
      async (m, plan) => {
        const ids = await this.repo.cancelAssignedTasks(m, plan.id, dto.reason, p.sub);
        tasksCancelled = ids.length;
        await recordAudit(
          m,
          p,
          ids.map((taskId) => ({
            action: 'cancel',
            entityType: 'inspection_task',
            entityId: taskId,
            detail: { from: 'assigned', to: 'cancelled', reason: dto.reason, byPlanCancel: true },
          })),
        );
      },
    );
  }

  /** drawn → sampling: the inspectors go out. */
  startSampling(p: Principal, id: string): Promise<SamplingPlan> {
    return this.transition(p, id, 'startSampling', () => ({}));
  }

  /**
   * sampling → closed, once no task is still assigned: every task was sampled, found
   * impossible to sample, or cancelled. From then on the draw is public (docs/rules.md §3.2 step 5).
   */
  close(p: Principal, id: string): Promise<SamplingPlan> {
    return this.transition(
      p,
      id,
      'close',
      () => ({}),
      async (m, plan) => {
        const open = await this.repo.openTasks(m, plan.id);
        if (open > 0)
          throw conflictError(
            'TASKS_OPEN',
            `${open} task(s) of the plan are still assigned; record them as sampled, unable to sample or cancelled first`,
            { openTasks: open },
          );
      },
    );
  }

  /** A state transition under a row lock, audited in the same transaction. */
  private transition(
    p: Principal,
    id: string,
    event: PlanEvent,
    apply: (plan: SamplingPlan) => Record<string, unknown>,
    guard?: (m: EntityManager, plan: SamplingPlan) => Promise<void>,
  ): Promise<SamplingPlan> {
    return this.ds.transaction(async (m) => {
      const before = await this.get(p, id, m);
      const t = transitionPlan(before.state, event);
      if (!t.ok) throw this.illegalState(before, event, t.error.allowedEvents, t.error.message);
      await guard?.(m, before);
      const plan = { ...before, state: t.state };
      const detail = { from: before.state, to: t.state, ...apply(plan) };
      const after = await this.repo.save(m, plan);
      await recordAudit(m, p, [
        { action: event, entityType: ENTITY, entityId: id, before, after, detail },
      ]);
      return after;
    });
  }

  private illegalState(
    plan: SamplingPlan,
    event: string,
    allowedEvents: readonly string[] = [],
    message = `the plan is ${plan.state}: only a draft can be edited`,
  ): DomainError {
    return conflictError('ILLEGAL_PLAN_STATE', message, {
      currentState: plan.state,
      event,
      allowedEvents,
    });
  }

  /** Decimal or percentage strings per risk class → the full map in basis points. */
  private parseRatios(input: Record<string, unknown> | undefined): Record<RiskClass, number> {
    if (input === undefined) return { ...DEFAULT_RATIOS_BP };
    const errors: DomainFieldError[] = [];
    const bp: Partial<Record<RiskClass, number>> = {};
    for (const [key, value] of Object.entries(input)) {
      if (!(RISK_CLASSES as readonly string[]).includes(key)) {
        errors.push({
          field: `ratios.${key}`,
          reason: `unknown risk class (use ${RISK_CLASSES.join(', ')})`,
        });
        continue;
      }
      const r = ratioToBasisPoints(value);
      if (r.ok) bp[key as RiskClass] = r.bp;
      else errors.push({ field: `ratios.${key}`, reason: r.reason });
    }
    if (errors.length) throw invalidError(errors);
    const ratios = resolveRatios(bp);
    // docs/rules.md §3.2: higher risk is checked more often (never less often) than lower risk.
    for (let i = 1; i < RISK_CLASSES.length; i++) {
      const [lower, higher] = [RISK_CLASSES[i - 1], RISK_CLASSES[i]];
      if (ratios[higher] < ratios[lower])
        errors.push({
          field: `ratios.${higher}`,
          reason: `class ${higher} (higher risk) must be checked at least as often as class ${lower}: ${ratios[higher] / 100} % is below ${ratios[lower] / 100} %`,
        });
    }
    if (errors.length) throw invalidError(errors);
    return ratios;
  }

  /** Level, jurisdiction, categories and deadlines of a plan as it will be stored. */
  private async check(p: Principal, plan: Partial<SamplingPlan>, m?: EntityManager): Promise<void> {
    const scope = this.scope(p);
    const errors: DomainFieldError[] = [];
    const { level, jurisdiction } = plan;
    if (level && jurisdiction) {
      if (level === 'national') {
        if (jurisdiction !== NATIONAL_JURISDICTION)
          errors.push({
            field: 'jurisdiction',
            reason: `a national plan has jurisdiction ${NATIONAL_JURISDICTION}`,
          });
        else if (!inScope(scope, { region: NATIONAL_JURISDICTION }))
          errors.push({
            field: 'jurisdiction',
            reason: `${NATIONAL_JURISDICTION} (national) is outside your jurisdiction`,
          });
      } else {
        const valid = validateRegionCode(jurisdiction);
        const want = LEVEL_REGION[level];
        if (!valid.ok) errors.push({ field: 'jurisdiction', reason: valid.reason });
        else if (!inScope(scope, { region: jurisdiction }))
          errors.push({
            field: 'jurisdiction',
            reason: `${jurisdiction} is outside your jurisdiction`,
          });
        else if (regionLevel(jurisdiction) !== want)
          errors.push({
            field: 'jurisdiction',
            reason: `a ${level} plan needs a ${want} code, ${jurisdiction} is a ${regionLevel(jurisdiction)}`,
          });
      }
    }
    if (plan.stratifyByPrefecture && level === 'prefecture')
      errors.push({
        field: 'stratifyByPrefecture',
        reason: 'a prefecture-level plan covers a single prefecture',
      });
    if (plan.samplingDeadline && plan.reportDeadline && plan.reportDeadline < plan.samplingDeadline)
      errors.push({ field: 'reportDeadline', reason: 'must not be before samplingDeadline' });
    if (plan.categories?.length) {
      const known = await this.repo.knownCategories(plan.categories, m);
      const unknown = plan.categories.filter((c) => !known.has(c));
      if (unknown.length)
        errors.push({
          field: 'categories',
          reason: `unknown product category ${unknown.join(', ')}`,
        });
    }
    if (errors.length) throw invalidError(errors);
  }
}
