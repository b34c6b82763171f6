import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit-risk feedback from published lists (docs/rules.md §3.6).
 *
 * `publication_risk_feedback` — one row per list (series) and enterprise it raised: the class
 * before and after and the version that did it. Its key makes the feedback happen once per list
 * and enterprise, however often the job runs and whether or not a correction lists the
 * enterprise again.
 *
 * `enterprise_risk_change` gains why a class changed: `reason` and, for the feedback,
 * `publication_id`. The trigger that writes the history takes them from the transaction's
 * settings `spotcheck.risk_reason` and `spotcheck.risk_publication` (set with `set_config(…,
 * true)` by the writer), so every other path keeps writing the history as before, without a
 * reason.
 */
export class PublicationRiskFeedback1767100000000 implements MigrationInterface {
  name = 'PublicationRiskFeedback1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE publication_risk_feedback (
        series_id      uuid NOT NULL REFERENCES publication (id),
        uscc           text COLLATE "C" NOT NULL REFERENCES enterprise (uscc),
        publication_id uuid NOT NULL REFERENCES publication (id),
        from_class     text NOT NULL CHECK (from_class IN ('A','B','C','D')),
        to_class       text NOT NULL CHECK (to_class IN ('A','B','C','D')),
        applied_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (series_id, uscc)
      )`);
    await q.query(`
      ALTER TABLE enterprise_risk_change
        ADD COLUMN reason text CHECK (length(reason) BETWEEN 1 AND 500),
        ADD COLUMN publication_id uuid REFERENCES publication (id)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION enterprise_risk_change_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO enterprise_risk_change (uscc, from_class, to_class, reason, publication_id)
        VALUES (NEW.uscc, OLD.risk_class, NEW.risk_class,
                nullif(current_setting('spotcheck.risk_reason', true), ''),
                nullif(current_setting('spotcheck.risk_publication', true), '')::uuid);
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION enterprise_risk_change_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO enterprise_risk_change (uscc, from_class, to_class)
        VALUES (NEW.uscc, OLD.risk_class, NEW.risk_class);
        RETURN NULL;
      END $$`);
    await q.query(
      `ALTER TABLE enterprise_risk_change DROP COLUMN reason, DROP COLUMN publication_id`,
    );
    await q.query(`DROP TABLE IF EXISTS publication_risk_feedback`);
  }
}
