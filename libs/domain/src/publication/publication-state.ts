/**
 * The life of a published list of spot-check results (抽检结果公告: the failed-product list,
 * 不合格产品名单, with the pass results beside it), docs/rules.md §3.6:
 *
 *   draft ──approve──► approved ──publish──► published
 *     │                   │
 *     └──────discard──────┴──────────────► discarded
 *
 * `published` and `discarded` are final: a published list never changes (the database refuses
 * it too); a correction or a withdrawal is a new version of the list, with its reason, that
 * goes through the same steps and supersedes the version before it once published.
 *
 * Four eyes (四眼原则): two different regulators put their names to every list.
 * - approve: never by the regulator who compiled the draft;
 * - publish: by any regulator of the jurisdiction, except that a draft compiled by the
 *   scheduler (no person compiled it) is published by someone other than its approver, so that
 *   here too two people have seen it.
 */

export const PUBLICATION_STATES = ['draft', 'approved', 'published', 'discarded'] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

export const PUBLICATION_EVENTS = ['approve', 'publish', 'discard'] as const;
export type PublicationEvent = (typeof PUBLICATION_EVENTS)[number];

/** A first list, a correction of a published one, or its withdrawal (更正 / 撤回). */
export const PUBLICATION_KINDS = ['list', 'correction', 'withdrawal'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

export const PUBLICATION_STATE_LABELS_ZH: Readonly<Record<PublicationState, string>> =
  Object.freeze({
    draft: '草稿',
    approved: '已审核',
    published: '已发布',
    discarded: '已作废',
  });

export const PUBLICATION_KIND_LABELS_ZH: Readonly<Record<PublicationKind, string>> = Object.freeze({
  list: '公告',
  correction: '更正公告',
  withdrawal: '撤回公告',
});

/** Who compiles a draft when no person asked for it: the worker's schedule. */
export const SCHEDULER_COMPILER = 'system:scheduler';

/** Whether a compiler is the system rather than a person. */
export const isSystemCompiler = (compiledBy: string) => compiledBy.startsWith('system:');

const TRANSITIONS: Readonly<
  Record<PublicationState, Readonly<Partial<Record<PublicationEvent, PublicationState>>>>
> = Object.freeze({
  draft: { approve: 'approved', discard: 'discarded' },
  approved: { publish: 'published', discard: 'discarded' },
  published: {},
  discarded: {},
});

export interface PublicationSnapshot {
  readonly state: PublicationState;
  /** The token subject of the regulator who compiled the draft, or a system compiler. */
  readonly compiledBy: string;
  readonly approvedBy: string | null;
}

/** The event is not possible in this state (409, naming the state). */
export interface IllegalPublicationTransition {
  readonly code: 'ILLEGAL_PUBLICATION_STATE';
  readonly currentState: string;
  readonly event: string;
  readonly allowedEvents: readonly PublicationEvent[];
  readonly message: string;
}

/** The actor would be the only person behind the list (409). */
export interface PublicationFourEyes {
  readonly code: 'FOUR_EYES_VIOLATION';
  readonly rule: 'four_eyes';
  readonly event: PublicationEvent;
  readonly reason: 'approver_is_compiler' | 'publisher_is_sole_approver';
  readonly message: string;
}

export type PublicationTransition =
  | { readonly ok: true; readonly state: PublicationState }
  | { readonly ok: false; readonly error: IllegalPublicationTransition | PublicationFourEyes };

export function isPublicationState(x: unknown): x is PublicationState {
  return typeof x === 'string' && (PUBLICATION_STATES as readonly string[]).includes(x);
}

export function isPublicationEvent(x: unknown): x is PublicationEvent {
  return typeof x === 'string' && (PUBLICATION_EVENTS as readonly string[]).includes(x);
}

/** The events a state accepts, in PUBLICATION_EVENTS order. */
export function allowedPublicationEvents(state: PublicationState): readonly PublicationEvent[] {
  const t = isPublicationState(state) ? TRANSITIONS[state] : {};
  return PUBLICATION_EVENTS.filter((e) => t[e] !== undefined);
}

/**
 * The four-eyes rule for `actor` (a token subject) sending `event`, whatever the state:
 * null when it holds.
 */
export function checkPublicationFourEyes(
  list: PublicationSnapshot,
  event: PublicationEvent,
  actor: string,
): PublicationFourEyes | null {
  if (event === 'approve' && actor === list.compiledBy)
    return {
      code: 'FOUR_EYES_VIOLATION',
      rule: 'four_eyes',
      event,
      reason: 'approver_is_compiler',
      message:
        'the four-eyes rule (四眼原则): a list is approved by a regulator other than the one who compiled it',
    };
  if (event === 'publish' && isSystemCompiler(list.compiledBy) && actor === list.approvedBy)
    return {
      code: 'FOUR_EYES_VIOLATION',
      rule: 'four_eyes',
      event,
      reason: 'publisher_is_sole_approver',
      message:
        'the four-eyes rule (四眼原则): the scheduler compiled this list, so a regulator other than its approver publishes it',
    };
  return null;
}

/**
 * The state after `event` by `actor`, or why not: first whether the state accepts the event
 * (else ILLEGAL_PUBLICATION_STATE), then the four-eyes rule (else FOUR_EYES_VIOLATION).
 */
export function transitionPublication(
  list: PublicationSnapshot,
  event: PublicationEvent,
  actor: string,
): PublicationTransition {
  const state = list?.state;
  const next =
    isPublicationState(state) && isPublicationEvent(event) ? TRANSITIONS[state][event] : undefined;
  if (next === undefined) {
    const allowedEvents = isPublicationState(state) ? allowedPublicationEvents(state) : [];
    let message: string;
    if (!isPublicationState(state)) message = `unknown publication state ${JSON.stringify(state)}`;
    else if (!isPublicationEvent(event))
      message = `unknown publication event ${JSON.stringify(event)}`;
    else if (allowedEvents.length === 0)
      message =
        state === 'published'
          ? 'the list is published and cannot change; a correction or withdrawal is a new version'
          : `the list is ${state} and cannot change`;
    else
      message = `the list is ${state}: ${event} is not allowed (allowed: ${allowedEvents.join(', ')})`;
    return {
      ok: false,
      error: {
        code: 'ILLEGAL_PUBLICATION_STATE',
        currentState: String(state),
        event: String(event),
        allowedEvents,
        message,
      },
    };
  }
  const fourEyes = checkPublicationFourEyes(list, event, actor);
  if (fourEyes) return { ok: false, error: fourEyes };
  return { ok: true, state: next };
}
