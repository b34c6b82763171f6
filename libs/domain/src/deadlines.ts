import { type IsoDate, addCalendarDays } from './calendar/iso-date';
import type { WorkCalendar } from './calendar/work-calendar';
import { chinaDate } from './sampling-record';

/**
 * Deadlines of a sample's journey and the overdue rule. The periods themselves come from the
 * sector rules table (sector-rules.ts: `ruleDeadline`); this file holds what every deadline
 * shares: "within n working days of a day" — that day is not counted, the deadline is the n-th
 * working day after it (Civil Code Art. 201), on the Chinese calendar with its make-up working
 * days (调休) — and when a step is overdue or late.
 */

/**
 * Deadlines and "today" are counted in China's one civil time. SQL that compares a due date
 * with today uses this zone (`now() AT TIME ZONE …`), the same day {@link deadlineToday} gives.
 */
export const DEADLINE_TIME_ZONE = 'Asia/Shanghai';

export interface WorkingDayDeadline {
  /** The day counting starts after; not counted. */
  readonly from: IsoDate;
  readonly workingDays: number;
  /** The last day that is in time. */
  readonly deadline: IsoDate;
  /** Every day in (from, deadline] is known to the calendar; false means the weekday rule was assumed. */
  readonly covered: boolean;
  /** The first day in (from, deadline] the calendar does not know, when not covered. */
  readonly firstUncovered: IsoDate | null;
}

/** The `workingDays`-th working day after `from`, with how sure the calendar is of it. */
export function workingDayDeadline(
  cal: WorkCalendar,
  from: IsoDate,
  workingDays: number,
): WorkingDayDeadline {
  const deadline = cal.addWorkingDays(from, workingDays);
  const firstUncovered =
    deadline > from ? cal.firstUncovered(addCalendarDays(from, 1), deadline) : null;
  return { from, workingDays, deadline, covered: firstUncovered === null, firstUncovered };
}

/** The day, in China, that deadlines are compared with. */
export function deadlineToday(now: Date): IsoDate {
  return chinaDate(now);
}

/**
 * The overdue rule, one for every deadline (a sample on its way to the lab, a lab's test, a
 * task's sampling): overdue when the step is not done and its due date has passed, that is the
 * due date is before today in China. The due day itself is still in time. No due date (the
 * step has not started, e.g. a sample not yet received) is never overdue.
 */
export function isOverdue(dueDate: IsoDate | null, done: boolean, today: IsoDate): boolean {
  return !done && dueDate !== null && dueDate < today;
}

/** Done late: the day it was done (in China) is after its due date. */
export function isLate(dueDate: IsoDate, doneOn: IsoDate | null): boolean {
  return doneOn !== null && doneOn > dueDate;
}
