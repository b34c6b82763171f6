import { type IsoDate, dayNumber } from './calendar/iso-date';
import type { CustodyState } from './custody';
import type { Challenge } from './final-outcome';
import { type RuleRef, type SectorRules, ruleRef } from './sector-rules';
import type { Localized } from './verdict';

/**
 * Objections (异议 / 复检申请) and retests, docs/rules.md §3.5.
 *
 *   filed ─reject─► rejected                          (the failure stands: final)
 *         ─accept─► accepted ─draw─► retest_drawn ─conclude─► concluded
 *                          ▲                   │
 *                          └──────refuse───────┘  (the drawn lab refused the backup: redraw)
 *
 * - An enterprise objects to the failed result on its own notice, within the sector's
 *   `objectionWindow` (objection-deadline.ts), naming the failed items it contests.
 * - Some items and backups cannot be retested ({@link retestBlock}): microbial items where the
 *   sector's `microbialRetest` rule forbids it (food: Food Safety Law art. 88, SAMR Order 15),
 *   a backup past its shelf life where `expiredBackupRetest` forbids it, and a backup that is
 *   no longer there (disposed of or returned).
 * - A regulator of the jurisdiction decides within the sector's `objectionDecision` period:
 *   rejects with a reason, or accepts with a commitment to the seed of the retest-lab draw
 *   (draw/retest-lab.ts). The draw picks a lab other than the one that tested the sample.
 * - A drawn lab may refuse the backup (a broken seal or damage on receipt, no capacity): the
 *   regulator records the refusal with a commitment to a new seed ({@link retestRefusalProblem}),
 *   and draws again among the remaining labs, never the original lab nor any lab that refused.
 * - The retest lab receives the backup and reports through the normal chain; its conclusion
 *   is final ({@link retestConclusion}).
 * - Fees ({@link retestFeePayer}): the applicant pays first, the regulator when the retest
 *   overturns the failure.
 */

export const OBJECTION_STATES = [
  'filed',
  'rejected',
  'accepted',
  'retest_drawn',
  'concluded',
] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];

export const OBJECTION_EVENTS = ['reject', 'accept', 'draw', 'refuse', 'conclude'] as const;
export type ObjectionEvent = (typeof OBJECTION_EVENTS)[number];

export const OBJECTION_STATE_LABELS_ZH: Readonly<Record<ObjectionState, string>> = Object.freeze({
  filed: '已提出，待决定',
  rejected: '不予复检',
  accepted: '已受理，待确定复检机构',
  retest_drawn: '已确定复检机构',
  concluded: '复检已出结论',
});

const GRAPH: Readonly<
  Record<ObjectionState, Readonly<Partial<Record<ObjectionEvent, ObjectionState>>>>
> = Object.freeze({
  filed: { reject: 'rejected', accept: 'accepted' },
  accepted: { draw: 'retest_drawn' },
  retest_drawn: { conclude: 'concluded', refuse: 'accepted' },
  rejected: {},
  concluded: {},
});

export function allowedObjectionEvents(state: ObjectionState): readonly ObjectionEvent[] {
  const next = GRAPH[state] ?? {};
  return OBJECTION_EVENTS.filter((e) => next[e] !== undefined);
}

export type ObjectionTransition =
  | { readonly ok: true; readonly state: ObjectionState }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: 'ILLEGAL_OBJECTION_STATE';
        readonly currentState: ObjectionState;
        readonly event: string;
        readonly allowedEvents: readonly ObjectionEvent[];
        readonly message: string;
      };
    };

export function transitionObjection(
  state: ObjectionState,
  event: ObjectionEvent,
): ObjectionTransition {
  const next = GRAPH[state]?.[event];
  if (next) return { ok: true, state: next };
  const allowedEvents = allowedObjectionEvents(state);
  return {
    ok: false,
    error: {
      code: 'ILLEGAL_OBJECTION_STATE',
      currentState: state,
      event,
      allowedEvents,
      message:
        allowedEvents.length === 0
          ? `the objection is ${state}; nothing follows`
          : `the objection is ${state}: ${event} may not follow (allowed: ${allowedEvents.join(', ')})`,
    },
  };
}

/** Final: nothing more happens to the objection. */
export const isObjectionClosed = (state: ObjectionState) =>
  state === 'rejected' || state === 'concluded';

/**
 * Microbial test items: flagged so in the category's template, or tested by a method of the
 * GB 4789 series (食品安全国家标准 食品微生物学检验).
 */
export function isMicrobialItem(item: { microbial?: boolean | null; method?: string | null }) {
  return item.microbial === true || /^GB\s*4789(\.|\s|$)/.test(item.method ?? '');
}

/** Why a retest cannot happen at all (422), with the rule that says so. */
export interface RetestBlock {
  readonly code: 'RETEST_NOT_ALLOWED';
  readonly reason: 'microbial_items' | 'backup_expired' | 'backup_gone';
  /** The sector rule that forbids it; null when there is nothing left to retest. */
  readonly rule: RuleRef | null;
  /** The contested items that may not be retested (microbial_items). */
  readonly items?: readonly string[];
  readonly message: string;
  readonly messageZh: string;
}

export interface RetestabilityFacts {
  readonly rules: SectorRules;
  /** The contested items, with what says whether each is microbial. */
  readonly contested: readonly {
    readonly itemCode: string;
    readonly microbial?: boolean | null;
    readonly method?: string | null;
  }[];
  /** The end of the product's shelf life (the backup's), if known. */
  readonly expiryDate: IsoDate | null;
  readonly custodyState: CustodyState;
  readonly today: IsoDate;
}

/** Custody states in which the backup is no longer with a lab to be retested. */
const BACKUP_GONE: readonly CustodyState[] = ['disposed', 'returned', 'rejected'];

/**
 * Why the contested items cannot be retested, or null when they can: the backup is gone
 * (disposed of or returned: nothing to retest; SAMR Order 15 其他原因导致备份样品无法实现复检目的),
 * it is past its shelf life and the sector's `expiredBackupRetest` rule forbids a retest, or a
 * contested item is microbial and `microbialRetest` forbids it. In that order: the first that
 * holds is the answer.
 */
export function retestBlock(f: RetestabilityFacts): RetestBlock | null {
  if (BACKUP_GONE.includes(f.custodyState))
    return {
      code: 'RETEST_NOT_ALLOWED',
      reason: 'backup_gone',
      rule: null,
      message: `the backup sample is ${f.custodyState}: there is nothing left to retest`,
      messageZh: '复检备份样品已处置或退回，无法实现复检目的，不予复检',
    };
  if (
    !f.rules.expiredBackupRetest.allowed &&
    f.expiryDate !== null &&
    dayNumber(f.expiryDate) < dayNumber(f.today)
  )
    return {
      code: 'RETEST_NOT_ALLOWED',
      reason: 'backup_expired',
      rule: ruleRef(f.rules, 'expiredBackupRetest'),
      message: `the backup sample's shelf life ended on ${f.expiryDate}: ${f.rules.expiredBackupRetest.source.en}`,
      messageZh: `复检备份样品已于 ${f.expiryDate} 超过保质期：${f.rules.expiredBackupRetest.source.zh}`,
    };
  const microbial = f.contested.filter(isMicrobialItem).map((i) => i.itemCode);
  if (!f.rules.microbialRetest.allowed && microbial.length > 0)
    return {
      code: 'RETEST_NOT_ALLOWED',
      reason: 'microbial_items',
      rule: ruleRef(f.rules, 'microbialRetest'),
      items: microbial,
      message: `microbial items may not be retested (${microbial.join(', ')}): ${f.rules.microbialRetest.source.en}`,
      messageZh: `微生物指标不予复检（${microbial.join('、')}）：${f.rules.microbialRetest.source.zh}`,
    };
  return null;
}

/** What the retest concluded, from the retest report and the original failure. */
export interface RetestConclusion {
  /** Confirmed: the failure stands. Overturned: the sample passes. */
  readonly conclusion: 'confirmed' | 'overturned';
  readonly outcome: 'pass' | 'fail';
  /** Items that still fail: failed at the retest, or failed originally and not contested. */
  readonly stillFailing: readonly string[];
}

/**
 * The retest's conclusion is final (Food Safety Law art. 88: 复检机构出具的复检结论为最终检验结论).
 * It overturns the failure only when the retest passes every contested item and every item
 * that failed originally was contested; an item the enterprise did not contest still fails.
 */
export function retestConclusion(f: {
  readonly originalFailed: readonly string[];
  readonly contested: readonly string[];
  readonly retestFailed: readonly string[];
}): RetestConclusion {
  const uncontested = f.originalFailed.filter((i) => !f.contested.includes(i));
  const stillFailing = [...new Set([...f.retestFailed, ...uncontested])].sort();
  return stillFailing.length === 0
    ? { conclusion: 'overturned', outcome: 'pass', stillFailing }
    : { conclusion: 'confirmed', outcome: 'fail', stillFailing };
}

/** Who pays for the retest (复检费用). */
export type RetestFeePayer = 'applicant' | 'regulator';

export const RETEST_FEE_SOURCE: Localized = Object.freeze({
  zh: '《食品安全抽样检验管理办法》（国家市场监督管理总局令第15号）：复检申请人应当向复检机构先行支付复检费用；复检结论表明合格的，复检费用由实施抽样检验的市场监督管理部门承担，不合格的由申请人承担',
  en: 'SAMR Order 15: the applicant pays the retest lab first; if the retest finds the product conforming, the regulator that ran the check bears the cost, otherwise the applicant',
});

/** The applicant pays first; the regulator bears the cost once the retest overturns. */
export function retestFeePayer(conclusion: 'confirmed' | 'overturned' | null): RetestFeePayer {
  return conclusion === 'overturned' ? 'regulator' : 'applicant';
}

/** An objection as the outcome rule needs it. */
export interface ObjectionFacts {
  readonly state: ObjectionState;
  readonly filedOn: IsoDate;
  readonly decidedOn: IsoDate | null;
  readonly concludedOn: IsoDate | null;
  readonly outcome: 'pass' | 'fail' | null;
}

/**
 * The objection as final-outcome.ts's `Challenge`: the one place objections plug into the
 * outcome rule. No objection: none.
 */
export function challengeOf(o: ObjectionFacts | null): Challenge {
  if (o === null) return { kind: 'none' };
  switch (o.state) {
    case 'filed':
      return { kind: 'objection_open', filedOn: o.filedOn };
    case 'rejected':
      return { kind: 'objection_rejected', decidedOn: o.decidedOn ?? o.filedOn };
    case 'accepted':
    case 'retest_drawn':
      return { kind: 'retest_open', acceptedOn: o.decidedOn ?? o.filedOn };
    case 'concluded':
      return {
        kind: 'retest_concluded',
        verdict: o.outcome ?? 'fail',
        concludedOn: o.concludedOn ?? o.decidedOn ?? o.filedOn,
      };
  }
}

/** Why a drawn retest lab refused the backup. */
export const RETEST_REFUSAL_REASONS = ['seal_broken', 'damaged', 'no_capacity', 'other'] as const;
export type RetestRefusalReason = (typeof RETEST_REFUSAL_REASONS)[number];

/**
 * Whether the drawn lab's refusal can be recorded for a redraw, from the backup's custody:
 * before it was sent (`backup_retained`: the lab declined, e.g. no capacity) or after the lab
 * refused it at receipt (`retest_rejected`: a broken seal, damage). On its way, or once the
 * lab has received it, the refusal is not the regulator's to record: null when it can be.
 */
export function retestRefusalProblem(custodyState: CustodyState): string | null {
  if (custodyState === 'backup_retained' || custodyState === 'retest_rejected') return null;
  if (custodyState === 'retest_in_transit')
    return 'the backup is on its way to the drawn lab: the lab refuses it at receipt (rejected_at_receipt) first';
  if (custodyState === 'retest_received' || custodyState === 'retesting')
    return 'the drawn lab has received the backup and retests it';
  return `the backup is ${custodyState}: there is nothing to send to another lab`;
}
