import type { DataSource } from 'typeorm';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import chineseDaysPackage from 'chinese-days/package.json';
import { recordAudit } from '@spotcheck/common';
import { entriesFromChineseDays } from '@spotcheck/domain';
import { WorkCalendarRepository } from './work-calendar.repository';

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
  const calendar = new WorkCalendarRepository(ds);
  return ds.transaction(async (m) => {
    const counts = await calendar.seed(m, entries, CHINESE_DAYS_SOURCE);
    const result: CalendarSeedResult = {
      source: CHINESE_DAYS_SOURCE,
      days: entries.length,
      ...counts,
      coverage,
    };
    if (counts.inserted + counts.updated > 0) {
      await recordAudit(m, { sub: 'system', role: 'admin' }, [
        { action: 'seed-calendar', entityType: 'work_calendar', detail: { ...result } },
      ]);
    }
    return result;
  });
}
