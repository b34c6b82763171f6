import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CalendarEntry, IsoDate } from '@spotcheck/domain';

export type CalendarSource = 'chinese-days' | 'admin';

/** A `work_calendar` row as the calendar reads it. */
export interface CalendarDayRow {
  day: IsoDate;
  workday: boolean;
  name: string | null;
  source: CalendarSource;
  updated_at: Date;
  updated_by: string;
}

/** What one seed run did to the table. */
export interface CalendarSeedCounts {
  inserted: number;
  updated: number;
  /** Days the data would change but an admin has set: left alone. */
  keptAdminEdits: number;
}

/** Advisory lock class of calendar days (with the date as the second key). */
const CALENDAR_DAY_LOCK = 734_912_006;

// `day::text` everywhere: node-postgres turns a `date` into a JS Date at local midnight, which
// serialises as the previous day on a server east of Greenwich (Beijing is UTC+8).
const COLUMNS = `day::text AS day, workday, name, source, updated_at, updated_by`;

/** Every statement on `work_calendar`. */
@Injectable()
export class WorkCalendarRepository {
  constructor(private readonly ds: DataSource) {}

  /** Every known day, in date order: the whole calendar (about 365 rows a year). */
  async all(): Promise<CalendarEntry[]> {
    const rows = (await this.ds.query(
      `SELECT day::text AS day, workday, name FROM work_calendar ORDER BY day`,
    )) as { day: string; workday: boolean; name: string | null }[];
    return rows.map((r) => ({ date: r.day, workday: r.workday, name: r.name }));
  }

  /** The rows of [from, to], in date order. */
  async range(from: IsoDate, to: IsoDate, m: EntityManager = this.ds.manager) {
    return (await m.query(
      `SELECT ${COLUMNS} FROM work_calendar WHERE day BETWEEN $1 AND $2 ORDER BY day`,
      [from, to],
    )) as CalendarDayRow[];
  }

  /** One day's row, locked for update when `lock` (inside `m`'s transaction). */
  async day(m: EntityManager, date: IsoDate, lock = false): Promise<CalendarDayRow | undefined> {
    const [row] = (await m.query(
      `SELECT ${COLUMNS} FROM work_calendar WHERE day = $1${lock ? ' FOR UPDATE' : ''}`,
      [date],
    )) as CalendarDayRow[];
    return row;
  }

  /**
   * Makes changes of one day take turns until `m`'s transaction ends: a day without a row has
   * nothing to lock FOR UPDATE.
   */
  async lockDay(m: EntityManager, date: IsoDate): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CALENDAR_DAY_LOCK, date]);
  }

  /** Sets a day as an admin edit (source `admin`, which the seed never overwrites). */
  async setAdminDay(
    m: EntityManager,
    date: IsoDate,
    workday: boolean,
    name: string | null,
    by: string,
  ): Promise<CalendarDayRow> {
    const [row] = (await m.query(
      `INSERT INTO work_calendar AS w (day, workday, name, source, updated_by)
       VALUES ($1, $2, $3, 'admin', $4)
       ON CONFLICT (day) DO UPDATE
         SET workday = EXCLUDED.workday, name = EXCLUDED.name, source = 'admin',
             updated_at = now(), updated_by = EXCLUDED.updated_by
       RETURNING ${COLUMNS}`,
      [date, workday, name, by],
    )) as CalendarDayRow[];
    return row;
  }

  /**
   * Writes the package's days in one statement: a new day is inserted, a seeded day updated
   * only when the data now says something else, a day an admin set never touched.
   */
  async seed(
    m: EntityManager,
    entries: readonly CalendarEntry[],
    source: string,
  ): Promise<CalendarSeedCounts> {
    const days = entries.map((e) => e.date);
    const flags = entries.map((e) => e.workday);
    const names = entries.map((e) => e.name ?? null);
    const rows = (await m.query(
      `INSERT INTO work_calendar AS w (day, workday, name, source, updated_by)
       SELECT v.day, v.workday, v.name, 'chinese-days', $4
       FROM unnest($1::date[], $2::boolean[], $3::text[]) AS v(day, workday, name)
       ON CONFLICT (day) DO UPDATE
         SET workday = EXCLUDED.workday, name = EXCLUDED.name,
             updated_at = now(), updated_by = EXCLUDED.updated_by
         WHERE w.source = 'chinese-days'
           AND (w.workday, w.name) IS DISTINCT FROM (EXCLUDED.workday, EXCLUDED.name)
       RETURNING (xmax = 0) AS inserted`,
      [days, flags, names, source],
    )) as { inserted: boolean }[];
    const inserted = rows.filter((r) => r.inserted).length;
    const [{ n: keptAdminEdits }] = (await m.query(
      `SELECT count(*)::int AS n
       FROM work_calendar w JOIN unnest($1::date[], $2::boolean[], $3::text[]) AS v(day, workday, name)
         ON v.day = w.day
       WHERE w.source = 'admin' AND (w.workday, w.name) IS DISTINCT FROM (v.workday, v.name)`,
      [days, flags, names],
    )) as { n: number }[];
    return { inserted, updated: rows.length - inserted, keptAdminEdits };
  }
}
