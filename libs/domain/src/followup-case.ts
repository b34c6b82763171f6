import { type IsoDate, addCalendarDays } from './calendar/iso-date';
import type { WorkCalendar } from './calendar/work-calendar';
import { workingDayDeadline } from './deadlines';
import { chinaDayStart } from './final-outcome';
import type { Localized } from './verdict';

/**
 * Follow-up of a final failure (后处理), docs/rules.md §3.8: every final failure opens one case.
 *
 *   opened ─order─► ordered ─report─► reported ─reinspect─► reinspecting ─pass─► reinspected ─close─► closed
 *                     │  ▲               │                      │
 *                     │  └──── order ────┘                      │ fail
 *                     └─escalate─► escalated ◄──────────────────┘
 *                                   │ ─order─► ordered (a new order, a new deadline)
 *                                   └ ─close─► closed (at the top of the ladder only)
 *   every state but closed ─withdraw─► withdrawn (the failure was overturned)
 *
 * - A regulator of the jurisdiction orders the enterprise to correct within a number of working
 *   days (责令限期改正, Product Quality Law art. 17); the deadline is counted on the calendar.
 * - The enterprise reports its rectification (整改报告) with attachments.
 * - A re-inspection (复查) is a new inspection task linked to the original one; its final
 *   outcome moves the case: a pass to `reinspected`, a failure up the escalation ladder.
 * - A missed deadline (the order still unanswered the day after it) moves the case up the
 *   ladder too ({@link ESCALATION_LADDER}); a regulator then orders again, or closes the case
 *   once it reached the top.
 * - The regulator closes the case: the failure is disposed of (问题处置完毕).
 */
export const CASE_STATES = [
  'opened',
  'ordered',
  'reported',
  'reinspecting',
  'reinspected',
  'escalated',
  'closed',
  'withdrawn',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_EVENTS = [
  'order',
  'report',
  'reinspect',
  'reinspection_passed',
  'reinspection_failed',
  'escalate',
  'close',
  'withdraw',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

export const CASE_STATE_LABELS_ZH: Readonly<Record<CaseState, string>> = Object.freeze({
  opened: '已立案，待责令改正',
  ordered: '已责令限期改正',
  reported: '企业已报送整改报告',
  reinspecting: '复查中',
  reinspected: '复查合格，待结案',
  escalated: '已升级处理',
  closed: '已结案',
  withdrawn: '不合格结论已撤销',
});

/**
 * The escalation ladder of Product Quality Law art. 17 (逾期不改正的，由省级以上人民政府市场监督管理
 * 部门予以公告；公告后经复查仍不合格的，责令停业，限期整顿；整顿期满后经复查产品质量仍不合格的，吊销营业执照).
 * Level n of a case is the n-th rung reached; 0 before any.
 */
export const ESCALATION_LADDER = ['announcement', 'suspension', 'revocation_recommended'] as const;
export type EscalationStep = (typeof ESCALATION_LADDER)[number];

export const ESCALATION_LABELS_ZH: Readonly<Record<EscalationStep, string>> = Object.freeze({
  announcement: '予以公告',
  suspension: '责令停业，限期整顿',
  revocation_recommended: '建议吊销营业执照',
});

export const ESCALATION_SOURCE: Localized = Object.freeze({
  zh: '《中华人民共和国产品质量法》第十七条：逾期不改正的，予以公告；公告后经复查仍不合格的，责令停业，限期整顿；整顿期满后经复查产品质量仍不合格的，吊销营业执照',
  en: 'Product Quality Law art. 17: not corrected in time, announced publicly; still failing at the re-inspection after that, suspended for rectification; still failing after it, the business licence is revoked',
});

/** Why a case moves up the ladder. */
export const ESCALATION_TRIGGERS = ['deadline_missed', 'reinspection_failed'] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

/** The rung after `level` (0 = none yet), or null at the top. */
export function nextEscalation(level: number): EscalationStep | null {
  return ESCALATION_LADDER[level] ?? null;
}

/** The top of the ladder: a licence revocation recommended, nothing further to escalate to. */
export const isTopOfLadder = (level: number) => level >= ESCALATION_LADDER.length;

const GRAPH: Readonly<Record<CaseState, Readonly<Partial<Record<CaseEvent, CaseState>>>>> =
  Object.freeze({
    opened: { order: 'ordered', withdraw: 'withdrawn' },
    ordered: { report: 'reported', escalate: 'escalated', withdraw: 'withdrawn' },
    reported: { reinspect: 'reinspecting', order: 'ordered', withdraw: 'withdrawn' },
    reinspecting: {
      reinspection_passed: 'reinspected',
      reinspection_failed: 'escalated',
      withdraw: 'withdrawn',
    },
    reinspected: { close: 'closed', withdraw: 'withdrawn' },
    escalated: { order: 'ordered', close: 'closed', withdraw: 'withdrawn' },
    closed: {},
    withdrawn: {},
  });

export function allowedCaseEvents(state: CaseState): readonly CaseEvent[] {
  const next = GRAPH[state] ?? {};
  return CASE_EVENTS.filter((e) => next[e] !== undefined);
}

export type CaseTransition =
  | {
      readonly ok: true;
      readonly state: CaseState;
      /** The rung reached by this step (escalate, reinspection_failed), if any. */
      readonly escalation: EscalationStep | null;
      readonly level: number;
    }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: 'ILLEGAL_CASE_STATE' | 'NOT_AT_TOP_OF_LADDER';
        readonly currentState: CaseState;
        readonly event: string;
        readonly allowedEvents: readonly CaseEvent[];
        readonly level: number;
        readonly message: string;
      };
    };

/**
 * The case's next state after `event`, with the rung an escalation reaches. `level` is the
 * case's escalation level (0–3); at the top an escalation reaches no new rung. Refused: an
 * event its state does not allow (ILLEGAL_CASE_STATE); closing an escalated case before the
 * ladder's top (NOT_AT_TOP_OF_LADDER: order the correction again instead).
 */
export function transitionCase(state: CaseState, event: CaseEvent, level: number): CaseTransition {
  const allowedEvents = allowedCaseEvents(state);
  const refuse = (code: 'ILLEGAL_CASE_STATE' | 'NOT_AT_TOP_OF_LADDER', message: string) =>
    ({
      ok: false,
      error: { code, currentState: state, event, allowedEvents, level, message },
    }) as const;
  const next = GRAPH[state]?.[event];
  if (!next)
    return refuse(
      'ILLEGAL_CASE_STATE',
      allowedEvents.length === 0
        ? `the case is ${state}; nothing follows`
        : `the case is ${state}: ${event} may not follow (allowed: ${allowedEvents.join(', ')})`,
    );
  if (next === 'escalated') {
    // At the top the case is escalated again without a new rung: it waits for the regulator.
    const step = nextEscalation(level);
    return { ok: true, state: next, escalation: step, level: step === null ? level : level + 1 };
  }
  if (state === 'escalated' && event === 'close' && !isTopOfLadder(level))
    return refuse(
      'NOT_AT_TOP_OF_LADDER',
      `the case is escalated to ${ESCALATION_LADDER[level - 1] ?? 'nothing'}: order the correction again, or close it once a licence revocation is recommended`,
    );
  return { ok: true, state: next, escalation: null, level };
}

/** Closed or withdrawn: nothing more happens to the case. */
export const isCaseOver = (state: CaseState) => state === 'closed' || state === 'withdrawn';

/** How the case ended, from the state it was closed from. */
export type CaseResult = 'rectified' | 'revocation_recommended';
export const caseResultOf = (from: CaseState): CaseResult =>
  from === 'escalated' ? 'revocation_recommended' : 'rectified';

/** Bounds of a correction order's period, in working days. */
export const RECTIFICATION_DAYS = Object.freeze({ min: 1, max: 180 });

/**
 * The source of the rectification period: the law leaves it to the order (责令限期改正), so the
 * regulator sets it; no sector rule of the table applies (docs/cases.md).
 */
export const RECTIFICATION_PERIOD_SOURCE: Localized = Object.freeze({
  zh: '《中华人民共和国产品质量法》第十七条：责令限期改正，期限由作出责令改正决定的市场监督管理部门确定（工作日，按工作日历计算）',
  en: 'Product Quality Law art. 17: correction within a time limit set by the ordering regulator (working days on the calendar)',
});

/** A correction order's deadline: the n-th working day after the order's day. */
export interface RectificationDeadline {
  readonly from: IsoDate;
  readonly workingDays: number;
  readonly deadline: IsoDate;
  readonly covered: boolean;
  readonly firstUncovered: IsoDate | null;
  /** The sector rule the period came from; null: the order set it (RECTIFICATION_PERIOD_SOURCE). */
  readonly rule: null;
  readonly source: Localized;
}

export function rectificationDeadline(
  cal: WorkCalendar,
  from: IsoDate,
  workingDays: number,
): RectificationDeadline {
  if (
    !Number.isSafeInteger(workingDays) ||
    workingDays < RECTIFICATION_DAYS.min ||
    workingDays > RECTIFICATION_DAYS.max
  )
    throw new RangeError(
      `working days must be a whole number from ${RECTIFICATION_DAYS.min} to ${RECTIFICATION_DAYS.max}`,
    );
  const d = workingDayDeadline(cal, from, workingDays);
  return { ...d, rule: null, source: RECTIFICATION_PERIOD_SOURCE };
}

/** The order is unanswered after its deadline: the due day itself is still in time. */
export const isRectificationMissed = (deadline: IsoDate, reported: boolean, today: IsoDate) =>
  !reported && deadline < today;

/** When a missed deadline is first seen: the start of the day after it, in China. */
export const rectificationMissedAt = (deadline: IsoDate): Date =>
  chinaDayStart(addCalendarDays(deadline, 1));

/** The reason the system gives for an escalation it made itself. */
export function escalationReason(
  trigger: EscalationTrigger,
  facts: { deadline?: IsoDate | null; sampleNo?: string | null },
): string {
  return trigger === 'deadline_missed'
    ? `逾期未改正：整改期限 ${facts.deadline ?? ''} 届满未报送整改报告 (rectification deadline ${facts.deadline ?? ''} missed)`
    : `复查不合格：复查样品 ${facts.sampleNo ?? ''} 检验结论为不合格 (the re-inspection ${facts.sampleNo ?? ''} failed)`;
}
