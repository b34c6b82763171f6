import { type IsoDate, addCalendarDays, dayNumber } from './calendar/iso-date';
import type { WorkCalendar } from './calendar/work-calendar';
import type { Localized } from './verdict';

/**
 * The deadline to object to a spot-check result (复检申请期限), docs/rules.md §3.5:
 * - products: Product Quality Law Art. 15, "自收到检验结果之日起十五日内" — 15 calendar days;
 * - food: Food Safety Law Art. 88, "自收到检验结论之日起七个工作日内" — 7 working days.
 *
 * From which day: the day the enterprise received the result notice (its service date: the
 * date on the signed receipt, or of delivery for an electronic notice). That day is not
 * counted; counting starts the next day (Civil Code Art. 201: 开始的当日不计入，自下一日开始
 * 计算). So:
 * - food: the 7th working day after the day of receipt (WorkCalendar.addWorkingDays), make-up
 *   working days (调休上班) included, holidays skipped;
 * - products: the day of receipt + 15, moved to the next working day when that is a rest day
 *   or holiday (Civil Code Art. 203; WorkCalendar.calendarDayDeadline).
 * An objection filed on day F is in time when F ≤ the deadline.
 *
 * The deadline depends on the calendar's knowledge of holidays; `firstUncovered` names the first
 * day the answer relied on that the calendar does not know (a year whose holidays are not
 * published yet), so that the caller can say the date is provisional.
 */

export const OBJECTION_REGIMES = ['food', 'product'] as const;
/** Which law the spot check was run under: food safety, or product quality. */
export type ObjectionRegime = (typeof OBJECTION_REGIMES)[number];

export interface ObjectionDeadline {
  readonly regime: ObjectionRegime;
  /** The day the enterprise received the result notice; not counted. */
  readonly receivedOn: IsoDate;
  /** The last day on which an objection is in time. */
  readonly deadline: IsoDate;
  readonly days: number;
  readonly dayKind: 'working' | 'calendar';
  readonly basis: Localized;
  /** The first day relied on that the calendar does not cover, or null. */
  readonly firstUncovered: IsoDate | null;
}

const RULES: Readonly<
  Record<ObjectionRegime, { days: number; dayKind: 'working' | 'calendar'; basis: Localized }>
> = Object.freeze({
  food: {
    days: 7,
    dayKind: 'working',
    basis: {
      zh: '《食品安全法》第八十八条：自收到检验结论之日起七个工作日内',
      en: 'Food Safety Law Art. 88: within 7 working days of receiving the result',
    },
  },
  product: {
    days: 15,
    dayKind: 'calendar',
    basis: {
      zh: '《产品质量法》第十五条：自收到检验结果之日起十五日内',
      en: 'Product Quality Law Art. 15: within 15 days of receiving the result',
    },
  },
});

export function isObjectionRegime(x: unknown): x is ObjectionRegime {
  return typeof x === 'string' && (OBJECTION_REGIMES as readonly string[]).includes(x);
}

/**
 * The objection deadline of a result notice received on `receivedOn`. Throws RangeError for
 * an unknown regime or a malformed date (like the calendar itself).
 */
export function objectionDeadline(
  calendar: WorkCalendar,
  regime: ObjectionRegime,
  receivedOn: IsoDate,
): ObjectionDeadline {
  if (!isObjectionRegime(regime)) {
    throw new RangeError(`regime must be food or product, got ${JSON.stringify(regime)}`);
  }
  const { days, dayKind, basis } = RULES[regime];
  const deadline =
    dayKind === 'working'
      ? calendar.addWorkingDays(receivedOn, days)
      : calendar.calendarDayDeadline(receivedOn, days);
  // Working days: every day counted matters. Calendar days: only whether the 15th day and
  // any days it was moved across are working days.
  const reliedFrom = addCalendarDays(receivedOn, dayKind === 'working' ? 1 : days);
  return {
    regime,
    receivedOn,
    deadline,
    days,
    dayKind,
    basis,
    firstUncovered: calendar.firstUncovered(reliedFrom, deadline),
  };
}

/**
 * Whether an objection filed on `filedOn` meets the deadline (the deadline day included).
 * Throws RangeError on a malformed date.
 */
export function isObjectionInTime(deadline: IsoDate, filedOn: IsoDate): boolean {
  return dayNumber(filedOn) <= dayNumber(deadline);
}
