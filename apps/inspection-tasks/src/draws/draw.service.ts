import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal, Scope } from '@spotcheck/auth';
import { Page, recordAudit } from '@spotcheck/common';
import { Draw, InspectionTask, encodeEligible, exportRecordJson } from '@spotcheck/database';
import {
  DomainError,
  DrawInputError,
  checkReveal,
  completeDraw,
  conflictError,
  decodeCursor,
  encodeCursor,
  invalidError,
  notFoundError,
  resolveRatios,
  selectRanked,
  transitionPlan,
} from '@spotcheck/domain';
import type { DrawParams, DrawRecordHeader, DrawVerification } from '@spotcheck/domain';
import { PlanRepository } from '../plans/plan.repository';
import { PlanService } from '../plans/plan.service';
import { DrawPlanDto, TaskQuery } from './draw.dto';
import { DrawRepository, ExclusionRow } from './draw.repository';
import { eligibleSet, rankEligible } from './draw-selection.queries';

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

/**
 * The draw of a sampling plan (docs/rules.md §3.2). The service fixes the inputs from the
 * database — the eligible set minus exclusions, the inspectors of the jurisdiction, the labs
 * and the previous pairs — and the pure draw in libs/domain does the rest. The draw, its
 * tasks, its exclusions, the plan's transition to drawn and the audit row are one
 * transaction under the plan's row lock, so two concurrent draws give one draw and one 409.
 */
@Injectable()
export class DrawService {
  private readonly logger = new Logger(DrawService.name);

  constructor(
    private readonly plans: PlanService,
    private readonly planRows: PlanRepository,
    private readonly repo: DrawRepository,
  ) {}

  /** Draws are as confidential as their plans: the plans' scope. */
  private scope(p: Principal): Scope {
    return this.plans.scope(p);
  }

  async draw(p: Principal, id: string, dto: DrawPlanDto): Promise<DrawSummary> {
    try {
      // One draw at a time, in any plan: a draw reads what earlier draws wrote (the labs' open
      // tasks, the enterprises and categories checked, the last pairs), so two at once would
      // each miss the other's tasks. The lock is taken before BEGIN (DrawRepository.oneAtATime).
      return await this.repo.oneAtATime(
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
        throw conflictError(
          'ILLEGAL_PLAN_STATE',
          `the plan changed while this draw ran; it is now ${plan.state}`,
          { currentState: plan.state, event: 'draw' },
        );
      }
      throw e;
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
      throw conflictError('ILLEGAL_PLAN_STATE', t.error.message, {
        currentState: plan.state,
        event: 'draw',
        allowedEvents: t.error.allowedEvents,
      });
    const reveal = checkReveal(dto.seed, plan.commitment);
    if (!reveal.ok) throw invalidError([{ field: 'seed', reason: reveal.reason }]);

    const drawnAt = new Date();
    const phases = new Phases();
    const client = await this.repo.client(m);
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
        inspectors: await this.repo.inspectors(m, plan),
        labs: await this.repo.labs(m),
        previousPairs: await this.repo.previousPairs(
          m,
          selection.selected.map((x) => x.uscc),
        ),
        drawnAt: drawnAt.toISOString(),
      });
      phases.mark('assignment');
    } catch (e) {
      await storing?.catch(() => undefined);
      if (e instanceof DrawInputError)
        throw new DomainError('unprocessable', 'DRAW_INPUT_INVALID', e.message);
      throw e;
    }

    const drawId = await this.repo.insert(client, {
      planId: plan.id,
      record: header,
      eligible: await storing,
      drawnAt,
      drawnBy: p.sub,
    });
    phases.mark('record');
    await this.repo.insertTasks(client, plan, drawId, header);
    phases.mark('tasks');
    const ex = set.exclusions;
    await this.repo.insertExclusions(m, drawId, ex);
    const after = await this.planRows.save(m, { ...plan, state: t.state });
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
    const scope = this.scope(p);
    if ('planId' in by) await this.plans.inScope(scope, by.planId);
    const d = await this.repo.find(scope, by);
    if (!d)
      throw 'planId' in by
        ? notFoundError('draw of plan', by.planId)
        : notFoundError('draw', by.drawId);
    return d;
  }

  async summary(d: Draw): Promise<DrawSummary> {
    return this.summaryOf(d, await this.repo.countExclusions(d.id));
  }

  /**
   * The record (without its eligible list, which `GET /draws/:id/record` exports whole) and
   * the verdict of recomputing the draw from the complete record.
   */
  async verification(d: Draw): Promise<DrawVerificationAnswer> {
    return {
      drawId: d.id,
      planId: d.planId,
      verdict: await this.repo.verify(d),
      record: d.record,
      recordUrl: `/api/v1/draws/${d.id}/record`,
    };
  }

  /** The complete record as JSON pieces, for `npm run verify-draw` or any other verifier. */
  async record(d: Draw): Promise<Iterable<string>> {
    return exportRecordJson(d, await this.repo.eligibleText(d.id));
  }

  async exclusions(d: Draw): Promise<{ items: ExclusionRow[] }> {
    return { items: await this.repo.exclusions(d.id) };
  }

  async tasks(p: Principal, id: string, q: TaskQuery): Promise<Page<InspectionTask>> {
    const plan = await this.plans.get(p, id);
    let after: number | undefined;
    if (q.cursor !== undefined) {
      const c = decodeCursor(q.cursor);
      if (!c || typeof c[0] !== 'number')
        throw invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      after = c[0];
    }
    const rows = await this.repo.tasksOfPlan(plan.id, after, q.limit + 1);
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
}
