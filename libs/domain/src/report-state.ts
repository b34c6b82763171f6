/**
 * The life of a lab report version (检验报告), docs/rules.md §3.4:
 *
 *   draft ──submit──► submitted ──review──► reviewed ──issue──► issued
 *     ▲                   │                    │
 *     └──────return───────┴───────return───────┘   (returned for correction, with a reason)
 *
 * `issued` is final: an issued report is immutable, and a correction is an amendment, a new
 * version that starts again as a draft (see {@link startAmendment}). Event names are the paths
 * of the endpoints that send them (`POST /reports/:id/submit`, `…/review`, `…/issue`,
 * `…/return`).
 *
 * Four eyes (docs/rules.md §3.4). The people whose work a version is, its authors, are everyone who
 * entered or changed a result in it (`testedBy`, kept by the caller) and whoever submitted it.
 * - submit: by a tester.
 * - review: by a reviewer who is not an author.
 * - issue: by an authorised signatory who is not an author.
 * - return: by a reviewer or signatory who is not an author; a reason is required. A tester
 *   who spots a mistake after submitting asks a reviewer to return the report: letting the
 *   author pull it back would be harmless, but one rule (authors never move their own report
 *   past or back through a check) is easier to audit.
 *
 * May the reviewer also sign? docs/rules.md §3.4 excludes only the tester, and ISO/IEC 17025
 * (GB/T 27025-2019) §7.8.1.1 asks that results be "reviewed and authorized prior to release"
 * by authorized personnel without requiring two different people for the two acts; so it is
 * allowed by default. Many labs' quality manuals ask for three different people (编制、审核、
 * 批准): `signatoryMayBeReviewer: false` in the policy enforces that.
 *
 * A person may hold several roles; only the roles and the identities matter here, not how the
 * caller learnt them.
 */

export const REPORT_STATES = ['draft', 'submitted', 'reviewed', 'issued'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_EVENTS = ['submit', 'review', 'issue', 'return'] as const;
export type ReportEvent = (typeof REPORT_EVENTS)[number];

export const LAB_STAFF_ROLES = ['tester', 'reviewer', 'signatory'] as const;
export type LabStaffRole = (typeof LAB_STAFF_ROLES)[number];

export const REPORT_STATE_LABELS_ZH: Readonly<Record<ReportState, string>> = Object.freeze({
  draft: '草稿',
  submitted: '已提交',
  reviewed: '已审核',
  issued: '已签发',
});

export const REPORT_EVENT_LABELS_ZH: Readonly<Record<ReportEvent, string>> = Object.freeze({
  submit: '提交',
  review: '审核',
  issue: '批准签发',
  return: '退回修改',
});

export const LAB_STAFF_ROLE_LABELS_ZH: Readonly<Record<LabStaffRole, string>> = Object.freeze({
  tester: '检验员',
  reviewer: '审核人',
  signatory: '授权签字人',
});

const TRANSITIONS: Readonly<
  Record<ReportState, Readonly<Partial<Record<ReportEvent, ReportState>>>>
> = Object.freeze({
  draft: { submit: 'submitted' },
  submitted: { review: 'reviewed', return: 'draft' },
  reviewed: { issue: 'issued', return: 'draft' },
  issued: {},
});

/** Who may send each event: any one of these roles. */
const REQUIRED_ROLES: Readonly<Record<ReportEvent, readonly LabStaffRole[]>> = Object.freeze({
  submit: ['tester'],
  review: ['reviewer'],
  issue: ['signatory'],
  return: ['reviewer', 'signatory'],
});

export interface ReportPolicy {
  /** Whether the person who reviewed a version may also issue it. Default true. */
  readonly signatoryMayBeReviewer: boolean;
}

export const DEFAULT_REPORT_POLICY: ReportPolicy = Object.freeze({ signatoryMayBeReviewer: true });

export interface LabActor {
  /** Stable staff identity (the same person always has the same id). */
  readonly id: string;
  readonly roles: readonly LabStaffRole[];
}

/** A report version's state and who did its steps so far. */
export interface ReportSnapshot {
  readonly state: ReportState;
  /** Everyone who entered or changed a result of this version. */
  readonly testedBy: readonly string[];
  readonly submittedBy: string | null;
  readonly reviewedBy: string | null;
  readonly issuedBy: string | null;
}

export type ReportEventInput =
  | { readonly event: 'submit' }
  | { readonly event: 'review' }
  | { readonly event: 'issue' }
  | { readonly event: 'return'; readonly reason: string };

/** The event is not possible in this state (409, naming the state). */
export interface IllegalReportTransition {
  readonly code: 'ILLEGAL_REPORT_TRANSITION';
  readonly currentState: string;
  readonly event: string;
  /** Events the current state accepts; empty once issued. */
  readonly allowedEvents: readonly ReportEvent[];
  readonly message: string;
}

/** The actor holds none of the roles the event needs (403). */
export interface ReportRoleRequired {
  readonly code: 'REPORT_ROLE_REQUIRED';
  readonly event: ReportEvent;
  readonly requiredRoles: readonly LabStaffRole[];
  readonly message: string;
}

/** The actor would check their own work (403). */
export interface FourEyesViolation {
  readonly code: 'FOUR_EYES_VIOLATION';
  readonly event: ReportEvent;
  readonly rule: 'checker_is_author' | 'signatory_is_reviewer';
  readonly message: string;
}

/** `return` without a reason (400). */
export interface ReturnReasonRequired {
  readonly code: 'RETURN_REASON_REQUIRED';
  readonly message: string;
}

export type ReportActorError = ReportRoleRequired | FourEyesViolation;

export type ReportTransition =
  | {
      readonly ok: true;
      readonly report: ReportSnapshot;
      /** The trimmed reason of a return, null for the other events. */
      readonly returnReason: string | null;
    }
  | {
      readonly ok: false;
      readonly error: IllegalReportTransition | ReportActorError | ReturnReasonRequired;
    };

export function isReportState(x: unknown): x is ReportState {
  return typeof x === 'string' && (REPORT_STATES as readonly string[]).includes(x);
}

export function isReportEvent(x: unknown): x is ReportEvent {
  return typeof x === 'string' && (REPORT_EVENTS as readonly string[]).includes(x);
}

export function isLabStaffRole(x: unknown): x is LabStaffRole {
  return typeof x === 'string' && (LAB_STAFF_ROLES as readonly string[]).includes(x);
}

/** The events a state accepts, in REPORT_EVENTS order. */
export function allowedReportEvents(state: ReportState): readonly ReportEvent[] {
  const t = isReportState(state) ? TRANSITIONS[state] : {};
  return REPORT_EVENTS.filter((e) => t[e] !== undefined);
}

export function isFinalReportState(state: ReportState): boolean {
  return isReportState(state) && allowedReportEvents(state).length === 0;
}

/** The people whose work the version is: its testers and its submitter. */
export function reportAuthors(report: ReportSnapshot): ReadonlySet<string> {
  const authors = new Set(report.testedBy);
  if (report.submittedBy !== null) authors.add(report.submittedBy);
  return authors;
}

/**
 * Whether `actor` may send `event` to `report` as far as people are concerned: the role, and
 * the four-eyes rules. Says nothing about whether the state accepts the event
 * ({@link transitionReport} checks that first).
 */
export function checkReportActor(
  report: ReportSnapshot,
  event: ReportEvent,
  actor: LabActor,
  policy: ReportPolicy = DEFAULT_REPORT_POLICY,
): { readonly ok: true } | { readonly ok: false; readonly error: ReportActorError } {
  const required = REQUIRED_ROLES[event];
  const roles = Array.isArray(actor?.roles) ? actor.roles : [];
  if (
    typeof actor?.id !== 'string' ||
    actor.id === '' ||
    !required.some((r) => roles.includes(r))
  ) {
    return {
      ok: false,
      error: {
        code: 'REPORT_ROLE_REQUIRED',
        event,
        requiredRoles: required,
        message: `${event} needs the role ${required.join(' or ')}`,
      },
    };
  }
  if (event !== 'submit' && reportAuthors(report).has(actor.id)) {
    return {
      ok: false,
      error: {
        code: 'FOUR_EYES_VIOLATION',
        event,
        rule: 'checker_is_author',
        message: `${actor.id} tested or submitted this report and cannot ${event} it`,
      },
    };
  }
  if (event === 'issue' && !policy.signatoryMayBeReviewer && report.reviewedBy === actor.id) {
    return {
      ok: false,
      error: {
        code: 'FOUR_EYES_VIOLATION',
        event,
        rule: 'signatory_is_reviewer',
        message: `${actor.id} reviewed this report and cannot also issue it`,
      },
    };
  }
  return { ok: true };
}

/**
 * The report after `input` by `actor`, or an error. Checked in this order: the state accepts
 * the event (else 409), the actor may send it (else 403), a return has a reason (else 400).
 * Unknown states, events and malformed actors are errors, never exceptions.
 *
 * A return clears the submitter and reviewer: the next submission is a new piece of work that
 * needs a new review. `testedBy` is the caller's to extend when results change.
 */
export function transitionReport(
  report: ReportSnapshot,
  input: ReportEventInput,
  actor: LabActor,
  policy: ReportPolicy = DEFAULT_REPORT_POLICY,
): ReportTransition {
  const state = report?.state;
  const event = (input as { event?: unknown } | null)?.event;
  const next = isReportState(state) && isReportEvent(event) ? TRANSITIONS[state][event] : undefined;
  if (next === undefined || !isReportEvent(event)) {
    const allowedEvents = allowedReportEvents(state);
    let message: string;
    if (!isReportState(state)) message = `unknown report state ${JSON.stringify(state)}`;
    else if (!isReportEvent(event)) message = `unknown report event ${JSON.stringify(event)}`;
    else if (allowedEvents.length === 0)
      message = `the report is ${state}; an issued report cannot change (amend it instead)`;
    else
      message = `the report is ${state}: ${event} is not allowed (allowed: ${allowedEvents.join(', ')})`;
    return {
      ok: false,
      error: {
        code: 'ILLEGAL_REPORT_TRANSITION',
        currentState: String(state),
        event: String(event),
        allowedEvents,
        message,
      },
    };
  }

  const allowed = checkReportActor(report, event, actor, policy);
  if (!allowed.ok) return allowed;

  switch (event) {
    case 'submit':
      return {
        ok: true,
        report: { ...report, state: next, submittedBy: actor.id },
        returnReason: null,
      };
    case 'review':
      return {
        ok: true,
        report: { ...report, state: next, reviewedBy: actor.id },
        returnReason: null,
      };
    case 'issue':
      return {
        ok: true,
        report: { ...report, state: next, issuedBy: actor.id },
        returnReason: null,
      };
    case 'return': {
      const reason: unknown = (input as { reason?: unknown }).reason;
      if (typeof reason !== 'string' || reason.trim() === '') {
        return {
          ok: false,
          error: {
            code: 'RETURN_REASON_REQUIRED',
            message: 'a report is returned for correction with a reason',
          },
        };
      }
      return {
        ok: true,
        report: { ...report, state: next, submittedBy: null, reviewedBy: null },
        returnReason: reason.trim(),
      };
    }
  }
}

/** The events `actor` may send to `report` now: what a screen offers them. */
export function reportEventsFor(
  report: ReportSnapshot,
  actor: LabActor,
  policy: ReportPolicy = DEFAULT_REPORT_POLICY,
): readonly ReportEvent[] {
  return allowedReportEvents(report.state).filter(
    (e) => checkReportActor(report, e, actor, policy).ok,
  );
}

/** A fresh version: a draft nobody has worked on yet. */
export function newReportSnapshot(): ReportSnapshot {
  return { state: 'draft', testedBy: [], submittedBy: null, reviewedBy: null, issuedBy: null };
}

// ---- versions and amendments ----

/**
 * One version of a report as the history lists it. Version 1 is the original; every later
 * version amends the one before it, with a reason (更正/补充报告). Issued versions stay
 * readable forever; the latest issued one is the report that counts.
 */
export interface ReportVersion {
  readonly version: number;
  readonly state: ReportState;
  /** The version this one amends: null for version 1, version − 1 otherwise. */
  readonly amends: number | null;
  readonly amendmentReason: string | null;
}

export interface AmendmentError {
  readonly code: 'INVALID_REPORT_HISTORY' | 'AMENDMENT_NOT_ALLOWED' | 'AMENDMENT_REASON_REQUIRED';
  readonly message: string;
}

/** Versions ordered by number; null when the list is not 1…n with nothing missing. */
function ordered(history: readonly ReportVersion[]): ReportVersion[] | null {
  if (!Array.isArray(history)) return null;
  const sorted = [...history].sort((a, b) => a.version - b.version);
  return sorted.every((v, i) => v?.version === i + 1) ? sorted : null;
}

/**
 * Checks that a version history is one a report can have: versions 1…n, each amending the one
 * before it with a reason, every version but the last issued (an amendment starts only from an
 * issued version, and a version in progress is always the last).
 */
export function validateReportHistory(
  history: readonly ReportVersion[],
): { readonly ok: true } | { readonly ok: false; readonly error: AmendmentError } {
  const bad = (message: string) => ({
    ok: false as const,
    error: { code: 'INVALID_REPORT_HISTORY' as const, message },
  });
  const versions = ordered(history);
  if (versions === null) return bad('versions must be numbered 1, 2, … without gaps or repeats');
  for (const v of versions) {
    if (!isReportState(v.state)) return bad(`version ${v.version} has an unknown state`);
    if (v.version === 1) {
      if (v.amends !== null) return bad('version 1 is the original and amends nothing');
    } else {
      if (v.amends !== v.version - 1) {
        return bad(`version ${v.version} must amend version ${v.version - 1}`);
      }
      if (typeof v.amendmentReason !== 'string' || v.amendmentReason.trim() === '') {
        return bad(`version ${v.version} has no amendment reason`);
      }
    }
    if (v.version < versions.length && v.state !== 'issued') {
      return bad(`version ${v.version} is ${v.state} but a later version exists`);
    }
  }
  return { ok: true };
}

/**
 * The version an amendment starts as: a draft, numbered n + 1, amending version n, with the
 * reason. Allowed only when the latest version n is issued: a report not yet issued is
 * corrected by returning it, and only one amendment is in progress at a time.
 */
export function startAmendment(
  history: readonly ReportVersion[],
  reason: string,
):
  | { readonly ok: true; readonly version: ReportVersion }
  | { readonly ok: false; readonly error: AmendmentError } {
  const valid = validateReportHistory(history);
  if (!valid.ok) return valid;
  const versions = ordered(history)!;
  const latest = versions[versions.length - 1];
  if (latest === undefined) {
    return {
      ok: false,
      error: { code: 'AMENDMENT_NOT_ALLOWED', message: 'there is no report to amend' },
    };
  }
  if (latest.state !== 'issued') {
    return {
      ok: false,
      error: {
        code: 'AMENDMENT_NOT_ALLOWED',
        message:
          latest.version === 1
            ? `version 1 is ${latest.state}, not issued: correct it by returning it to draft`
            : `version ${latest.version} is already an amendment in progress (${latest.state})`,
      },
    };
  }
  if (typeof reason !== 'string' || reason.trim() === '') {
    return {
      ok: false,
      error: { code: 'AMENDMENT_REASON_REQUIRED', message: 'an amendment needs a reason' },
    };
  }
  return {
    ok: true,
    version: {
      version: latest.version + 1,
      state: 'draft',
      amends: latest.version,
      amendmentReason: reason.trim(),
    },
  };
}

/**
 * The version that counts: the latest issued one, or null when none is issued yet. An
 * amendment in progress changes nothing until it is issued.
 */
export function countingReportVersion(history: readonly ReportVersion[]): ReportVersion | null {
  let best: ReportVersion | null = null;
  for (const v of Array.isArray(history) ? history : []) {
    if (v?.state === 'issued' && (best === null || v.version > best.version)) best = v;
  }
  return best;
}
