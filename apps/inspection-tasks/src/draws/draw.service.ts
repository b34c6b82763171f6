import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { AppException, Page, conflict, invalid, notFound, recordAudit } from '@spotcheck/common';
import { Draw, DrawExclusion, InspectionTask, SamplingPlan } from '@spotcheck/database';
import type { PlanLevel } from '@spotcheck/database';
import {
  DrawInputError,
  checkReveal,
  decodeCursor,
  encodeCursor,
  regionPrefix,
  runDraw,
  transitionPlan,
  verifyDraw,
} from '@spotcheck/domain';
import type {
  DrawInspector,
  DrawLab,
  DrawRecord,
  DrawVerification,
  EligibleEnterprise,
  PreviousPair,
  RiskClass,
} from '@spotcheck/domain';
import { NATIONAL_JURISDICTION } from '../plans/plan.dto';
import { PlanService } from '../plans/plan.service';
import { DrawPlanDto, TaskQuery } from './draw.dto';

/** Plan levels by rank: a task of a plan at the same or a higher rank excludes. */
const LEVEL_RANK: Readonly<Record<PlanLevel, number>> = {
  prefecture: 1,
  provincial: 2,
  national: 3,
};
const LEVEL_RANK_SQL = `CASE p.level WHEN 'national' THEN 3 WHEN 'provincial' THEN 2 ELSE 1 END`;
/** How long a check keeps an enterprise and category out of later draws. */
const EXCLUSION_WINDOW = '6 months';

export interface DrawSummary {
  id: string;
  planId: string;
  algorithmVersion: string;
  commitment: string;
  eligibleCount: number;
  eligibleDigest: string;
  totalQuota: number;
  capApplied: boolean;
  params: DrawRecord['params'];
  strata: { name: string; size: number; ratioBp: number; quota: number; allotted: number }[];
  tasks: number;
  unassignedTasks: number;
  exclusions: number;
  drawnAt: string;
  drawnBy: string;
}

interface Exclusion {
  uscc: string;
  category: string;
  reason: string;
}

/**
 * The draw of a sampling plan (DESIGN §3.2, issue 3). The service fixes the inputs from the
 * database — the eligible set minus exclusions, the inspectors of the jurisdiction, the labs
 * and the previous pairs — and the pure draw in libs/domain does the rest. The draw, its
 * tasks, its exclusions, the plan's transition to drawn and the audit row are one
 * transaction under the plan's row lock, so two concurrent draws give one draw and one 409.
 */
@Injectable()
export class DrawService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly plans: PlanService,
  ) {}

  async draw(p: Principal, id: string, dto: DrawPlanDto): Promise<DrawSummary> {
    return this.ds.transaction(async (m) => {
      const plan = await this.plans.get(p, id, m); // FOR UPDATE; 404 outside the scope
      const t = transitionPlan(plan.state, 'draw');
      if (!t.ok)
        throw conflict('ILLEGAL_PLAN_STATE', t.error.message, {
          currentState: plan.state,
          event: 'draw',
          allowedEvents: t.error.allowedEvents,
        });
      const reveal = checkReveal(dto.seed, plan.commitment);
      if (!reveal.ok) throw invalid([{ field: 'seed', reason: reveal.reason }]);

      const drawnAt = new Date();
      const { eligible, exclusions } = await this.eligible(m, plan);
      const usccs = eligible.map((e) => e.uscc);
      // One connection in a transaction: the queries run one after another.
      const inspectors = await this.inspectors(m, plan);
      const labs = await this.labs(m);
      const previousPairs = await this.previousPairs(m, usccs);
      let record: DrawRecord;
      try {
        record = runDraw({
          seed: dto.seed,
          commitment: plan.commitment as string,
          eligible,
          ratiosBp: plan.ratios,
          stratifyByPrefecture: plan.stratifyByPrefecture,
          maxTasks: plan.maxTasks,
          inspectorCapacity: null,
          inspectors,
          labs,
          previousPairs,
          drawnAt: drawnAt.toISOString(),
        });
      } catch (e) {
        if (e instanceof DrawInputError)
          throw new AppException(HttpStatus.UNPROCESSABLE_ENTITY, 'DRAW_INPUT_INVALID', e.message);
        throw e;
      }

      const [row] = (await m.query(
        `INSERT INTO draw (plan_id, algorithm_version, seed, commitment, eligible_digest, strata, record, drawn_at, drawn_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          plan.id,
          record.algorithmVersion,
          record.seed,
          record.commitment,
          record.eligibleDigest,
          JSON.stringify(record.strata),
          JSON.stringify(record),
          drawnAt,
          p.sub,
        ],
      )) as { id: string }[];
      const drawId = row.id;
      await this.insertTasks(m, plan, drawId, record);
      if (exclusions.length)
        await m.query(
          `INSERT INTO draw_exclusion (draw_id, uscc, category, reason)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
          [
            drawId,
            exclusions.map((x) => x.uscc),
            exclusions.map((x) => x.category),
            exclusions.map((x) => x.reason),
          ],
        );
      const after = await m.save(SamplingPlan, m.create(SamplingPlan, { ...plan, state: t.state }));
      await recordAudit(m, p, [
        {
          action: 'draw',
          entityType: 'sampling_plan',
          entityId: plan.id,
          before: plan,
          after,
          detail: {
            from: plan.state,
            to: t.state,
            drawId,
            algorithmVersion: record.algorithmVersion,
            eligibleCount: record.eligibleCount,
            eligibleDigest: record.eligibleDigest,
            tasks: record.tasks.length,
            exclusions: exclusions.length,
          },
        },
      ]);
      return this.summaryOf(
        {
          id: drawId,
          planId: plan.id,
          algorithmVersion: record.algorithmVersion,
          commitment: record.commitment,
          record,
          drawnAt,
          drawnBy: p.sub,
        },
        exclusions.length,
      );
    });
  }

  async summary(p: Principal, id: string): Promise<DrawSummary> {
    const d = await this.drawOf(p, id);
    const excluded = await this.ds.getRepository(DrawExclusion).countBy({ drawId: d.id });
    return this.summaryOf(d, excluded);
  }

  async verification(
    p: Principal,
    id: string,
  ): Promise<{ record: DrawRecord; verdict: DrawVerification }> {
    const d = await this.drawOf(p, id);
    return { record: d.record, verdict: verifyDraw(d.record) };
  }

  async exclusions(p: Principal, id: string): Promise<{ items: Exclusion[] }> {
    const d = await this.drawOf(p, id);
    const items = (await this.ds.query(
      `SELECT uscc, category, reason FROM draw_exclusion WHERE draw_id = $1
       ORDER BY uscc COLLATE "C", category COLLATE "C"`,
      [d.id],
    )) as Exclusion[];
    return { items };
  }

  async tasks(p: Principal, id: string, q: TaskQuery): Promise<Page<InspectionTask>> {
    const plan = await this.plans.get(p, id);
    const qb = this.ds
      .getRepository(InspectionTask)
      .createQueryBuilder('t')
      .where('t.plan_id = :planId', { planId: plan.id });
    if (q.cursor !== undefined) {
      const after = decodeCursor(q.cursor);
      if (!after || typeof after[0] !== 'number')
        throw invalid([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      qb.andWhere('t.task_no > :after', { after: after[0] });
    }
    const rows = await qb
      .orderBy('t.task_no', 'ASC')
      .take(q.limit + 1)
      .getMany();
    const more = rows.length > q.limit;
    const items = more ? rows.slice(0, q.limit) : rows;
    return { items, nextCursor: more ? encodeCursor([items[items.length - 1].taskNo]) : null };
  }

  /** The plan's draw, 404 when the plan is outside the scope or has not been drawn. */
  private async drawOf(p: Principal, id: string): Promise<Draw> {
    const plan = await this.plans.get(p, id);
    const d = await this.ds.getRepository(Draw).findOneBy({ planId: plan.id });
    if (!d) throw notFound('draw of plan', id);
    return d;
  }

  private summaryOf(
    d: Pick<Draw, 'id' | 'planId' | 'algorithmVersion' | 'commitment' | 'record' | 'drawnBy'> & {
      drawnAt: Date;
    },
    exclusions: number,
  ): DrawSummary {
    const r = d.record;
    return {
      id: d.id,
      planId: d.planId,
      algorithmVersion: d.algorithmVersion,
      commitment: d.commitment,
      eligibleCount: r.eligibleCount,
      eligibleDigest: r.eligibleDigest,
      totalQuota: r.totalQuota,
      capApplied: r.capApplied,
      params: r.params,
      strata: r.strata.map((s) => ({
        name: s.name,
        size: s.size,
        ratioBp: s.ratioBp,
        quota: s.quota,
        allotted: s.allotted,
      })),
      tasks: r.tasks.length,
      unassignedTasks: r.tasks.filter((t) => t.unassigned !== undefined).length,
      exclusions,
      drawnAt: d.drawnAt.toISOString(),
      drawnBy: d.drawnBy,
    };
  }

  /** The LIKE pattern of the plan's jurisdiction subtree ('%' for a national plan). */
  private subtree(plan: SamplingPlan): string {
    return plan.jurisdiction === NATIONAL_JURISDICTION
      ? '%'
      : `${regionPrefix(plan.jurisdiction)}%`;
  }

  /**
   * Active enterprises of the jurisdiction with a plan category, in USCC order, each with the
   * plan categories it has; minus (per category) those checked within the exclusion window
   * by a plan of the same or a higher level. An enterprise left with no category drops out.
   */
  private async eligible(
    m: EntityManager,
    plan: SamplingPlan,
  ): Promise<{ eligible: EligibleEnterprise[]; exclusions: Exclusion[] }> {
    const rows = (await m.query(
      `SELECT e.uscc, e.risk_class AS "riskClass",
              substr(e.region_code, 1, 4) || '00' AS prefecture,
              ARRAY(SELECT c FROM unnest(e.categories) c
                    WHERE c = ANY($2::text[]) ORDER BY c COLLATE "C") AS categories
         FROM enterprise e
        WHERE e.status = 'active' AND e.region_code LIKE $1 AND e.categories && $2::text[]
        ORDER BY e.uscc COLLATE "C"`,
      [this.subtree(plan), plan.categories],
    )) as { uscc: string; riskClass: RiskClass; prefecture: string; categories: string[] }[];
    if (rows.length === 0) return { eligible: [], exclusions: [] };

    const checks = (await m.query(
      `SELECT DISTINCT ON (t.uscc, t.category)
              t.uscc, t.category, p.code, p.level, d.drawn_at AS "drawnAt"
         FROM inspection_task t
         JOIN draw d ON d.id = t.draw_id
         JOIN sampling_plan p ON p.id = t.plan_id
        WHERE t.uscc = ANY($1::text[]) AND t.category = ANY($2::text[])
          AND t.state <> 'cancelled' AND p.id <> $3
          AND d.drawn_at > now() - interval '${EXCLUSION_WINDOW}'
          AND ${LEVEL_RANK_SQL} >= $4
        ORDER BY t.uscc, t.category, d.drawn_at DESC`,
      [rows.map((r) => r.uscc), plan.categories, plan.id, LEVEL_RANK[plan.level]],
    )) as { uscc: string; category: string; code: string; level: PlanLevel; drawnAt: Date }[];
    const checked = new Map<string, (typeof checks)[number]>();
    for (const c of checks) checked.set(`${c.uscc}\u0000${c.category}`, c);

    const eligible: EligibleEnterprise[] = [];
    const exclusions: Exclusion[] = [];
    for (const r of rows) {
      if (checked.size === 0) {
        eligible.push(r);
        continue;
      }
      const kept: string[] = [];
      for (const c of r.categories) {
        const hit = checked.get(`${r.uscc}\u0000${c}`);
        if (!hit) kept.push(c);
        else
          exclusions.push({
            uscc: r.uscc,
            category: c,
            reason: `checked for ${c} within the last ${EXCLUSION_WINDOW} by ${hit.level} plan ${hit.code} (drawn ${hit.drawnAt.toISOString()}), at the same or a higher level than this ${plan.level} plan`,
          });
      }
      if (kept.length)
        eligible.push(kept.length === r.categories.length ? r : { ...r, categories: kept });
    }
    return { eligible, exclusions };
  }

  /** Active inspectors whose region lies in the plan's jurisdiction. */
  private async inspectors(m: EntityManager, plan: SamplingPlan): Promise<DrawInspector[]> {
    const rows = (await m.query(
      `SELECT staff_no AS "staffNo", categories, conflicts FROM inspector
        WHERE active AND region_code LIKE $1 ORDER BY staff_no COLLATE "C"`,
      [this.subtree(plan)],
    )) as { staffNo: string; categories: string[]; conflicts: string[] }[];
    return rows.map((r) =>
      r.conflicts.length ? r : { staffNo: r.staffNo, categories: r.categories },
    );
  }

  /** Active labs of any region; capacity left = capacity − tasks still open at the lab. */
  private async labs(m: EntityManager): Promise<DrawLab[]> {
    return (await m.query(
      `SELECT l.id::text AS id, l.categories,
              greatest(l.capacity - coalesce(o.open, 0), 0)::int AS capacity
         FROM lab l
         LEFT JOIN (SELECT lab_id, count(*) AS open FROM inspection_task
                     WHERE lab_id IS NOT NULL AND state = 'assigned' GROUP BY lab_id) o
                ON o.lab_id = l.id
        WHERE l.active ORDER BY l.id::text COLLATE "C"`,
    )) as DrawLab[];
  }

  /** The pair of each enterprise's latest task that had one. */
  private async previousPairs(m: EntityManager, usccs: string[]): Promise<PreviousPair[]> {
    if (usccs.length === 0) return [];
    const rows = (await m.query(
      `SELECT DISTINCT ON (t.uscc) t.uscc, t.inspectors
         FROM inspection_task t JOIN draw d ON d.id = t.draw_id
        WHERE t.uscc = ANY($1::text[]) AND t.inspectors IS NOT NULL
        ORDER BY t.uscc, d.drawn_at DESC, t.task_no DESC`,
      [usccs],
    )) as { uscc: string; inspectors: string[] }[];
    return rows.map((r) => ({ uscc: r.uscc, staffNos: [r.inspectors[0], r.inspectors[1]] }));
  }

  /** All tasks of the draw in one set-based INSERT. */
  private async insertTasks(
    m: EntityManager,
    plan: SamplingPlan,
    drawId: string,
    record: DrawRecord,
  ): Promise<void> {
    const ts = record.tasks;
    if (ts.length === 0) return;
    await m.query(
      `INSERT INTO inspection_task (plan_id, draw_id, task_no, uscc, category, inspectors, lab_id, unassigned, due_date)
       SELECT $1, $2, t.no, t.uscc, t.category,
              CASE WHEN t.a IS NULL THEN NULL ELSE ARRAY[t.a, t.b] END,
              t.lab, t.unassigned, $10::date
         FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::jsonb[])
              AS t(no, uscc, category, a, b, lab, unassigned)`,
      [
        plan.id,
        drawId,
        ts.map((t) => t.taskNo),
        ts.map((t) => t.uscc),
        ts.map((t) => t.category),
        ts.map((t) => t.inspectors?.[0] ?? null),
        ts.map((t) => t.inspectors?.[1] ?? null),
        ts.map((t) => t.lab),
        ts.map((t) => (t.unassigned === undefined ? null : JSON.stringify(t.unassigned))),
        plan.samplingDeadline,
      ],
    );
  }
}
