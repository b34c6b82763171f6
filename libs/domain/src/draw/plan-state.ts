/**
 * The life of a sampling plan (抽查计划), docs/rules.md §3.2:
 *
 *   draft ──commit──► committed ──draw──► drawn ──startSampling──► sampling ──close──► closed
 *     └──────────────────┴───────────────────┴──────────────────────────┴──cancel──► cancelled
 *
 * `closed` and `cancelled` are final. An illegal event is answered with an error naming the
 * current state (the API turns it into 409 Conflict).
 */

export const PLAN_STATES = [
  'draft',
  'committed',
  'drawn',
  'sampling',
  'closed',
  'cancelled',
] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export const PLAN_EVENTS = ['commit', 'draw', 'startSampling', 'close', 'cancel'] as const;
export type PlanEvent = (typeof PLAN_EVENTS)[number];

export const PLAN_STATE_LABELS_ZH: Readonly<Record<PlanState, string>> = Object.freeze({
  draft: '草稿',
  committed: '已提交种子承诺',
  drawn: '已抽取',
  sampling: '抽样中',
  closed: '已结束',
  cancelled: '已取消',
});

const TRANSITIONS: Readonly<Record<PlanState, Readonly<Partial<Record<PlanEvent, PlanState>>>>> =
  Object.freeze({
    draft: { commit: 'committed', cancel: 'cancelled' },
    committed: { draw: 'drawn', cancel: 'cancelled' },
    drawn: { startSampling: 'sampling', cancel: 'cancelled' },
    sampling: { close: 'closed', cancel: 'cancelled' },
    closed: {},
    cancelled: {},
  });

export function isPlanState(x: unknown): x is PlanState {
  return typeof x === 'string' && (PLAN_STATES as readonly string[]).includes(x);
}

export function isPlanEvent(x: unknown): x is PlanEvent {
  return typeof x === 'string' && (PLAN_EVENTS as readonly string[]).includes(x);
}

export interface IllegalPlanTransition {
  readonly code: 'ILLEGAL_PLAN_TRANSITION';
  /** The plan's state, as given (named in the 409 answer). */
  readonly currentState: string;
  readonly event: string;
  /** Events the current state accepts; empty in a final state. */
  readonly allowedEvents: readonly PlanEvent[];
  readonly message: string;
}

export type PlanTransition =
  | { readonly ok: true; readonly state: PlanState }
  | { readonly ok: false; readonly error: IllegalPlanTransition };

/** The events a state accepts, in PLAN_EVENTS order. */
export function allowedPlanEvents(state: PlanState): readonly PlanEvent[] {
  const t = isPlanState(state) ? TRANSITIONS[state] : {};
  return PLAN_EVENTS.filter((e) => t[e] !== undefined);
}

/**
 * The state after `event`, or an error naming the current state. Unknown states and events
 * (strings read from storage or a request) are errors too, never exceptions.
 */
export function transitionPlan(state: PlanState, event: PlanEvent): PlanTransition {
  const next = isPlanState(state) && isPlanEvent(event) ? TRANSITIONS[state][event] : undefined;
  if (next !== undefined) return { ok: true, state: next };
  const allowedEvents = allowedPlanEvents(state);
  let message: string;
  if (!isPlanState(state)) message = `unknown plan state ${JSON.stringify(state)}`;
  else if (!isPlanEvent(event)) message = `unknown plan event ${JSON.stringify(event)}`;
  else if (allowedEvents.length === 0)
    message = `the plan is ${state}; no further change is possible`;
  else {
    message = `the plan is ${state}: ${event} is not allowed (allowed: ${allowedEvents.join(', ')})`;
  }
  return {
    ok: false,
    error: {
      code: 'ILLEGAL_PLAN_TRANSITION',
      currentState: String(state),
      event: String(event),
      allowedEvents,
      message,
    },
  };
}

export function canTransition(state: PlanState, event: PlanEvent): boolean {
  return transitionPlan(state, event).ok;
}

export function isFinalPlanState(state: PlanState): boolean {
  return state === 'closed' || state === 'cancelled';
}

/**
 * Whether the plan's draw record and verification may be shown to the public (docs/rules.md §3.2
 * step 5): only once the plan is closed. A cancelled plan's draw stays confidential, since
 * the enterprises it named may still be checked by a later plan.
 */
export function isDrawPublic(state: PlanState): boolean {
  return state === 'closed';
}
