import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { Principal, scopePrefix } from '@spotcheck/auth';
import {
  AppException,
  FieldError,
  Page,
  conflict,
  invalid,
  notFound,
  recordAudit,
} from '@spotcheck/common';
import { SamplingPlan } from '@spotcheck/database';
import {
  DEFAULT_RATIOS_BP,
  RISK_CLASSES,
  decodeCursor,
  encodeCursor,
  ratioToBasisPoints,
  regionLevel,
  resolveRatios,
  transitionPlan,
  validateCommitment,
  validateRegionCode,
} from '@spotcheck/domain';
import type { PlanEvent, RiskClass } from '@spotcheck/domain';
import {
  CancelPlanDto,
  CommitPlanDto,
  CreatePlanDto,
  NATIONAL_JURISDICTION,
  PlanQuery,
  UpdatePlanDto,
} from './plan.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTITY = 'sampling_plan';

/** The region level each plan level needs (national plans use '000000'). */
const LEVEL_REGION = { provincial: 'province', prefecture: 'prefecture' } as const;

/**
 * Sampling plans (DESIGN §3.2). A regulator sees and writes the plans whose jurisdiction lies
 * in their own subtree (404 otherwise); admins see all, and only admins can hold a national
 * plan, whose jurisdiction is '000000'. A draft may be edited; every later change is a
 * state transition of libs/domain's plan machine, taken under a row lock so concurrent
 * requests are serialised. Each write leaves one audit row in its transaction.
 */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectRepository(SamplingPlan) private readonly repo: Repository<SamplingPlan>,
  ) {}

  private scope(p: Principal): string {
    const prefix = scopePrefix(p);
    if (prefix === null)
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `role ${p.role} may not use sampling plans`,
      );
    return prefix;
  }

  private query(p: Principal, m?: EntityManager): SelectQueryBuilder<SamplingPlan> {
    const qb = (m ? m.getRepository(SamplingPlan) : this.repo).createQueryBuilder('e');
    const prefix = this.scope(p);
    if (prefix) qb.andWhere('e.jurisdiction LIKE :scopePrefix', { scopePrefix: `${prefix}%` });
    return qb;
  }

  async list(p: Principal, q: PlanQuery): Promise<Page<SamplingPlan>> {
    const qb = this.query(p);
    if (q.year !== undefined) qb.andWhere('e.year = :year', { year: q.year });
    if (q.state) qb.andWhere('e.state = :state', { state: q.state });
    if (q.level) qb.andWhere('e.level = :level', { level: q.level });
    if (q.cursor !== undefined) {
      const after = decodeCursor(q.cursor);
      if (!after || typeof after[0] !== 'string')
        throw invalid([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      qb.andWhere('e.code COLLATE "C" > :after', { after: after[0] });
    }
    // code is unique; "C" ordering keeps the cursor comparison and the sort in agreement.
    const rows = await qb
      .orderBy('e.code COLLATE "C"', 'ASC')
      .take(q.limit + 1)
      .getMany();
    const more = rows.length > q.limit;
    const items = more ? rows.slice(0, q.limit) : rows;
    return { items, nextCursor: more ? encodeCursor([items[items.length - 1].code]) : null };
  }

  /** The plan if it is inside the caller's scope, 404 otherwise; locked inside a write. */
  async get(p: Principal, id: string, m?: EntityManager): Promise<SamplingPlan> {
    if (!UUID.test(id)) throw notFound('plan', id);
    const qb = this.query(p, m).andWhere('e.id = :id', { id });
    if (m) qb.setLock('pessimistic_write');
    const plan = await qb.getOne();
    if (!plan) throw notFound('plan', id);
    return plan;
  }

  async create(p: Principal, dto: CreatePlanDto): Promise<SamplingPlan> {
    const { ratios, ...rest } = dto;
    const values: Partial<SamplingPlan> = { ...rest, ratios: this.parseRatios(ratios) };
    await this.check(p, values);
    return this.ds.transaction(async (m) => {
      const { identifiers } = await m.insert(SamplingPlan, m.create(SamplingPlan, values));
      const saved = await m.findOneByOrFail(SamplingPlan, identifiers[0] as { id: string });
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
      const after = await m.save(SamplingPlan, m.create(SamplingPlan, merged));
      await recordAudit(m, p, [
        { action: 'update', entityType: ENTITY, entityId: id, before, after },
      ]);
      return after;
    });
  }

  /** Records sha256(seed) once; the commitment cannot change afterwards. */
  async commit(p: Principal, id: string, dto: CommitPlanDto): Promise<SamplingPlan> {
    const check = validateCommitment(dto.commitment);
    if (!check.ok) throw invalid([{ field: 'commitment', reason: check.reason }]);
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
        const [rows] = (await m.query(
          `UPDATE inspection_task
              SET state = 'cancelled', note = $2, state_changed_at = now(),
                  state_changed_by = $3, updated_at = now()
            WHERE plan_id = $1 AND state = 'assigned'
            RETURNING id`,
          [plan.id, dto.reason, p.sub],
        )) as [{ id: string }[], number];
        tasksCancelled = rows.length;
        await recordAudit(
          m,
          p,
          rows.map((t) => ({
            action: 'cancel',
            entityType: 'inspection_task',
            entityId: t.id,
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
   * impossible to sample, or cancelled. From then on the draw is public (DESIGN §3.2 step 5).
   */
  close(p: Principal, id: string): Promise<SamplingPlan> {
    return this.transition(
      p,
      id,
      'close',
      () => ({}),
      async (m, plan) => {
        const [{ open }] = (await m.query(
          `SELECT count(*)::int AS open FROM inspection_task WHERE plan_id = $1 AND state = 'assigned'`,
          [plan.id],
        )) as { open: number }[];
        if (open > 0)
          throw conflict(
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
      const plan = m.create(SamplingPlan, { ...before, state: t.state });
      const detail = { from: before.state, to: t.state, ...apply(plan) };
      const after = await m.save(SamplingPlan, plan);
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
  ): AppException {
    return conflict('ILLEGAL_PLAN_STATE', message, {
      currentState: plan.state,
      event,
      allowedEvents,
    });
  }

  /** Decimal or percentage strings per risk class → the full map in basis points. */
  private parseRatios(input: Record<string, unknown> | undefined): Record<RiskClass, number> {
    if (input === undefined) return { ...DEFAULT_RATIOS_BP };
    const errors: FieldError[] = [];
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
    if (errors.length) throw invalid(errors);
    const ratios = resolveRatios(bp);
    // DESIGN §3.2: higher risk is checked more often (never less often) than lower risk.
    for (let i = 1; i < RISK_CLASSES.length; i++) {
      const [lower, higher] = [RISK_CLASSES[i - 1], RISK_CLASSES[i]];
      if (ratios[higher] < ratios[lower])
        errors.push({
          field: `ratios.${higher}`,
          reason: `class ${higher} (higher risk) must be checked at least as often as class ${lower}: ${ratios[higher] / 100} % is below ${ratios[lower] / 100} %`,
        });
    }
    if (errors.length) throw invalid(errors);
    return ratios;
  }

  /** Level, jurisdiction, categories and deadlines of a plan as it will be stored. */
  private async check(p: Principal, plan: Partial<SamplingPlan>, m?: EntityManager): Promise<void> {
    const errors: FieldError[] = [];
    const { level, jurisdiction } = plan;
    if (level && jurisdiction) {
      if (level === 'national') {
        if (jurisdiction !== NATIONAL_JURISDICTION)
          errors.push({
            field: 'jurisdiction',
            reason: `a national plan has jurisdiction ${NATIONAL_JURISDICTION}`,
          });
        else if (this.scope(p) !== '')
          errors.push({
            field: 'jurisdiction',
            reason: `${NATIONAL_JURISDICTION} (national) is outside your jurisdiction`,
          });
      } else {
        const valid = validateRegionCode(jurisdiction);
        const want = LEVEL_REGION[level];
        if (!valid.ok) errors.push({ field: 'jurisdiction', reason: valid.reason });
        else if (!jurisdiction.startsWith(this.scope(p)))
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
      const rows = (await (m ?? this.ds).query(
        'SELECT code FROM product_category WHERE code = ANY($1)',
        [plan.categories],
      )) as { code: string }[];
      const known = new Set(rows.map((r) => r.code));
      const unknown = plan.categories.filter((c) => !known.has(c));
      if (unknown.length)
        errors.push({
          field: 'categories',
          reason: `unknown product category ${unknown.join(', ')}`,
        });
    }
    if (errors.length) throw invalid(errors);
  }
}
