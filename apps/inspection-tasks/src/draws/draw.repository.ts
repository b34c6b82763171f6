import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { Scope, scopeWhere } from '@spotcheck/auth';
import {
  Draw,
  InspectionTask,
  NewDrawRow,
  SamplingPlan,
  copyInto,
  copyValue,
  drawEligibleText,
  insertDrawRow,
  verifyStoredDraw,
} from '@spotcheck/database';
import type {
  DrawInspector,
  DrawLab,
  DrawRecordHeader,
  DrawVerification,
  PreviousPair,
} from '@spotcheck/domain';
import { type Exclusion, jurisdictionPattern } from './draw-selection.queries';

/** The advisory lock draws take one at a time (7_349_120_00n: this project's locks). */
const DRAW_LOCK = 7_349_120_004;

/** An exclusion as the API lists it: the excluding plan by its code. */
export interface ExclusionRow {
  uscc: string;
  category: string;
  code: Exclusion['code'];
  reason: string;
  byPlanCode: string | null;
}

/**
 * Draws, their tasks as the draw writes them, and the directory the draw reads. Draws are as
 * confidential as their plans: every read by id applies the caller's scope to the plan's
 * jurisdiction. The draw's own statements take the connection of its REPEATABLE READ
 * transaction (`m`) or its raw client (COPY).
 */
@Injectable()
export class DrawRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Runs `work` on a connection of its own while no other draw runs, in any plan. The lock is
   * a session lock taken before BEGIN: a REPEATABLE READ snapshot is taken by a transaction's
   * first statement, so a lock waited for inside it would come too late.
   */
  async oneAtATime<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
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

  /** The raw client of the draw's transaction, for COPY; JIT off for its plain scans. */
  async client(m: EntityManager): Promise<PoolClient> {
    const client = (await m.queryRunner!.connect()) as PoolClient;
    // The big statements are plain scans; compiling them with JIT costs more than it saves.
    await client.query('SET LOCAL jit = off');
    return client;
  }

  /** Active inspectors whose region lies in the plan's jurisdiction, in staff-number order. */
  async inspectors(m: EntityManager, plan: SamplingPlan): Promise<DrawInspector[]> {
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
  async labs(m: EntityManager): Promise<DrawLab[]> {
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
  async previousPairs(m: EntityManager, usccs: string[]): Promise<PreviousPair[]> {
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

  /** Writes the draw row (binary COPY) and returns its id. */
  insert(client: PoolClient, row: NewDrawRow): Promise<string> {
    return insertDrawRow(client, row);
  }

  /**
   * All tasks of the draw in one COPY: about 7 % faster than an INSERT from unnest() of ten
   * arrays (most of the time is the foreign-key checks a row), and the selected
   * enterprises are not statement parameters a server may write into its log.
   */
  async insertTasks(
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

  async insertExclusions(m: EntityManager, drawId: string, ex: Exclusion[]): Promise<void> {
    if (ex.length === 0) return;
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
  }

  /** The draw of a plan or a draw by its own id, if its plan lies in the scope. */
  find(scope: Scope, by: { planId: string } | { drawId: string }): Promise<Draw | null> {
    const w = scopeWhere(scope, { region: 'p.jurisdiction' });
    const qb = this.ds
      .getRepository(Draw)
      .createQueryBuilder('d')
      .innerJoin(SamplingPlan, 'p', 'p.id = d.plan_id')
      .where(w.sql, w.params);
    if ('planId' in by) qb.andWhere('d.plan_id = :planId', { planId: by.planId });
    else qb.andWhere('d.id = :drawId', { drawId: by.drawId });
    return qb.getOne();
  }

  async countExclusions(drawId: string): Promise<number> {
    const [{ n }] = (await this.ds.query(
      `SELECT count(*)::int AS n FROM draw_exclusion WHERE draw_id = $1`,
      [drawId],
    )) as { n: number }[];
    return n;
  }

  async exclusions(drawId: string): Promise<ExclusionRow[]> {
    return (await this.ds.query(
      `SELECT x.uscc, x.category, x.code, x.reason, p.code AS "byPlanCode"
         FROM draw_exclusion x LEFT JOIN sampling_plan p ON p.id = x.by_plan_id
        WHERE x.draw_id = $1
        ORDER BY x.uscc COLLATE "C", x.category COLLATE "C"`,
      [drawId],
    )) as ExclusionRow[];
  }

  /** Up to `limit` tasks of the plan after task number `after`, in task order. */
  tasksOfPlan(planId: string, after: number | undefined, limit: number) {
    const qb = this.ds
      .getRepository(InspectionTask)
      .createQueryBuilder('t')
      .where('t.plan_id = :planId', { planId });
    if (after !== undefined) qb.andWhere('t.task_no > :after', { after });
    return qb.orderBy('t.task_no', 'ASC').take(limit).getMany();
  }

  verify(d: Draw): Promise<DrawVerification> {
    return verifyStoredDraw(this.ds.manager, d);
  }

  eligibleText(drawId: string): Promise<string> {
    return drawEligibleText(this.ds.manager, drawId);
  }
}
