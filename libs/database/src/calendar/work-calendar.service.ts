import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  IsoDate,
  IsoWeekday,
  WorkCalendar,
  addCalendarDays,
  calendarDaysBetween,
  isoWeekday,
  isWeekdayRuleWorkday,
} from '@spotcheck/domain';
import { CalendarDayRow, CalendarSource, WorkCalendarRepository } from './work-calendar.repository';

/** The dates `work_calendar` accepts (its CHECK constraint). */
export const CALENDAR_FIRST_DAY = '2000-01-01';
export const CALENDAR_LAST_DAY = '2100-12-31';

export type { CalendarSource };

/** One day as the API shows it; `weekday-rule` for a day the table has no row for. */
export interface CalendarDayView {
  date: IsoDate;
  isoWeekday: IsoWeekday;
  workday: boolean;
  name: string | null;
  source: CalendarSource | 'weekday-rule';
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface Deadline {
  from: IsoDate;
  workingDays?: number;
  calendarDays?: number;
  deadline: IsoDate;
  /** Every day in (from, deadline] is in the table; false means the weekday rule was assumed. */
  covered: boolean;
  /** The first day in (from, deadline] without a row, when not covered. */
  firstUncovered: IsoDate | null;
}

/**
 * The working-day calendar for every app: deadlines computed with the domain's WorkCalendar
 * over the whole `work_calendar` table (about 365 rows a year, small enough to hold).
 *
 * The calendar is cached for {@link WorkCalendarService.TTL_MS}. Writers call
 * {@link invalidate} after committing, so this process sees an edit at once; other processes
 * and replicas see it when their copy expires, at most a minute later. A deadline is worked out
 * when its period starts (a sample is taken, a report is issued), so the delay only matters for
 * a period starting within a minute of an edit.
 */
@Injectable()
export class WorkCalendarService {
  static readonly TTL_MS = 60_000;

  private cached: { calendar: Promise<WorkCalendar>; loadedAt: number } | null = null;

  constructor(private readonly repo: WorkCalendarRepository) {}

  /**
   * The whole calendar, from the cache when fresh. A load still running when invalidate() is
   * called answers the callers already waiting for it but is not kept for later ones.
   */
  calendar(now = Date.now()): Promise<WorkCalendar> {
    if (this.cached && now - this.cached.loadedAt < WorkCalendarService.TTL_MS) {
      return this.cached.calendar;
    }
    const entry = { calendar: this.load(), loadedAt: now };
    this.cached = entry;
    // A failed load is not cached: the next call tries again.
    entry.calendar.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return entry.calendar;
  }

  /** Forget the cached calendar; call after a committed change to `work_calendar`. */
  invalidate(): void {
    this.cached = null;
  }

  /** "Within `workingDays` working days of `from`": the n-th working day after it. */
  async workingDayDeadline(from: IsoDate, workingDays: number): Promise<Deadline> {
    const cal = await this.calendar();
    const deadline = cal.addWorkingDays(from, workingDays);
    return { from, workingDays, deadline, ...coverage(cal, from, deadline) };
  }

  /** `calendarDays` after `from`, moved to the next working day (Civil Code Art. 203). */
  async calendarDayDeadline(from: IsoDate, calendarDays: number): Promise<Deadline> {
    const cal = await this.calendar();
    const deadline = cal.calendarDayDeadline(from, calendarDays);
    return { from, calendarDays, deadline, ...coverage(cal, from, deadline) };
  }

  /** Every day of [from, to] with its flag and where the flag came from. */
  async days(from: IsoDate, to: IsoDate, m?: EntityManager): Promise<CalendarDayView[]> {
    const rows = await this.repo.range(from, to, m);
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const out: CalendarDayView[] = [];
    for (let i = 0, n = calendarDaysBetween(from, to); i <= n; i++) {
      const date = addCalendarDays(from, i);
      const r = byDay.get(date);
      out.push(r ? view(r) : weekdayRule(date));
    }
    return out;
  }

  /**
   * Sets one day as an admin edit inside `m`'s transaction: changes of one day take turns, so
   * the `before` returned is what this change replaced. The caller audits it and calls
   * invalidate() after the commit.
   */
  async setDay(
    m: EntityManager,
    date: IsoDate,
    workday: boolean,
    name: string | null,
    by: string,
  ): Promise<{ before: CalendarDayView; after: CalendarDayView }> {
    await this.repo.lockDay(m, date);
    const row = await this.repo.day(m, date, true);
    const before = row ? view(row) : weekdayRule(date);
    const after = view(await this.repo.setAdminDay(m, date, workday, name, by));
    return { before, after };
  }

  private async load(): Promise<WorkCalendar> {
    // Every row is a known day: the rows are the coverage.
    return new WorkCalendar(await this.repo.all());
  }
}

function coverage(cal: WorkCalendar, from: IsoDate, deadline: IsoDate) {
  const firstUncovered =
    deadline > from ? cal.firstUncovered(addCalendarDays(from, 1), deadline) : null;
  return { covered: firstUncovered === null, firstUncovered };
}

function view(r: CalendarDayRow): CalendarDayView {
  return {
    date: r.day,
    isoWeekday: isoWeekday(r.day),
    workday: r.workday,
    name: r.name,
    source: r.source,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by,
  };
}

function weekdayRule(date: IsoDate): CalendarDayView {
  const wd = isoWeekday(date);
  return {
    date,
    isoWeekday: wd,
    workday: isWeekdayRuleWorkday(wd),
    name: null,
    source: 'weekday-rule',
    updatedAt: null,
    updatedBy: null,
  };
}
