import { type IsoDate, dayNumber } from './calendar/iso-date';
import type { WorkCalendar } from './calendar/work-calendar';
import { type RuleDeadline, type SectorRules, ruleDeadline } from './sector-rules';

/**
 * The deadline to object to a spot-check result (复检申请期限), docs/rules.md §3.5, from the
 * sector's `objectionWindow` rule (sector-rules.ts): by default
 * - food: Food Safety Law art. 88, "自收到检验结论之日起七个工作日内" — 7 working days;
 * - other products: Product Quality Law art. 15, "自收到检验结果之日起十五日内" — 15 days.
 *
 * From which day: the day the enterprise received the result notice (its service date: the
 * date on the signed receipt, or of delivery for an electronic notice). That day is not
 * counted; counting starts the next day (Civil Code Art. 201). Working days skip holidays and
 * count make-up working days (调休上班); calendar days end on the n-th day, moved to the next
 * working day when that is a rest day or a holiday (Civil Code Art. 203). An objection filed on
 * day F is in time when F ≤ the deadline.
 */

export const OBJECTION_REGIMES = ['food', 'product'] as const;
/** Which law the spot check was run under: food safety, or product quality. */
export type ObjectionRegime = (typeof OBJECTION_REGIMES)[number];

export function isObjectionRegime(x: unknown): x is ObjectionRegime {
  return typeof x === 'string' && (OBJECTION_REGIMES as readonly string[]).includes(x);
}

/** Food is checked under the Food Safety Law; every other sector under the Product Quality Law. */
export function regimeOf(sector: string): ObjectionRegime {
  return sector === 'food' ? 'food' : 'product';
}

export interface ObjectionDeadline extends RuleDeadline {
  readonly regime: ObjectionRegime;
  /** The day the enterprise received the result notice; not counted. */
  readonly receivedOn: IsoDate;
}

/**
 * The objection deadline of a result notice received on `receivedOn`, under `rules` (the
 * sector's current rules). Throws RangeError for a malformed date (like the calendar itself).
 */
export function objectionDeadline(
  calendar: WorkCalendar,
  rules: SectorRules,
  receivedOn: IsoDate,
): ObjectionDeadline {
  return {
    ...ruleDeadline(calendar, rules, 'objectionWindow', receivedOn),
    regime: regimeOf(rules.sector),
    receivedOn,
  };
}

/**
 * Whether an objection filed on `filedOn` meets the deadline (the deadline day included).
 * Throws RangeError on a malformed date.
 */
export function isObjectionInTime(deadline: IsoDate, filedOn: IsoDate): boolean {
  return dayNumber(filedOn) <= dayNumber(deadline);
}
