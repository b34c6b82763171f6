import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, scopePrefix } from '@spotcheck/auth';
import {
  AppException,
  AuditEntry,
  FieldError,
  Page,
  conflict,
  invalid,
  notFound,
  recordAudit,
} from '@spotcheck/common';
import { InspectionTask, SamplingPlan, TaskReassignment } from '@spotcheck/database';
import {
  allowedTaskEvents,
  canReassignTask,
  decodeCursor,
  encodeCursor,
  inspectorProblem,
  pairProblem,
  regionPrefix,
  transitionPlan,
  transitionTask,
} from '@spotcheck/domain';
import type {
  PairCandidate,
  PairTask,
  PlanState,
  TaskEventInput,
  TaskState,
  UnableReason,
} from '@spotcheck/domain';
import { NATIONAL_JURISDICTION } from '../plans/plan.dto';
import { CancelTaskDto, ReassignTaskDto, TaskQuery, UnableTaskDto } from './task.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTITY = 'inspection_task';
/** Tasks are worked on between the draw and the close of the plan's sampling phase. */
const WORKING_PLAN_STATES: readonly PlanState[] = ['drawn', 'sampling'];
/** China keeps one civil time: a task is overdue once its due date has passed in Beijing. */
const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;
const OVERDUE = `coalesce(t.state = 'assigned' AND t.due_date < ${TODAY}, false)`;
const MAX_TASK_NO = 2_147_483_647;

/** A task as the API shows it: the row, with its plan code and enterprise for context. */
export interface TaskView {
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
  overdue: boolean;
  state: TaskState;
  unableReason: UnableReason | null;
  note: string | null;
  violation: boolean;
  stateChangedAt: Date | null;
  stateChangedBy: string | null;
  /** The sampling record's number once the task is sampled (POST /tasks/:id/sample). */
  sampleNo: string | null;
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

export interface TaskDetail extends TaskView {
  /** Every change to the pair since the draw, oldest first. */
  reassignments: ReassignmentView[];
}

const VIEW = `
  SELECT t.id, t.plan_id AS "planId", p.code AS "planCode", t.draw_id AS "drawId",
         t.task_no AS "taskNo", t.uscc, e.name AS "enterpriseName",
         e.address AS "enterpriseAddress", e.region_code AS "regionCode", t.category,
         t.inspectors, t.lab_id AS "labId", t.unassigned,
         to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", ${OVERDUE} AS overdue,
         t.state, t.unable_reason AS "unableReason", t.note, t.violation,
         t.state_changed_at AS "stateChangedAt", t.state_changed_by AS "stateChangedBy",
         s.sample_no AS "sampleNo", t.created_at AS "createdAt", t.updated_at AS "updatedAt"
    FROM inspection_task t
    JOIN sampling_plan p ON p.id = t.plan_id
    JOIN enterprise e ON e.uscc = t.uscc
    LEFT JOIN sample s ON s.task_id = t.id`;

/** What a task write leaves in the audit log: the task's detail, and entries of its own. */
export interface TaskWriteResult {
  detail: Record<string, unknown>;
  audit: AuditEntry[];
}

/** The body of a task write, run with the plan and the task locked. */
type TaskWrite = (
  m: EntityManager,
  task: InspectionTask,
  plan: SamplingPlan,
) => Promise<TaskWriteResult>;

/**
 * Work done inside a task's state change once the change is known to be legal (the sampling
 * record); it may still refuse by throwing, which rolls everything back.
 */
export type TaskStepHook = TaskWrite;

/** One member of the pair to change: its slot (1 or 2) and the field that named the new one. */
interface PairChange {
  slot: 1 | 2;
  staffNo: string;
  field: string;
}

/**
 * Inspection tasks after the draw (issue 3, "Tasks"). A task is visible to regulators whose
 * jurisdiction holds its plan's jurisdiction, as the plan and its draw are (404 outside:
 * the draw is confidential, DESIGN §3.2 step 5); admins see all.
 *
 * Writes follow libs/domain's task machine while the plan is drawn or sampling. Each takes
 * the plan's row lock and then the task's, in that order in every writer, and leaves its audit
 * row in the same transaction. The first field outcome (sampled or unable) of a drawn plan
 * also moves the plan to sampling (the plan machine's startSampling); cancelling a task or
 * reassigning its pair is office work and leaves the plan as it is.
 */
@Injectable()
export class TaskService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private scope(p: Principal): string {
    const prefix = scopePrefix(p);
    if (prefix === null)
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `role ${p.role} may not use inspection tasks`,
      );
    return prefix;
  }

  list(p: Principal, q: TaskQuery): Promise<Page<TaskView>> {
    return this.page(p, q);
  }

  /** The tasks of the inspector the token names (its staffNo claim), in the caller's scope. */
  mine(p: Principal, q: TaskQuery): Promise<Page<TaskView>> {
    if (!p.staffNo)
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        'your token names no inspector (no staffNo claim), so it has no tasks of its own; ask for a token with your staff number, or list tasks with GET /tasks?inspector=…',
      );
    return this.page(p, q, p.staffNo);
  }

  private async page(p: Principal, q: TaskQuery, staffNo?: string): Promise<Page<TaskView>> {
    const prefix = this.scope(p);
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    if (prefix) where.push(`p.jurisdiction LIKE ${arg(`${prefix}%`)}`);
    // `@>` (not `= ANY`) so the GIN index on inspectors serves it.
    if (staffNo !== undefined) where.push(`t.inspectors @> ARRAY[${arg(staffNo)}]::text[]`);
    if (q.inspector !== undefined) where.push(`t.inspectors @> ARRAY[${arg(q.inspector)}]::text[]`);
    if (q.planId !== undefined) where.push(`t.plan_id = ${arg(q.planId)}`);
    if (q.state !== undefined) where.push(`t.state = ${arg(q.state)}`);
    if (q.category !== undefined) where.push(`t.category = ${arg(q.category)}`);
    if (q.uscc !== undefined) where.push(`t.uscc = ${arg(q.uscc)}`);
    if (q.labId !== undefined) where.push(`t.lab_id = ${arg(q.labId)}`);
    if (q.region !== undefined)
      where.push(`e.region_code LIKE ${arg(`${regionPrefix(q.region)}%`)}`);
    if (q.dueBefore !== undefined) where.push(`t.due_date < ${arg(q.dueBefore)}::date`);
    if (q.overdue !== undefined) where.push(`${OVERDUE} = ${arg(q.overdue)}`);
    if (q.cursor !== undefined) {
      const after = decodeCursor(q.cursor);
      const [code, taskNo] = after ?? [];
      if (
        after?.length !== 2 ||
        typeof code !== 'string' ||
        code.includes('\u0000') ||
        typeof taskNo !== 'number' ||
        !Number.isInteger(taskNo) ||
        taskNo < 0 ||
        taskNo > MAX_TASK_NO
      )
        throw invalid([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      where.push(
        `(p.code COLLATE "C", t.task_no) > (${arg(code)} COLLATE "C", ${arg(taskNo)}::int)`,
      );
    }
    // Plan codes are unique and task numbers unique within a plan: a total order for keysets.
    const rows = (await this.ds.query(
      `${VIEW} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY p.code COLLATE "C", t.task_no LIMIT ${arg(q.limit + 1)}`,
      params,
    )) as TaskView[];
    const more = rows.length > q.limit;
    const items = more ? rows.slice(0, q.limit) : rows;
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.planCode, last.taskNo]) : null };
  }

  /** The task with its reassignment history, 404 when it is outside the caller's scope. */
  async get(p: Principal, id: string, m?: EntityManager): Promise<TaskDetail> {
    const prefix = this.scope(p);
    if (!UUID.test(id)) throw notFound('task', id);
    const db = m ?? this.ds.manager;
    const [task] = (await db.query(`${VIEW} WHERE t.id = $1 AND p.jurisdiction LIKE $2`, [
      id,
      `${prefix}%`,
    ])) as TaskView[];
    if (!task) throw notFound('task', id);
    const reassignments = (await db.query(
      `SELECT slot, old_staff_no AS "oldStaffNo", new_staff_no AS "newStaffNo", reason, actor, at
         FROM task_reassignment WHERE task_id = $1 ORDER BY id`,
      [id],
    )) as ReassignmentView[];
    return { ...task, reassignments };
  }

  /**
   * assigned → sampled, as part of the sampling record (SampleService), in the caller's
   * transaction `m`: the same scope (404), plan lock and state (409 ILLEGAL_PLAN_STATE), task
   * lock and state machine (409 ILLEGAL_TASK_STATE), plan start and audit as every other task
   * write. `record` runs once the task may become sampled, with the locked task and plan; it
   * writes the record and returns what to add to the task's audit detail and the audit entries
   * of its own, which are recorded after the task's.
   */
  sampledWithin(
    m: EntityManager,
    p: Principal,
    id: string,
    record: TaskStepHook,
  ): Promise<TaskDetail> {
    return this.writeIn(
      m,
      p,
      id,
      'sampled',
      true,
      this.step(p, id, { event: 'sampled' }, null, {}, record),
    );
  }

  unable(p: Principal, id: string, dto: UnableTaskDto): Promise<TaskDetail> {
    return this.transition(p, id, { event: 'unable', reason: dto.reason }, dto.note ?? null, {});
  }

  cancel(p: Principal, id: string, dto: CancelTaskDto): Promise<TaskDetail> {
    return this.transition(p, id, { event: 'cancel' }, dto.reason, { reason: dto.reason });
  }

  private transition(
    p: Principal,
    id: string,
    input: TaskEventInput,
    note: string | null,
    detail: Record<string, unknown>,
  ): Promise<TaskDetail> {
    const fieldOutcome = input.event !== 'cancel';
    return this.write(p, id, input.event, fieldOutcome, this.step(p, id, input, note, detail));
  }

  /** The write of one state machine step, with an optional hook run once the step is legal. */
  private step(
    p: Principal,
    id: string,
    input: TaskEventInput,
    note: string | null,
    detail: Record<string, unknown>,
    hook?: TaskStepHook,
  ): TaskWrite {
    return async (m, before, plan) => {
      const t = transitionTask(before.state, input);
      if (!t.ok) {
        if (t.error.code === 'INVALID_UNABLE_REASON')
          throw invalid([{ field: 'reason', reason: t.error.message }]);
        throw conflict('ILLEGAL_TASK_STATE', t.error.message, {
          currentState: before.state,
          event: input.event,
          allowedEvents: t.error.allowedEvents,
        });
      }
      const extra = hook ? await hook(m, before, plan) : { detail: {}, audit: [] };
      await m.update(
        InspectionTask,
        { id },
        {
          state: t.state,
          unableReason: t.unableReason,
          violation: t.violation,
          note,
          stateChangedAt: new Date(),
          stateChangedBy: p.sub,
        },
      );
      return {
        detail: {
          from: before.state,
          to: t.state,
          ...(t.unableReason ? { unableReason: t.unableReason, violation: t.violation } : {}),
          ...(note !== null && input.event !== 'cancel' ? { note } : {}),
          ...detail,
          ...extra.detail,
        },
        audit: extra.audit,
      };
    };
  }

  /**
   * Replaces one member of the pair (by slot or by staff number), or gives both members to a
   * task the draw left without a pair. Only the task and the reassignment history change:
   * the draw and its record stay as drawn, so its verification still says MATCH.
   */
  reassign(p: Principal, id: string, dto: ReassignTaskDto): Promise<TaskDetail> {
    checkReassignShape(dto);
    return this.write(p, id, 'reassign', false, async (m, before, plan) => {
      if (!canReassignTask(before.state))
        throw conflict(
          'ILLEGAL_TASK_STATE',
          `the task is ${before.state}: only an assigned task can be reassigned`,
          {
            currentState: before.state,
            event: 'reassign',
            allowedEvents: allowedTaskEvents(before.state),
          },
        );
      const { pair, changes } = planChanges(before.inspectors, dto);
      const pairTask: PairTask = {
        uscc: before.uscc,
        category: before.category,
        jurisdiction: plan.jurisdiction,
        regionPrefix:
          plan.jurisdiction === NATIONAL_JURISDICTION ? '' : regionPrefix(plan.jurisdiction),
      };
      // Shared locks: a concurrent edit of these inspectors waits until the pair is written.
      const rows = (await m.query(
        `SELECT staff_no AS "staffNo", active, region_code AS "regionCode", categories, conflicts
           FROM inspector WHERE staff_no = ANY($1::text[]) FOR SHARE`,
        [changes.map((c) => c.staffNo)],
      )) as PairCandidate[];
      const byStaffNo = new Map(rows.map((r) => [r.staffNo, r]));
      const errors: FieldError[] = [];
      for (const c of changes) {
        const problem = inspectorProblem(c.staffNo, byStaffNo.get(c.staffNo), pairTask);
        if (problem) errors.push({ field: c.field, reason: problem });
      }
      if (errors.length) throw invalid(errors);
      const problem = pairProblem(pair, await this.previousPair(m, before), before.uscc);
      if (problem)
        throw invalid([
          { field: changes.length === 1 ? changes[0].field : 'staffNos', reason: problem },
        ]);

      const at = new Date();
      const old = before.inspectors;
      await m.insert(
        TaskReassignment,
        changes.map((c) => ({
          taskId: id,
          slot: c.slot,
          oldStaffNo: old ? old[c.slot - 1] : null,
          newStaffNo: c.staffNo,
          reason: dto.reason,
          actor: p.sub,
          at,
        })),
      );
      // The reason the draw found no pair no longer describes the task; the record keeps it.
      let unassigned = before.unassigned;
      if (unassigned && 'inspectors' in unassigned) {
        const { inspectors: _gone, ...rest } = unassigned;
        unassigned = Object.keys(rest).length ? rest : null;
      }
      await m.query(
        `UPDATE inspection_task SET inspectors = $2, unassigned = $3, updated_at = now() WHERE id = $1`,
        [id, pair, unassigned === null ? null : JSON.stringify(unassigned)],
      );
      return {
        detail: {
          changes: changes.map((c) => ({
            slot: c.slot,
            from: old ? old[c.slot - 1] : null,
            to: c.staffNo,
          })),
          reason: dto.reason,
        },
        audit: [],
      };
    });
  }

  /** A write to one task in a transaction of its own (see writeIn). */
  private write(
    p: Principal,
    id: string,
    action: string,
    fieldOutcome: boolean,
    fn: TaskWrite,
  ): Promise<TaskDetail> {
    // Checked before the transaction opens, so a caller out of scope takes no connection.
    this.scope(p);
    if (!UUID.test(id)) throw notFound('task', id);
    return this.ds.transaction((m) => this.writeIn(m, p, id, action, fieldOutcome, fn));
  }

  /**
   * A write to one task inside transaction `m`: locks its plan (checking it is drawn or
   * sampling) and then the task, runs `fn`, moves a drawn plan to sampling on a field outcome,
   * and audits it all. `fn` returns the task's audit detail and any further audit entries.
   */
  private async writeIn(
    m: EntityManager,
    p: Principal,
    id: string,
    action: string,
    fieldOutcome: boolean,
    fn: TaskWrite,
  ): Promise<TaskDetail> {
    const prefix = this.scope(p);
    if (!UUID.test(id)) throw notFound('task', id);
    const [found] = (await m.query(
      `SELECT t.plan_id AS "planId", p.state FROM inspection_task t
         JOIN sampling_plan p ON p.id = t.plan_id
        WHERE t.id = $1 AND p.jurisdiction LIKE $2`,
      [id, `${prefix}%`],
    )) as { planId: string; state: PlanState }[];
    if (!found) throw notFound('task', id);
    // Only the first field outcome of a drawn plan writes the plan; every other task write
    // shares its lock, so work on many tasks runs side by side while a plan cancel or close
    // waits for it (and it for them). Deciding the mode before locking avoids upgrading a
    // shared lock, which two writers could deadlock on.
    const starts = fieldOutcome && found.state === 'drawn';
    const plan = await m
      .getRepository(SamplingPlan)
      .createQueryBuilder('p')
      .where('p.id = :id', { id: found.planId })
      .setLock(starts ? 'pessimistic_write' : 'pessimistic_read')
      .getOneOrFail();
    if (!WORKING_PLAN_STATES.includes(plan.state))
      throw conflict(
        'ILLEGAL_PLAN_STATE',
        `the plan is ${plan.state}: its tasks change only while it is ${WORKING_PLAN_STATES.join(' or ')}`,
        { currentState: plan.state, planId: plan.id, event: action },
      );
    const before = await m
      .getRepository(InspectionTask)
      .createQueryBuilder('t')
      .where('t.id = :id', { id })
      .setLock('pessimistic_write')
      .getOneOrFail();
    const { detail, audit } = await fn(m, before, plan);
    if (p.staffNo) detail.staffNo = p.staffNo;
    const after = await m.findOneByOrFail(InspectionTask, { id });
    const entries: AuditEntry[] = [
      { action, entityType: ENTITY, entityId: id, before, after, detail },
    ];
    if (starts && plan.state === 'drawn') {
      const t = transitionPlan(plan.state, 'startSampling');
      if (t.ok) {
        const planAfter = await m.save(
          SamplingPlan,
          m.create(SamplingPlan, { ...plan, state: t.state }),
        );
        entries.push({
          action: 'startSampling',
          entityType: 'sampling_plan',
          entityId: plan.id,
          before: plan,
          after: planAfter,
          detail: { from: plan.state, to: t.state, firstTask: id, taskEvent: action },
        });
      }
    }
    await recordAudit(m, p, [...entries, ...audit]);
    return this.get(p, id, m);
  }

  /**
   * The pair that last inspected the enterprise before this task's draw, as the draw itself
   * looked it up (DrawService.previousPairs): the latest earlier task with a pair.
   */
  private async previousPair(
    m: EntityManager,
    task: InspectionTask,
  ): Promise<[string, string] | null> {
    const [row] = (await m.query(
      `SELECT t.inspectors FROM inspection_task t JOIN draw d ON d.id = t.draw_id
        WHERE t.uscc = $1 AND t.inspectors IS NOT NULL
          AND d.drawn_at < (SELECT drawn_at FROM draw WHERE id = $2)
        ORDER BY d.drawn_at DESC, t.task_no DESC LIMIT 1`,
      [task.uscc, task.drawId],
    )) as { inspectors: string[] }[];
    return row ? [row.inspectors[0], row.inspectors[1]] : null;
  }
}

/** Exactly one of slot, replace or staffNos; staffNo goes with slot or replace only. */
function checkReassignShape(dto: ReassignTaskDto): void {
  const given = (['slot', 'replace', 'staffNos'] as const).filter((k) => dto[k] !== undefined);
  const errors: FieldError[] = [];
  if (given.length === 0)
    errors.push({
      field: 'slot',
      reason:
        'give slot (1 or 2) or replace (a staff number) with staffNo, or staffNos for a task without a pair',
    });
  for (const extra of given.slice(1))
    errors.push({
      field: extra,
      reason: `give only one of slot, replace or staffNos (${given[0]} was given)`,
    });
  if (given.length === 1) {
    if (given[0] === 'staffNos' && dto.staffNo !== undefined)
      errors.push({
        field: 'staffNo',
        reason: 'not allowed with staffNos, which gives both members',
      });
    if (given[0] !== 'staffNos' && dto.staffNo === undefined)
      errors.push({ field: 'staffNo', reason: `is required with ${given[0]}` });
  }
  if (errors.length) throw invalid(errors);
}

/** The new pair and the slots that change, or 400 when the request does not fit the task. */
function planChanges(
  current: string[] | null,
  dto: ReassignTaskDto,
): { pair: [string, string]; changes: PairChange[] } {
  if (dto.staffNos !== undefined) {
    if (current)
      throw invalid([
        {
          field: 'staffNos',
          reason: `the task already has a pair (${current.join(', ')}); replace one member with slot or replace`,
        },
      ]);
    const [a, b] = dto.staffNos;
    if (a === b)
      throw invalid([
        { field: 'staffNos[1]', reason: `must differ from staffNos[0] (two distinct inspectors)` },
      ]);
    return {
      pair: [a, b],
      changes: [
        { slot: 1, staffNo: a, field: 'staffNos[0]' },
        { slot: 2, staffNo: b, field: 'staffNos[1]' },
      ],
    };
  }
  const by = dto.slot !== undefined ? 'slot' : 'replace';
  if (!current)
    throw invalid([
      { field: by, reason: 'the task has no inspector pair yet; give both members with staffNos' },
    ]);
  let slot: 1 | 2;
  if (dto.slot !== undefined) slot = dto.slot;
  else {
    const i = current.indexOf(dto.replace as string);
    if (i < 0)
      throw invalid([
        {
          field: 'replace',
          reason: `${dto.replace} is not an inspector of this task (pair: ${current.join(', ')})`,
        },
      ]);
    slot = (i + 1) as 1 | 2;
  }
  const staffNo = dto.staffNo as string;
  const other = current[2 - slot];
  if (staffNo === current[slot - 1])
    throw invalid([
      { field: 'staffNo', reason: `${staffNo} is already inspector ${slot} of this task` },
    ]);
  if (staffNo === other)
    throw invalid([
      { field: 'staffNo', reason: `${staffNo} is already the other inspector of this task` },
    ]);
  const pair: [string, string] = slot === 1 ? [staffNo, other] : [other, staffNo];
  return { pair, changes: [{ slot, staffNo, field: 'staffNo' }] };
}
