import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Scope, scopeSql } from '@spotcheck/auth';
import { InspectionTask, TaskReassignment, overdueSql } from '@spotcheck/database';
import type { PairCandidate, PlanState, TaskState, UnableReason } from '@spotcheck/domain';

/** The `overdue` filter: still assigned and due before `today`, the day deadlineToday gave. */
const taskOverdueSql = (today: string) =>
  overdueSql('t.due_date', `t.state = 'assigned'`, `${today}::date`);
/** Tasks are as confidential as their plans' draws: matched on the plan's jurisdiction. */
const TASK_SCOPE = { region: 'p.jurisdiction' } as const;

/** A task row with its plan code and enterprise for context. */
export interface TaskRow {
  id: string;
  planId: string;
  planCode: string;
  drawId: string;
  taskNo: number;
  uscc: string;
  enterpriseName: string;
  enterpriseAddress: string;
  regionCode: string;
  category: string;
  /** Two staff numbers (slot 1, slot 2), or null when the draw found no valid pair. */
  inspectors: string[] | null;
  labId: string | null;
  unassigned: Record<string, unknown> | null;
  dueDate: string | null;
  state: TaskState;
  unableReason: UnableReason | null;
  note: string | null;
  violation: boolean;
  stateChangedAt: Date | null;
  stateChangedBy: string | null;
  /** The sampling record's number once the task is sampled (POST /tasks/:id/sample). */
  sampleNo: string | null;
  /** A re-inspection (复查) task: the task whose final failure it re-inspects. */
  reinspectionOf: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReassignmentView {
  slot: number;
  oldStaffNo: string | null;
  newStaffNo: string;
  reason: string;
  actor: string;
  at: Date;
}

const VIEW = `
  SELECT t.id, t.plan_id AS "planId", p.code AS "planCode", t.draw_id AS "drawId",
         t.task_no AS "taskNo", t.uscc, e.name AS "enterpriseName",
         e.address AS "enterpriseAddress", e.region_code AS "regionCode", t.category,
         t.inspectors, t.lab_id AS "labId", t.unassigned,
         to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate",
         t.state, t.unable_reason AS "unableReason", t.note, t.violation,
         t.state_changed_at AS "stateChangedAt", t.state_changed_by AS "stateChangedBy",
         s.sample_no AS "sampleNo", t.reinspection_of AS "reinspectionOf",
         t.created_at AS "createdAt", t.updated_at AS "updatedAt"
    FROM inspection_task t
    JOIN sampling_plan p ON p.id = t.plan_id
    JOIN enterprise e ON e.uscc = t.uscc
    LEFT JOIN sample s ON s.task_id = t.id`;

export interface TaskFilter {
  /** Tasks whose pair holds this staff number (either of the two filters below may be set). */
  staffNo?: string;
  inspector?: string;
  planId?: string;
  state?: TaskState;
  category?: string;
  uscc?: string;
  labId?: string;
  /** Region-code prefix of the enterprise. */
  regionPrefix?: string;
  dueBefore?: string;
  /** With `today`: overdue (true) or not (false) on that day. */
  overdue?: { is: boolean; today: string };
  /** Keyset: tasks after (plan code, task number). */
  after?: [string, number];
}

/** A task's state change as the task machine decided it. */
export interface TaskStateChange {
  state: TaskState;
  unableReason: UnableReason | null;
  violation: boolean;
  note: string | null;
  stateChangedAt: Date;
  stateChangedBy: string;
}

export interface NewReassignment {
  taskId: string;
  slot: number;
  oldStaffNo: string | null;
  newStaffNo: string;
  reason: string;
  actor: string;
  at: Date;
}

/** Inspection tasks after the draw, seen through the caller's scope. */
@Injectable()
export class TaskRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Up to `limit` tasks in (plan code, task number) order: a total order for keysets. */
  async page(scope: Scope, f: TaskFilter, limit: number): Promise<TaskRow[]> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [scopeSql(scope, TASK_SCOPE, arg)];
    // `@>` (not `= ANY`) so the GIN index on inspectors serves it.
    if (f.staffNo !== undefined) where.push(`t.inspectors @> ARRAY[${arg(f.staffNo)}]::text[]`);
    if (f.inspector !== undefined) where.push(`t.inspectors @> ARRAY[${arg(f.inspector)}]::text[]`);
    if (f.planId !== undefined) where.push(`t.plan_id = ${arg(f.planId)}`);
    if (f.state !== undefined) where.push(`t.state = ${arg(f.state)}`);
    if (f.category !== undefined) where.push(`t.category = ${arg(f.category)}`);
    if (f.uscc !== undefined) where.push(`t.uscc = ${arg(f.uscc)}`);
    if (f.labId !== undefined) where.push(`t.lab_id = ${arg(f.labId)}`);
    if (f.regionPrefix !== undefined) where.push(`e.region_code LIKE ${arg(`${f.regionPrefix}%`)}`);
    if (f.dueBefore !== undefined) where.push(`t.due_date < ${arg(f.dueBefore)}::date`);
    if (f.overdue !== undefined)
      where.push(`${taskOverdueSql(arg(f.overdue.today))} = ${arg(f.overdue.is)}`);
    if (f.after !== undefined)
      where.push(
        `(p.code COLLATE "C", t.task_no) > (${arg(f.after[0])} COLLATE "C", ${arg(f.after[1])}::int)`,
      );
    return (await this.ds.query(
      `${VIEW} WHERE ${where.join(' AND ')}
       ORDER BY p.code COLLATE "C", t.task_no LIMIT ${arg(limit)}`,
      params,
    )) as TaskRow[];
  }

  /** The task's view if it lies in the scope. */
  async view(scope: Scope, id: string, m?: EntityManager): Promise<TaskRow | undefined> {
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [task] = (await (m ?? this.ds.manager).query(
      `${VIEW} WHERE t.id = $1 AND ${scopeSql(scope, TASK_SCOPE, arg)}`,
      params,
    )) as TaskRow[];
    return task;
  }

  /** Every change to the task's pair since the draw, oldest first. */
  async reassignments(id: string, m?: EntityManager): Promise<ReassignmentView[]> {
    return (await (m ?? this.ds.manager).query(
      `SELECT slot, old_staff_no AS "oldStaffNo", new_staff_no AS "newStaffNo", reason, actor, at
         FROM task_reassignment WHERE task_id = $1 ORDER BY id`,
      [id],
    )) as ReassignmentView[];
  }

  /** The task's plan and the plan's state, if the task lies in the scope; no lock. */
  async planOf(
    m: EntityManager,
    scope: Scope,
    id: string,
  ): Promise<{ planId: string; state: PlanState; reinspection: boolean } | undefined> {
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [found] = (await m.query(
      `SELECT t.plan_id AS "planId", p.state, t.reinspection_of IS NOT NULL AS reinspection
         FROM inspection_task t
         JOIN sampling_plan p ON p.id = t.plan_id
        WHERE t.id = $1 AND ${scopeSql(scope, TASK_SCOPE, arg)}`,
      params,
    )) as { planId: string; state: PlanState; reinspection: boolean }[];
    return found;
  }

  /** The task row, locked FOR UPDATE. */
  lock(m: EntityManager, id: string): Promise<InspectionTask> {
    return m
      .getRepository(InspectionTask)
      .createQueryBuilder('t')
      .where('t.id = :id', { id })
      .setLock('pessimistic_write')
      .getOneOrFail();
  }

  row(m: EntityManager, id: string): Promise<InspectionTask> {
    return m.findOneByOrFail(InspectionTask, { id });
  }

  async setState(m: EntityManager, id: string, change: TaskStateChange): Promise<void> {
    await m.update(InspectionTask, { id }, change);
  }

  /**
   * The inspectors with these staff numbers, FOR SHARE: a concurrent edit of them waits
   * until the pair is written.
   */
  async candidates(m: EntityManager, staffNos: string[]): Promise<PairCandidate[]> {
    return (await m.query(
      `SELECT staff_no AS "staffNo", active, region_code AS "regionCode", categories, conflicts
         FROM inspector WHERE staff_no = ANY($1::text[]) FOR SHARE`,
      [staffNos],
    )) as PairCandidate[];
  }

  /**
   * The pair that last inspected the enterprise before this task's draw, as the draw itself
   * looked it up (DrawRepository.previousPairs): the latest earlier task with a pair.
   */
  async previousPair(m: EntityManager, task: InspectionTask): Promise<[string, string] | null> {
    const [row] = (await m.query(
      `SELECT t.inspectors FROM inspection_task t JOIN draw d ON d.id = t.draw_id
        WHERE t.uscc = $1 AND t.inspectors IS NOT NULL
          AND d.drawn_at < (SELECT drawn_at FROM draw WHERE id = $2)
        ORDER BY d.drawn_at DESC, t.task_no DESC LIMIT 1`,
      [task.uscc, task.drawId],
    )) as { inspectors: string[] }[];
    return row ? [row.inspectors[0], row.inspectors[1]] : null;
  }

  async insertReassignments(m: EntityManager, rows: NewReassignment[]): Promise<void> {
    await m.insert(TaskReassignment, rows);
  }

  async setPair(
    m: EntityManager,
    id: string,
    pair: [string, string],
    unassigned: Record<string, unknown> | null,
  ): Promise<void> {
    await m.query(
      `UPDATE inspection_task SET inspectors = $2, unassigned = $3, updated_at = now() WHERE id = $1`,
      [id, pair, unassigned === null ? null : JSON.stringify(unassigned)],
    );
  }
}
