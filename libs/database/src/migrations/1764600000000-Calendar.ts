import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The working-day calendar that deadlines count on: one row per day whose status is known,
 * `workday` true for a working day (including a make-up Saturday or Sunday, 调休上班) and false
 * for a rest day or holiday. Days without a row follow the weekday rule and are reported as
 * not covered.
 *
 * - `source` says who set the day: `chinese-days` (the package's data, refreshed after every
 *   migration run by seedWorkCalendar) or `admin` (an edit through the API, which the seed
 *   never overwrites).
 * - `updated_by` is the admin's subject, or `chinese-days@<version>` for seeded rows.
 * - The range 2000–2100 matches the years plans may have; it keeps a typo such as 2206 out.
 *
 * The table is filled by the seed step of runMigrations, not here, so that upgrading the
 * package reaches the table at the next deployment without a new migration.
 */
export class Calendar1764600000000 implements MigrationInterface {
  name = 'Calendar1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE work_calendar (
        day        date PRIMARY KEY CHECK (day BETWEEN '2000-01-01' AND '2100-12-31'),
        workday    boolean NOT NULL,
        name       text CHECK (length(name) BETWEEN 1 AND 100),
        source     text NOT NULL CHECK (source IN ('chinese-days','admin')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL CHECK (length(updated_by) BETWEEN 1 AND 200)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS work_calendar`);
  }
}
