import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications to regulators and admins (docs/rules.md §3.7), raised by the worker.
 *
 * `notification` — one row per kind, subject and recipient (`notification_once`, with NULLs
 * equal, so raising again, by a delayed job and the sweep at once or by two workers, adds
 * nothing):
 * - `kind` (libs/domain NOTIFICATION_KINDS) and `subject`: what it is about (a sample's id, a
 *   result notice's id, `<queue>/<job id>` of a failed job);
 * - the recipient: `audience` (`regulator` or `admin`), `jurisdiction` (GB/T 2260; regulators
 *   only: the office it is addressed to, seen by every regulator whose subtree holds it) and
 *   `addressee` (a token subject: one person of the audience). A regulator notification names
 *   a jurisdiction or an addressee; an admin one may name an addressee, else all admins see it;
 * - `due_on` (the deadline that passed, if any), `detail` (what the message says, by kind) and
 *   `created_at`, which with `id` orders the lists (newest first).
 *
 * `notification_read` — who has read which: one row per notification and reader (`sub`), so
 * each regulator of an office keeps their own unread list.
 *
 * Indexes serve an office's list (`jurisdiction`, "C" collation so that a subtree is a range),
 * the admins' and one person's lists, and the sweep's "not raised yet" lookups by kind and
 * subject (the unique key). Two partial indexes let the sweep find recent deadlines by day:
 * tests due at labs (`lab_receipt.test_due_date`) and failing results' objection deadlines
 * (`result_notice.objection_deadline`); deliveries have theirs (`sample_not_arrived_idx`).
 */
export class Notifications1767200000000 implements MigrationInterface {
  name = 'Notifications1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind         text NOT NULL CHECK (kind IN
                       ('delivery_overdue','testing_overdue','objection_closed','job_failed')),
        subject      text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
        audience     text NOT NULL CHECK (audience IN ('regulator','admin')),
        jurisdiction text COLLATE "C" CHECK (jurisdiction ~ '^[0-9]{6}$'),
        addressee    text CHECK (length(addressee) BETWEEN 1 AND 200),
        due_on       date,
        detail       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object'),
        created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (audience = 'regulator' OR jurisdiction IS NULL),
        CHECK (audience = 'admin' OR jurisdiction IS NOT NULL OR addressee IS NOT NULL),
        CONSTRAINT notification_once
          UNIQUE NULLS NOT DISTINCT (kind, subject, audience, jurisdiction, addressee)
      )`);
    await q.query(
      `CREATE INDEX notification_jurisdiction_idx ON notification (jurisdiction, created_at DESC, id DESC)
         WHERE jurisdiction IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX notification_audience_idx ON notification (audience, created_at DESC, id DESC)
         WHERE jurisdiction IS NULL AND addressee IS NULL`,
    );
    await q.query(
      `CREATE INDEX notification_addressee_idx ON notification (addressee, created_at DESC, id DESC)
         WHERE addressee IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE notification_read (
        notification_id uuid NOT NULL REFERENCES notification (id),
        reader          text NOT NULL CHECK (length(reader) BETWEEN 1 AND 200),
        read_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, reader)
      )`);
    await q.query(
      `CREATE INDEX lab_receipt_test_due_idx ON lab_receipt (test_due_date) WHERE outcome = 'received'`,
    );
    await q.query(
      `CREATE INDEX result_notice_fail_deadline_idx ON result_notice (objection_deadline) WHERE verdict = 'fail'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS result_notice_fail_deadline_idx`);
    await q.query(`DROP INDEX IF EXISTS lab_receipt_test_due_idx`);
    await q.query(`DROP TABLE IF EXISTS notification_read`);
    await q.query(`DROP TABLE IF EXISTS notification`);
  }
}
