import type { DataSource } from 'typeorm';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import chineseDaysPackage from 'chinese-days/package.json';
// Relative imports, not '@spotcheck/…': runMigrations calls this file, and runMigrations also
// runs inside Jest's globalSetup (test/support/global-setup.ts), where path aliases do not
// resolve. Importing the one file also keeps the region tables out of a migration run.
import { recordAudit } from '../../../common/src/audit/audit';
import { entriesFromChineseDays } from '../../../domain/src/calendar/chinese-days';

/** `updated_by` of seeded rows: which data, in which version, set the day. */
export const CHINESE_DAYS_SOURCE = `chinese-days@${chineseDaysPackage.version}`;

export interface CalendarSeedResult {
  source: string;
  /** Days the data covers (and days listed outside the covered years). */
  days: number;
  inserted: number;
  /** Seeded days whose flag or name the new data changed. */
  updated: number;
  /** Days the data would change but an admin has set: left alone. */
  keptAdminEdits: number;
  coverage: { from: string; to: string }[];
}

/**
 * Loads the `chinese-days` data into `work_calendar`, in one transaction.
 *
 * Run at migration time: runMigrations calls it after the migrations, under the migration
 * advisory lock, so `npm run migrate`, `npm start`, the compose `migrate` job and the test
 * set-up all refresh the table, and an upgraded package (a new year is published each
 * November) reaches the table at the next deployment without a new migration.
 *
 * Safe to run any number of times: a new day is inserted; a seeded day is updated only when
 * the data now says something else; a day an admin has set (`source = 'admin'`) is never
 * touched. Anything it changes is summed up in one audit entry; a run that changes nothing
 * writes nothing.
 */
export async function seedWorkCalendar(ds: DataSource): Promise<CalendarSeedResult> {
  const { entries, coverage } = entriesFromChineseDays(chineseDays);
  const days = entries.map((e) => e.date);
  const flags = entries.map((e) => e.workday);
  const names = entries.map((e) => e.name ?? null);
  return ds.transaction(async (m) => {
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
      [days, flags, names, CHINESE_DAYS_SOURCE],
    )) as { inserted: boolean }[];
    const inserted = rows.filter((r) => r.inserted).length;
    const updated = rows.length - inserted;
    const [{ n: keptAdminEdits }] = (await m.query(
      `SELECT count(*)::int AS n
       FROM work_calendar w JOIN unnest($1::date[], $2::boolean[], $3::text[]) AS v(day, workday, name)
         ON v.day = w.day
       WHERE w.source = 'admin' AND (w.workday, w.name) IS DISTINCT FROM (v.workday, v.name)`,
      [days, flags, names],
    )) as { n: number }[];
    const result: CalendarSeedResult = {
      source: CHINESE_DAYS_SOURCE,
      days: entries.length,
      inserted,
      updated,
      keptAdminEdits,
      coverage,
    };
    if (inserted + updated > 0) {
      await recordAudit(m, { sub: 'system', role: 'admin' }, [
        { action: 'seed-calendar', entityType: 'work_calendar', detail: { ...result } },
      ]);
    }
    return result;
  });
}
