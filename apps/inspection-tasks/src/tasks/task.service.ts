import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Scope, scopeOf } from '@spotcheck/auth';
import { AuditEntry, Page, recordAudit } from '@spotcheck/common';
import { InspectionTask, SamplingPlan } from '@spotcheck/database';
import {
  allowedTaskEvents,
  canReassignTask,
  conflictError,
  deadlineToday,
  decodeCursor,
  encodeCursor,
  forbiddenError,
  invalidError,
  isOverdue,
  isUuid,
  notFoundError,
  planPairChange,
  reassignShapeErrors,
  reassignmentErrors,
  regionPrefix,
  transitionPlan,
  transitionTask,
  unassignedAfterPair,
} from '@spotcheck/domain';
import type { PairTask, PlanState, TaskEventInput } from '@spotcheck/domain';
import { NATIONAL_JURISDICTION } from '../plans/plan.dto';
import { PlanRepository } from '../plans/plan.repository';
import { ReassignTaskDto, CancelTaskDto, TaskQuery, UnableTaskDto } from './task.dto';
import { ReassignmentView, TaskRepository, TaskRow } from './task.repository';

export type { ReassignmentView } from './task.repository';

/** A task as the API shows it: the row, and whether it is overdue today (libs/domain's rule). */
export interface TaskView extends TaskRow {
  overdue: boolean;
}

const withOverdue = (row: TaskRow, today: string): TaskView => ({
  ...row,
  overdue: isOverdue(row.dueDate, row.state !== 'assigned', today),
});

const ENTITY = 'inspection_task';
/** Tasks are worked on between the draw and the close of the plan's sampling phase. */
const WORKING_PLAN_STATES: readonly PlanState[] = ['drawn', 'sampling'];
/**
 * A re-inspection (复查) follows a failure up after the plan's sampling phase, so it is worked on
 * in a closed plan too (docs/cases.md).
 */
const REINSPECTION_PLAN_STATES: readonly PlanState[] = ['drawn', 'sampling', 'closed'];
const MAX_TASK_NO = 2_147_483_647;

export interface TaskDetail extends TaskView {
  /** Every change to the pair since the draw, oldest first. */
  reassignments: ReassignmentView[];
}

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

/**
 * Inspection tasks after the draw. A task is visible to regulators whose
 * jurisdiction holds its plan's jurisdiction, as the plan and its draw are (404 outside:
 * the draw is confidential, docs/rules.md §3.2 step 5); admins see all.
 *
 * Writes follow libs/domain's task machine while the plan is drawn or sampling. Each takes
 * the plan's row lock and then the task's, in that order in every writer, and leaves its audit
 * row in the same transaction. The first field outcome (sampled or unable) of a drawn plan
 * also moves the plan to sampling (the plan machine's startSampling); cancelling a task or
 * reassigning its pair is office work and leaves the plan as it is.
 */
@Injectable()
export class TaskService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: TaskRepository,
    private readonly plans: PlanRepository,
  ) {}

  /** What the caller may see of tasks: regulators their subtree, admins all. */
  private scope(p: Principal): Scope {
    return scopeOf(p, 'inspection tasks', ['regulator', 'admin']);
  }

  list(p: Principal, q: TaskQuery): Promise<Page<TaskView>> {
    return this.page(p, q);
  }

  /** The tasks of the inspector the token names (its staffNo claim), in the caller's scope. */
  async mine(p: Principal, q: TaskQuery): Promise<Page<TaskView>> {
    if (!p.staffNo)
      throw forbiddenError(
        'your token names no inspector (no staffNo claim), so it has no tasks of its own; ask for a token with your staff number, or list tasks with GET /tasks?inspector=…',
      );
    return this.page(p, q, p.staffNo);
  }

  private async page(p: Principal, q: TaskQuery, staffNo?: string): Promise<Page<TaskView>> {
    const scope = this.scope(p);
    const today = deadlineToday(new Date());
    let after: [string, number] | undefined;
    if (q.cursor !== undefined) {
      const c = decodeCursor(q.cursor);
      const [code, taskNo] = c ?? [];
      if (
        c?.length !== 2 ||
        typeof code !== 'string' ||
        code.includes('\u0000') ||
        typeof taskNo !== 'number' ||
        !Number.isInteger(taskNo) ||
        taskNo < 0 ||
        taskNo > MAX_TASK_NO
      )
        throw invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      after = [code, taskNo];
    }
    const rows = await this.repo.page(
      scope,
      {
        staffNo,
        inspector: q.inspector,
        planId: q.planId,
        state: q.state,
        category: q.category,
        uscc: q.uscc,
        labId: q.labId,
        regionPrefix: q.region !== undefined ? regionPrefix(q.region) : undefined,
        dueBefore: q.dueBefore,
        overdue: q.overdue === undefined ? undefined : { is: q.overdue, today },
        after,
      },
      q.limit + 1,
    );
    const more = rows.length > q.limit;
    const items = (more ? rows.slice(0, q.limit) : rows).map((r) => withOverdue(r, today));
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.planCode, last.taskNo]) : null };
  }

  /** The task with its reassignment history, 404 when it is outside the caller's scope. */
  async get(p: Principal, id: string, m?: EntityManager): Promise<TaskDetail> {
    const task = await this.repo.view(this.scope(p), id, m);
    if (!task) throw notFoundError('task', id);
    return {
      ...withOverdue(task, deadlineToday(new Date())),
      reassignments: await this.repo.reassignments(id, m),
    };
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
          throw invalidError([{ field: 'reason', reason: t.error.message }]);
        throw conflictError('ILLEGAL_TASK_STATE', t.error.message, {
          currentState: before.state,
          event: input.event,
          allowedEvents: t.error.allowedEvents,
        });
      }
      const extra = hook ? await hook(m, before, plan) : { detail: {}, audit: [] };
      await this.repo.setState(m, id, {
        state: t.state,
        unableReason: t.unableReason,
        violation: t.violation,
        note,
        stateChangedAt: new Date(),
        stateChangedBy: p.sub,
      });
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
  async reassign(p: Principal, id: string, dto: ReassignTaskDto): Promise<TaskDetail> {
    const shape = reassignShapeErrors(dto);
    if (shape.length) throw invalidError(shape);
    return this.write(p, id, 'reassign', false, async (m, before, plan) => {
      if (!canReassignTask(before.state))
        throw conflictError(
          'ILLEGAL_TASK_STATE',
          `the task is ${before.state}: only an assigned task can be reassigned`,
          {
            currentState: before.state,
            event: 'reassign',
            allowedEvents: allowedTaskEvents(before.state),
          },
        );
      const change = planPairChange(before.inspectors, dto);
      if (!change.ok) throw invalidError([change.error]);
      const { pair, changes } = change;
      const pairTask: PairTask = {
        uscc: before.uscc,
        category: before.category,
        jurisdiction: plan.jurisdiction,
        regionPrefix:
          plan.jurisdiction === NATIONAL_JURISDICTION ? '' : regionPrefix(plan.jurisdiction),
      };
      const candidates = await this.repo.candidates(
        m,
        changes.map((c) => c.staffNo),
      );
      const errors = reassignmentErrors(
        pair,
        changes,
        candidates,
        pairTask,
        await this.repo.previousPair(m, before),
      );
      if (errors.length) throw invalidError(errors);

      const at = new Date();
      const old = before.inspectors;
      await this.repo.insertReassignments(
        m,
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
      await this.repo.setPair(m, id, pair, unassignedAfterPair(before.unassigned));
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
    const scope = this.scope(p);
    // Callers from other modules (the sampling record) may pass an id no pipe has checked.
    if (!isUuid(id)) throw notFoundError('task', id);
    const found = await this.repo.planOf(m, scope, id);
    if (!found) throw notFoundError('task', id);
    // Only the first field outcome of a drawn plan writes the plan; every other task write
    // shares its lock, so work on many tasks runs side by side while a plan cancel or close
    // waits for it (and it for them). Deciding the mode before locking avoids upgrading a
    // shared lock, which two writers could deadlock on.
    const starts = fieldOutcome && found.state === 'drawn';
    const plan = await this.plans.lock(m, found.planId, starts ? 'write' : 'share');
    const working = found.reinspection ? REINSPECTION_PLAN_STATES : WORKING_PLAN_STATES;
    if (!working.includes(plan.state))
      throw conflictError(
        'ILLEGAL_PLAN_STATE',
        `the plan is ${plan.state}: its ${found.reinspection ? 're-inspection ' : ''}tasks change only while it is ${working.join(' or ')}`,
        { currentState: plan.state, planId: plan.id, event: action },
      );
    const before = await this.repo.lock(m, id);
    const { detail, audit } = await fn(m, before, plan);
    if (p.staffNo) detail.staffNo = p.staffNo;
    const after = await this.repo.row(m, id);
    const entries: AuditEntry[] = [
      { action, entityType: ENTITY, entityId: id, before, after, detail },
    ];
    if (starts && plan.state === 'drawn') {
      const t = transitionPlan(plan.state, 'startSampling');
      if (t.ok) {
        const planAfter = await this.plans.save(m, { ...plan, state: t.state });
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
}
