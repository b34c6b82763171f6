/**
 * The life of an inspection task (抽查任务) after the draw (docs/rules.md §3.3):
 *
 *   assigned ──sampled──► sampled
 *      ├─────unable─────► unable_to_sample   (reason: closed | no_product | refused)
 *      └─────cancel─────► cancelled
 *
 * Every state but `assigned` is final. `unable` and `cancel` are sent by the endpoints of
 * those names (`POST /tasks/:id/unable`, `…/cancel`); `sampled` only by the sampling record
 * (`POST /tasks/:id/sample`), so that no task is sampled without one. The allowed
 * events in a 409 answer tell the caller what it can still do.
 *
 * An enterprise that refuses to be sampled commits a violation (Product Quality Law Art. 56:
 * refusing a lawful spot check is itself punishable), so `refused` marks the task as one.
 */

export const TASK_STATES = ['assigned', 'sampled', 'unable_to_sample', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_EVENTS = ['sampled', 'unable', 'cancel'] as const;
export type TaskEvent = (typeof TASK_EVENTS)[number];

/** Why a task could not be sampled. */
export const UNABLE_REASONS = ['closed', 'no_product', 'refused'] as const;
export type UnableReason = (typeof UNABLE_REASONS)[number];

export const TASK_STATE_LABELS_ZH: Readonly<Record<TaskState, string>> = Object.freeze({
  assigned: '待抽样',
  sampled: '已抽样',
  unable_to_sample: '无法抽样',
  cancelled: '已取消',
});

export const UNABLE_REASON_LABELS_ZH: Readonly<Record<UnableReason, string>> = Object.freeze({
  closed: '企业停业或注销',
  no_product: '无在售产品',
  refused: '企业拒绝抽样',
});

const TRANSITIONS: Readonly<Record<TaskState, Readonly<Partial<Record<TaskEvent, TaskState>>>>> =
  Object.freeze({
    assigned: { sampled: 'sampled', unable: 'unable_to_sample', cancel: 'cancelled' },
    sampled: {},
    unable_to_sample: {},
    cancelled: {},
  });

export function isTaskState(x: unknown): x is TaskState {
  return typeof x === 'string' && (TASK_STATES as readonly string[]).includes(x);
}

export function isTaskEvent(x: unknown): x is TaskEvent {
  return typeof x === 'string' && (TASK_EVENTS as readonly string[]).includes(x);
}

export function isUnableReason(x: unknown): x is UnableReason {
  return typeof x === 'string' && (UNABLE_REASONS as readonly string[]).includes(x);
}

/** What an event carries: `unable` needs its reason, the others nothing. */
export type TaskEventInput =
  | { readonly event: 'sampled' }
  | { readonly event: 'unable'; readonly reason: UnableReason }
  | { readonly event: 'cancel' };

export interface IllegalTaskTransition {
  readonly code: 'ILLEGAL_TASK_TRANSITION';
  /** The task's state, as given (named in the 409 answer). */
  readonly currentState: string;
  readonly event: string;
  /** Events the current state accepts; empty in a final state. */
  readonly allowedEvents: readonly TaskEvent[];
  readonly message: string;
}

/** `unable` without one of UNABLE_REASONS: bad input (400), not a conflict. */
export interface InvalidUnableReason {
  readonly code: 'INVALID_UNABLE_REASON';
  readonly reason: string;
  readonly message: string;
}

export type TaskTransition =
  | {
      readonly ok: true;
      readonly state: TaskState;
      /** Set for unable_to_sample, null otherwise. */
      readonly unableReason: UnableReason | null;
      /** True when the outcome is a violation by the enterprise (a refusal). */
      readonly violation: boolean;
    }
  | { readonly ok: false; readonly error: IllegalTaskTransition | InvalidUnableReason };

/** The events a state accepts, in TASK_EVENTS order. */
export function allowedTaskEvents(state: TaskState): readonly TaskEvent[] {
  const t = isTaskState(state) ? TRANSITIONS[state] : {};
  return TASK_EVENTS.filter((e) => t[e] !== undefined);
}

/**
 * The outcome of `input` in `state`, or an error. The transition is checked before the
 * reason, so a finished task answers "illegal transition" whatever the body says. Unknown
 * states, events and reasons (strings read from storage or a request) are errors too, never
 * exceptions.
 */
export function transitionTask(state: TaskState, input: TaskEventInput): TaskTransition {
  const event = (input as { event?: unknown } | null)?.event;
  const next = isTaskState(state) && isTaskEvent(event) ? TRANSITIONS[state][event] : undefined;
  if (next === undefined) {
    const allowedEvents = allowedTaskEvents(state);
    let message: string;
    if (!isTaskState(state)) message = `unknown task state ${JSON.stringify(state)}`;
    else if (!isTaskEvent(event)) message = `unknown task event ${JSON.stringify(event)}`;
    else if (allowedEvents.length === 0)
      message = `the task is ${state}; no further change is possible`;
    else
      message = `the task is ${state}: ${event} is not allowed (allowed: ${allowedEvents.join(', ')})`;
    return {
      ok: false,
      error: {
        code: 'ILLEGAL_TASK_TRANSITION',
        currentState: String(state),
        event: String(event),
        allowedEvents,
        message,
      },
    };
  }
  if (input.event !== 'unable')
    return { ok: true, state: next, unableReason: null, violation: false };
  const reason: unknown = input.reason;
  if (!isUnableReason(reason))
    return {
      ok: false,
      error: {
        code: 'INVALID_UNABLE_REASON',
        reason: String(reason),
        message: `reason must be one of ${UNABLE_REASONS.join(', ')}`,
      },
    };
  return { ok: true, state: next, unableReason: reason, violation: reason === 'refused' };
}

export function canTransitionTask(state: TaskState, event: TaskEvent): boolean {
  return allowedTaskEvents(state).includes(event);
}

export function isFinalTaskState(state: TaskState): boolean {
  return isTaskState(state) && allowedTaskEvents(state).length === 0;
}

/**
 * Whether the task's inspector pair may still change. Reassignment is not a state change, but
 * it only makes sense before the visit: once the task is sampled or found unable, the pair
 * that went is a fact, and a cancelled task goes nowhere.
 */
export function canReassignTask(state: TaskState): boolean {
  return state === 'assigned';
}
