import { type IsoDate, addCalendarDays, dayNumber } from './calendar/iso-date';

/**
 * A sample's final outcome (最终检验结论), docs/rules.md §3.6: what rates count and what a
 * failed-product list may publish.
 *
 * - `pending` until final; then `pass` or `fail`; `excluded` when the report concludes nothing
 *   (every item not tested, 不判定): no batch to count.
 * - A pass is final when it is issued: an enterprise has nothing to object to.
 * - A fail is final when the objection deadline of its result notice has passed with no
 *   objection (Product Quality Law Art. 15, Food Safety Law Art. 88): from the day after the
 *   deadline. An objection in time keeps it pending until it is rejected (the fail stands) or
 *   a retest concludes (the retest's verdict is final).
 * - The report that counts is the latest issued version. An amendment re-opens what it
 *   changes: when its verdict or failed items differ from the version before, its own notice's
 *   objection window applies afresh; when they are the same, the earlier window still runs
 *   (the enterprise's right to object is to the result, and the result did not change).
 *
 * Everything here is a plain function of the facts and the day: the worker decides again
 * whenever a fact changes or a day passes, and deciding twice gives the same answer.
 */

export const OUTCOMES = ['pending', 'pass', 'fail', 'excluded'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS_ZH: Readonly<Record<Outcome, string>> = Object.freeze({
  pending: '待定',
  pass: '合格',
  fail: '不合格',
  excluded: '不判定',
});

/** The conclusion of one issued report version (libs/domain verdict.ts). */
export type LabVerdict = 'pass' | 'fail' | 'not_applicable';

/** One issued version of the sample's report, with the objection deadline of its notice. */
export interface IssuedVersion {
  readonly version: number;
  readonly verdict: LabVerdict;
  /**
   * What the version concludes beyond its verdict, in a canonical form (the failed items with
   * their values and limits): two versions with equal verdicts and equal conclusions say the
   * same thing to the enterprise.
   */
  readonly conclusion: string;
  /** The day it was issued (China Standard Time). */
  readonly issuedOn: IsoDate;
  /** The last day of the objection window its result notice opened; null if no notice. */
  readonly objectionDeadline: IsoDate | null;
}

/**
 * What the enterprise did about a failed result and what came of it. The one place where the
 * objection and retest rules plug in (docs/rules.md §3.5): whoever records objections maps them
 * to one of these and the rule below does the rest.
 */
export type Challenge =
  | { readonly kind: 'none' }
  /** An objection filed in time, not yet decided. */
  | { readonly kind: 'objection_open'; readonly filedOn: IsoDate }
  /** The regulator rejected the objection: the lab's verdict stands. */
  | { readonly kind: 'objection_rejected'; readonly decidedOn: IsoDate }
  /** The objection was accepted and the retest has not concluded. */
  | { readonly kind: 'retest_open'; readonly acceptedOn: IsoDate }
  /** The retest concluded: its verdict is final. */
  | {
      readonly kind: 'retest_concluded';
      readonly verdict: 'pass' | 'fail';
      readonly concludedOn: IsoDate;
    };

export const NO_CHALLENGE: Challenge = Object.freeze({ kind: 'none' });

export interface OutcomeFacts {
  /** The issued versions of the sample's report at its lab, in any order. */
  readonly versions: readonly IssuedVersion[];
  readonly challenge: Challenge;
  /** Today in China Standard Time. */
  readonly today: IsoDate;
}

/** Why an outcome is what it is. */
export type OutcomeBasis =
  | 'pass_issued'
  | 'no_conclusion'
  | 'objection_window'
  | 'no_objection'
  | 'no_notice'
  | 'objection_pending'
  | 'objection_rejected'
  | 'retest_pending'
  | 'retest_concluded';

export interface OutcomeDecision {
  readonly outcome: Outcome;
  readonly final: boolean;
  readonly basis: OutcomeBasis;
  /** The version that counts: the latest issued. */
  readonly version: number;
  /** The lab's verdict in that version. */
  readonly verdict: LabVerdict;
  /**
   * The first of the latest run of versions that conclude the same: the version whose notice
   * opened the objection window that applies.
   */
  readonly standingSince: number;
  /** The deadline that applies to a fail (of `standingSince`'s notice); null for others. */
  readonly objectionDeadline: IsoDate | null;
  /**
   * The first day on which the outcome is final; for a pending outcome, the day it will be
   * final unless a challenge comes first (null when only a person's decision can end it).
   */
  readonly finalOn: IsoDate | null;
}

/**
 * The outcome of a sample from its issued versions, the challenge against it and today; null
 * when nothing is issued yet (the sample is not a batch with a result). Throws RangeError on a
 * malformed date or repeated version numbers, like the calendar.
 */
export function decideOutcome(facts: OutcomeFacts): OutcomeDecision | null {
  dayNumber(facts.today);
  const versions = [...facts.versions].sort((a, b) => a.version - b.version);
  for (let i = 1; i < versions.length; i++) {
    if (versions[i].version === versions[i - 1].version)
      throw new RangeError(`version ${versions[i].version} is listed twice`);
  }
  const counting = versions[versions.length - 1];
  if (counting === undefined) return null;
  let standing = counting;
  for (let i = versions.length - 2; i >= 0; i--) {
    const v = versions[i];
    if (v.verdict !== counting.verdict || v.conclusion !== counting.conclusion) break;
    standing = v;
  }
  const base = { version: counting.version, verdict: counting.verdict };
  const since = standing.version;

  if (counting.verdict !== 'fail') {
    const pass = counting.verdict === 'pass';
    return {
      ...base,
      outcome: pass ? 'pass' : 'excluded',
      final: true,
      basis: pass ? 'pass_issued' : 'no_conclusion',
      standingSince: since,
      objectionDeadline: null,
      finalOn: standing.issuedOn,
    };
  }

  const deadline = standing.objectionDeadline;
  const fail = (final: boolean, basis: OutcomeBasis, finalOn: IsoDate | null) => ({
    ...base,
    outcome: final ? ('fail' as const) : ('pending' as const),
    final,
    basis,
    standingSince: since,
    objectionDeadline: deadline,
    finalOn,
  });
  const c = facts.challenge ?? NO_CHALLENGE;
  switch (c.kind) {
    case 'objection_open':
      return fail(false, 'objection_pending', null);
    case 'objection_rejected':
      return fail(true, 'objection_rejected', c.decidedOn);
    case 'retest_open':
      return fail(false, 'retest_pending', null);
    case 'retest_concluded':
      return {
        ...fail(true, 'retest_concluded', c.concludedOn),
        outcome: c.verdict,
      };
    case 'none': {
      if (deadline === null) return fail(false, 'no_notice', null);
      const finalOn = addCalendarDays(deadline, 1);
      return dayNumber(facts.today) > dayNumber(deadline)
        ? fail(true, 'no_objection', finalOn)
        : fail(false, 'objection_window', finalOn);
    }
  }
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The instant a China Standard Time day begins (00:00 at UTC+8). */
export function chinaDayStart(day: IsoDate): Date {
  return new Date(dayNumber(day) * 86_400_000 - CHINA_OFFSET_MS);
}

/**
 * When a pending outcome will be final unless something happens first: the start of its
 * `finalOn` day in China; null for a final outcome or one only a decision can end.
 */
export function outcomeDecidesAt(d: OutcomeDecision): Date | null {
  return !d.final && d.finalOn !== null ? chinaDayStart(d.finalOn) : null;
}

/** Whether two decisions would be stored alike (the worker writes only what changed). */
export function sameDecision(a: OutcomeDecision | null, b: OutcomeDecision | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.outcome === b.outcome &&
    a.basis === b.basis &&
    a.version === b.version &&
    a.verdict === b.verdict &&
    a.standingSince === b.standingSince &&
    a.objectionDeadline === b.objectionDeadline &&
    a.finalOn === b.finalOn
  );
}
