import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  IsoDate,
  IsoWeekday,
  WorkCalendar,
  addCalendarDays,
  calendarDaysBetween,
  isoWeekday,
  isWeekdayRuleWorkday,
} from '@spotcheck/domain';

/** The dates `work_calendar` accepts (its CHECK constraint). */
export const CALENDAR_FIRST_DAY = '2000-01-01';
export const CALENDAR_LAST_DAY = '2100-12-31';

export type CalendarSource = 'chinese-days' | 'admin';

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

interface Row {
  day: string;
  workday: boolean;
  name: string | null;
  source: CalendarSource;
  updated_at: Date;
  updated_by: string;
}

// `day::text` everywhere: node-postgres turns a `date` into a JS Date at local midnight, which
// serialises as the previous day on a server east of Greenwich (Beijing is UTC+8).
const COLUMNS = `day::text AS day, workday, name, source, updated_at, updated_by`;

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

  constructor(private readonly ds: DataSource) {}

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
  async days(from: IsoDate, to: IsoDate, m: EntityManager = this.ds.manager) {
    const rows = (await m.query(
      `SELECT ${COLUMNS} FROM work_calendar WHERE day BETWEEN $1 AND $2 ORDER BY day`,
      [from, to],
    )) as Row[];
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const out: CalendarDayView[] = [];
    for (let i = 0, n = calendarDaysBetween(from, to); i <= n; i++) {
      const date = addCalendarDays(from, i);
      const r = byDay.get(date);
      out.push(r ? view(r) : weekdayRule(date));
    }
    return out;
  }

  /** One day, locked for update when `m` is a transaction that will change it. */
  async day(date: IsoDate, m: EntityManager = this.ds.manager, lock = false) {
    const [row] = (await m.query(
      `SELECT ${COLUMNS} FROM work_calendar WHERE day = $1${lock ? ' FOR UPDATE' : ''}`,
      [date],
    )) as Row[];
    return row ? view(row) : weekdayRule(date);
  }

  /**
   * Sets a day as an admin edit (source `admin`, which the seed never overwrites), inside the
   * caller's transaction; the caller audits it and calls invalidate() after commit.
   */
  async setDay(
    m: EntityManager,
    date: IsoDate,
    workday: boolean,
    name: string | null,
    by: string,
  ): Promise<CalendarDayView> {
    const [row] = (await m.query(
      `INSERT INTO work_calendar AS w (day, workday, name, source, updated_by)
       VALUES ($1, $2, $3, 'admin', $4)
       ON CONFLICT (day) DO UPDATE
         SET workday = EXCLUDED.workday, name = EXCLUDED.name, source = 'admin',
             updated_at = now(), updated_by = EXCLUDED.updated_by
       RETURNING ${COLUMNS}`,
      [date, workday, name, by],
    )) as Row[];
    return view(row);
  }

  private async load(): Promise<WorkCalendar> {
    const rows = (await this.ds.query(
      `SELECT day::text AS day, workday, name FROM work_calendar ORDER BY day`,
    )) as { day: string; workday: boolean; name: string | null }[];
    // Every row is a known day: the rows are the coverage.
    return new WorkCalendar(rows.map((r) => ({ date: r.day, workday: r.workday, name: r.name })));
  }
}

function coverage(cal: WorkCalendar, from: IsoDate, deadline: IsoDate) {
  const firstUncovered =
    deadline > from ? cal.firstUncovered(addCalendarDays(from, 1), deadline) : null;
  return { covered: firstUncovered === null, firstUncovered };
}

function view(r: Row): CalendarDayView {
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
