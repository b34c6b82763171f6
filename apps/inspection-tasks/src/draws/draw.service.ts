import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { AppException, Page, conflict, invalid, notFound, recordAudit } from '@spotcheck/common';
import {
  Draw,
  InspectionTask,
  SamplingPlan,
  drawEligibleText,
  encodeEligible,
  exportRecordJson,
  findDraw,
  copyInto,
  copyValue,
  insertDrawRow,
  verifyStoredDraw,
} from '@spotcheck/database';
import {
  DrawInputError,
  checkReveal,
  completeDraw,
  decodeCursor,
  encodeCursor,
  resolveRatios,
  selectRanked,
  transitionPlan,
} from '@spotcheck/domain';
import type {
  DrawInspector,
  DrawLab,
  DrawParams,
  DrawRecordHeader,
  DrawVerification,
  PreviousPair,
} from '@spotcheck/domain';
import { PlanService } from '../plans/plan.service';
import { DrawPlanDto, TaskQuery } from './draw.dto';
import { type Exclusion, eligibleSet, jurisdictionPattern, rankEligible } from './draw-selection';

export interface DrawSummary {
  id: string;
  planId: string;
  algorithmVersion: string;
  commitment: string;
  eligibleCount: number;
  eligibleDigest: string;
  totalQuota: number;
  capApplied: boolean;
  params: DrawParams;
  strata: { name: string; size: number; ratioBp: number; quota: number; allotted: number }[];
  tasks: number;
  unassignedTasks: number;
  exclusions: number;
  drawnAt: string;
  drawnBy: string;
}

/** Durations of the phases of a draw, for the log: where a slow draw spent its time. */
class Phases {
  private last = performance.now();
  private readonly list: string[] = [];

  mark(name: string): void {
    const now = performance.now();
    this.list.push(`${name} ${Math.round(now - this.last)} ms`);
    this.last = now;
  }

  toString(): string {
    return this.list.join(', ');
  }
}

export interface DrawVerificationAnswer {
  drawId: string;
  planId: string;
  verdict: DrawVerification;
  /** The record without `eligible`; recordUrl gives the complete record. */
  record: DrawRecordHeader;
  recordUrl: string;
}

/** The advisory lock draws take one at a time (7_349_120_00n: this project's locks). */
const DRAW_LOCK = 7_349_120_004;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The draw of a sampling plan (DESIGN §3.2, issue 3). The service fixes the inputs from the
 * database — the eligible set minus exclusions, the inspectors of the jurisdiction, the labs
 * and the previous pairs — and the pure draw in libs/domain does the rest. The draw, its
 * tasks, its exclusions, the plan's transition to drawn and the audit row are one
 * transaction under the plan's row lock, so two concurrent draws give one draw and one 409.
 */
@Injectable()
export class DrawService {
  private readonly logger = new Logger(DrawService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly plans: PlanService,
  ) {}

  async draw(p: Principal, id: string, dto: DrawPlanDto): Promise<DrawSummary> {
    try {
      return await this.oneDrawAtATime(
        // REPEATABLE READ: the exclusions, the eligible list, the inspectors, the labs and the
        // previous pairs are separate queries and must see one and the same directory.
        (runner) =>
          runner.manager.transaction('REPEATABLE READ', (m) => this.drawIn(m, p, id, dto)),
      );
    } catch (e) {
      // The plan row changed after this transaction's snapshot: a concurrent draw (or cancel)
      // committed first. Answer with the state it left.
      if ((e as { driverError?: { code?: string } }).driverError?.code === '40001') {
        const plan = await this.plans.get(p, id);
        throw conflict(
          'ILLEGAL_PLAN_STATE',
          `the plan changed while this draw ran; it is now ${plan.state}`,
          { currentState: plan.state, event: 'draw' },
        );
      }
      throw e;
    }
  }

  /**
   * Runs `work` while no other draw runs, in any plan. A draw reads what earlier draws wrote
   * (the labs' open tasks, the enterprises and categories checked, the last pairs), so two at
   * once would each miss the other's tasks: a lab past its capacity, an enterprise drawn by
   * two levels. The lock is a session lock taken before BEGIN: a REPEATABLE READ snapshot is
   * taken by a transaction's first statement, so a lock waited for inside it would come too
   * late. Draws are seconds long and rare; waiting for one is cheap.
   */
  private async oneDrawAtATime<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [DRAW_LOCK]);
      try {
        return await work(runner);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [DRAW_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async drawIn(
    m: EntityManager,
    p: Principal,
    id: string,
    dto: DrawPlanDto,
  ): Promise<DrawSummary> {
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
    const phases = new Phases();
    const client = (await m.queryRunner!.connect()) as PoolClient;
    // The big statements are plain scans; compiling them with JIT costs more than it saves.
    await client.query('SET LOCAL jit = off');
    const set = await eligibleSet(m, client, plan);
    phases.mark('exclusions');
    let header: DrawRecordHeader;
    let storing: Promise<Buffer> | undefined;
    try {
      // The eligible list, ranked for the seed while it arrives; gzipped for the record on the
      // thread pool while the selection and the assignment run.
      const ranked = await rankEligible(client, set, dto.seed, plan.stratifyByPrefecture);
      storing = encodeEligible(ranked.bytes);
      // Awaited below; until then a failure must not count as an unhandled rejection.
      storing.catch(() => undefined);
      phases.mark('snapshot');
      const params: DrawParams = {
        ratiosBp: resolveRatios(plan.ratios),
        stratifyByPrefecture: plan.stratifyByPrefecture,
        maxTasks: plan.maxTasks,
        inspectorCapacity: plan.maxTasksPerInspector,
      };
      const selection = selectRanked(dto.seed, ranked, params);
      phases.mark('selection');
      header = completeDraw({
        seed: dto.seed,
        commitment: plan.commitment as string,
        params,
        selection,
        categoriesOf: (t) => ranked.categories(selection.rows[t]),
        inspectors: await this.inspectors(m, plan),
        labs: await this.labs(m),
        previousPairs: await this.previousPairs(
          m,
          selection.selected.map((x) => x.uscc),
        ),
        drawnAt: drawnAt.toISOString(),
      });
      phases.mark('assignment');
    } catch (e) {
      await storing?.catch(() => undefined);
      if (e instanceof DrawInputError)
        throw new AppException(HttpStatus.UNPROCESSABLE_ENTITY, 'DRAW_INPUT_INVALID', e.message);
      throw e;
    }

    const drawId = await insertDrawRow(client, {
      planId: plan.id,
      record: header,
      eligible: await storing,
      drawnAt,
      drawnBy: p.sub,
    });
    phases.mark('record');
    await this.insertTasks(client, plan, drawId, header);
    phases.mark('tasks');
    const ex = set.exclusions;
    if (ex.length)
      await m.query(
        `INSERT INTO draw_exclusion (draw_id, uscc, category, code, reason, by_plan_id)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[])`,
        [
          drawId,
          ex.map((x) => x.uscc),
          ex.map((x) => x.category),
          ex.map((x) => x.code),
          ex.map((x) => x.reason),
          ex.map((x) => x.byPlanId),
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
          algorithmVersion: header.algorithmVersion,
          eligibleCount: header.eligibleCount,
          eligibleDigest: header.eligibleDigest,
          tasks: header.tasks.length,
          exclusions: ex.length,
        },
      },
    ]);
    this.logger.log(
      `draw ${drawId} of plan ${plan.code}: ${header.eligibleCount} eligible, ${header.tasks.length} tasks; ${phases.toString()}`,
    );
    return this.summaryOf(
      {
        id: drawId,
        planId: plan.id,
        algorithmVersion: header.algorithmVersion,
        commitment: header.commitment,
        record: header,
        drawnAt,
        drawnBy: p.sub,
      },
      ex.length,
    );
  }

  /** The draw of a plan (by plan id) or a draw by its own id, 404 outside the scope. */
  async find(p: Principal, by: { planId: string } | { drawId: string }): Promise<Draw> {
    if ('planId' in by) {
      const plan = await this.plans.get(p, by.planId);
      const d = await this.ds.getRepository(Draw).findOneBy({ planId: plan.id });
      if (!d) throw notFound('draw of plan', by.planId);
      return d;
    }
    const d = UUID.test(by.drawId) ? await findDraw(this.ds.manager, by.drawId) : null;
    if (!d) throw notFound('draw', by.drawId);
    await this.plans.get(p, d.planId); // 404 when the plan is outside the caller's scope
    return d;
  }

  async summary(d: Draw): Promise<DrawSummary> {
    const [{ n }] = (await this.ds.query(
      `SELECT count(*)::int AS n FROM draw_exclusion WHERE draw_id = $1`,
      [d.id],
    )) as { n: number }[];
    return this.summaryOf(d, n);
  }

  /**
   * The record (without its eligible list, which `GET /draws/:id/record` exports whole) and
   * the verdict of recomputing the draw from the complete record.
   */
  async verification(d: Draw): Promise<DrawVerificationAnswer> {
    return {
      drawId: d.id,
      planId: d.planId,
      verdict: await verifyStoredDraw(this.ds.manager, d),
      record: d.record,
      recordUrl: `/api/v1/draws/${d.id}/record`,
    };
  }

  /** The complete record as JSON pieces, for `npm run verify-draw` or any other verifier. */
  async record(d: Draw): Promise<Iterable<string>> {
    return exportRecordJson(d, await drawEligibleText(this.ds.manager, d.id));
  }

  async exclusions(d: Draw): Promise<{ items: Omit<Exclusion, 'byPlanId'>[] }> {
    const items = (await this.ds.query(
      `SELECT x.uscc, x.category, x.code, x.reason, p.code AS "byPlanCode"
         FROM draw_exclusion x LEFT JOIN sampling_plan p ON p.id = x.by_plan_id
        WHERE x.draw_id = $1
        ORDER BY x.uscc COLLATE "C", x.category COLLATE "C"`,
      [d.id],
    )) as Omit<Exclusion, 'byPlanId'>[];
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

  /** Active inspectors whose region lies in the plan's jurisdiction. */
  private async inspectors(m: EntityManager, plan: SamplingPlan): Promise<DrawInspector[]> {
    const rows = (await m.query(
      `SELECT staff_no AS "staffNo", categories, conflicts FROM inspector
        WHERE active AND region_code LIKE $1 ORDER BY staff_no COLLATE "C"`,
      [jurisdictionPattern(plan)],
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

  /**
   * All tasks of the draw in one COPY: about 7 % faster than an INSERT from unnest() of ten
   * arrays (most of the time is the foreign-key checks a row), and the selected
   * enterprises are not statement parameters a server may write into its log.
   */
  private async insertTasks(
    client: PoolClient,
    plan: SamplingPlan,
    drawId: string,
    record: DrawRecordHeader,
  ): Promise<void> {
    const ts = record.tasks;
    if (ts.length === 0) return;
    const rows = ts.map(
      (t) =>
        `${[
          plan.id,
          drawId,
          String(t.taskNo),
          t.uscc,
          t.category,
          t.inspectors,
          t.lab,
          t.unassigned === undefined ? null : JSON.stringify(t.unassigned),
          plan.samplingDeadline,
        ]
          .map(copyValue)
          .join('\t')}\n`,
    );
    await copyInto(
      client,
      `COPY inspection_task (plan_id, draw_id, task_no, uscc, category, inspectors, lab_id, unassigned, due_date) FROM STDIN`,
      [rows.join('')],
    );
  }
}
