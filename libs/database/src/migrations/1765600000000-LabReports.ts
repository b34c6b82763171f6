import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lab receipt, reports and result notices (docs/rules.md §3.4, §3.5). The rules live in
 * libs/domain (custody.ts, report-state.ts, verdict.ts, objection-deadline.ts); these tables
 * keep what they accepted.
 *
 * `lab_receipt` — what a lab recorded when a sample reached it: received (with its condition
 * and intact seal) or rejected (with a reason). The custody event itself is in custody_event
 * (`custody_seq`); its `received` kind carries no detail, so the condition lives here.
 * `test_due_date`: the 20th working day after the day of receipt (food rules, docs/rules.md §3.3),
 * null for a rejection. One row per sample and lab (a retest lab will add its own).
 *
 * `lab_report` — one version of a report (检验报告). One chain per sample and lab: versions
 * 1…n, n+1 amending n (`amends_id`, `amendment_reason`); `report_no` is the chain's and unique
 * per lab (UNIQUE (lab_id, report_no, version), and a chain keeps its number). At most one
 * version of a chain is not issued (partial unique index). `tested_by` is everyone who entered
 * or changed a result of the version, the authors the four-eyes rules exclude. `verdict` and
 * `failed_items` are written when it is issued. An issued version never changes (trigger).
 *
 * `lab_report_item` — its result items, in order (`seq`), unique item code per version. An
 * item's limit is `limit_rule` (the domain's LimitRule as JSON) and `limit_text` as written;
 * `value` (a decimal string, ND/未检出, or a text result) or `not_tested_reason`; `verdict` and
 * `reason` are stored at issue. Items of an issued version never change (trigger).
 *
 * `result_notice` — the result notice (检验结果通知书) of an issued version, to the sampled
 * enterprise (`uscc`); `manufacturer_uscc`, when the sampling record names one, lets the
 * nominal manufacturer read it too. `regime` food (category sector food) or product;
 * `served_on` the day it was issued (electronic delivery), `objection_deadline` from it.
 *
 * `sample_lab_verdict` — derived by the worker from `report.issued`: the counting (latest
 * issued) version of each sample's report at its lab, for rates and publication later.
 */
export class LabReports1765600000000 implements MigrationInterface {
  name = 'LabReports1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lab_receipt (
        sample_id     uuid NOT NULL REFERENCES sample (id),
        lab_id        uuid NOT NULL REFERENCES lab (id),
        outcome       text NOT NULL CHECK (outcome IN ('received','rejected')),
        occurred_at   timestamptz NOT NULL,
        received_on   date NOT NULL,
        condition     text CHECK (length(condition) BETWEEN 1 AND 500),
        seal_intact   boolean,
        reason        text CHECK (reason IN ('seal_broken','damaged','wrong_sample')),
        note          text CHECK (length(note) BETWEEN 1 AND 1000),
        test_due_date date,
        custody_seq   integer NOT NULL,
        recorded_by   text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sample_id, lab_id),
        FOREIGN KEY (sample_id, custody_seq) REFERENCES custody_event (sample_id, seq),
        CHECK ((outcome = 'received') = (test_due_date IS NOT NULL AND condition IS NOT NULL
                                         AND seal_intact AND reason IS NULL)),
        CHECK ((outcome = 'rejected') = (reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX lab_receipt_lab_idx ON lab_receipt (lab_id, test_due_date)`);

    await q.query(`
      CREATE TABLE lab_report (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lab_id           uuid NOT NULL REFERENCES lab (id),
        sample_id        uuid NOT NULL REFERENCES sample (id),
        report_no        text COLLATE "C" NOT NULL CHECK (length(report_no) BETWEEN 1 AND 64),
        version          integer NOT NULL CHECK (version >= 1),
        amends_id        uuid REFERENCES lab_report (id),
        amendment_reason text CHECK (length(amendment_reason) BETWEEN 1 AND 1000),
        state            text NOT NULL CHECK (state IN ('draft','submitted','reviewed','issued')),
        verdict          text CHECK (verdict IN ('pass','fail','not_applicable')),
        failed_items     jsonb CHECK (jsonb_typeof(failed_items) = 'array'),
        tested_by        text[] NOT NULL DEFAULT '{}',
        submitted_by     text,
        submitted_at     timestamptz,
        reviewed_by      text,
        reviewed_at      timestamptz,
        issued_by        text,
        issued_at        timestamptz,
        returned_by      text,
        returned_at      timestamptz,
        returned_reason  text CHECK (length(returned_reason) BETWEEN 1 AND 1000),
        created_by       text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (lab_id, report_no, version),
        UNIQUE (sample_id, lab_id, version),
        CHECK ((version = 1) = (amends_id IS NULL)),
        CHECK ((version = 1) = (amendment_reason IS NULL)),
        CHECK ((state = 'issued') = (issued_at IS NOT NULL AND verdict IS NOT NULL
                                     AND failed_items IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX lab_report_one_open_idx ON lab_report (sample_id, lab_id) WHERE state <> 'issued'`,
    );
    await q.query(`CREATE INDEX lab_report_sample_idx ON lab_report (sample_id, version)`);

    await q.query(`
      CREATE TABLE lab_report_item (
        report_id         uuid NOT NULL REFERENCES lab_report (id),
        seq               integer NOT NULL CHECK (seq >= 1),
        item_code         text NOT NULL CHECK (length(item_code) BETWEEN 1 AND 64),
        item_name         text NOT NULL CHECK (length(item_name) BETWEEN 1 AND 200),
        method            text CHECK (length(method) BETWEEN 1 AND 200),
        unit              text CHECK (length(unit) BETWEEN 1 AND 32),
        limit_rule        jsonb NOT NULL CHECK (jsonb_typeof(limit_rule) = 'object'),
        limit_text        text NOT NULL CHECK (length(limit_text) BETWEEN 1 AND 200),
        comparison        text NOT NULL DEFAULT 'full' CHECK (comparison IN ('full','rounded')),
        rounding_digits   integer CHECK (rounding_digits BETWEEN -100 AND 100),
        value             text CHECK (length(value) BETWEEN 1 AND 200),
        not_tested_reason text CHECK (length(not_tested_reason) BETWEEN 1 AND 500),
        verdict           text CHECK (verdict IN ('pass','fail','not_applicable')),
        reason            jsonb,
        PRIMARY KEY (report_id, seq),
        UNIQUE (report_id, item_code),
        CHECK (value IS NULL OR not_tested_reason IS NULL)
      )`);

    // Issued versions are evidence: an amendment is a new version, never an edit.
    await q.query(`
      CREATE FUNCTION lab_report_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          RAISE EXCEPTION '% is never truncated', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.state = 'issued' THEN
          RAISE EXCEPTION 'lab_report %: an issued report cannot change (% refused); amend it',
            OLD.id, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER lab_report_issued_fixed BEFORE UPDATE OR DELETE ON lab_report
                   FOR EACH ROW EXECUTE FUNCTION lab_report_guard()`);
    await q.query(`CREATE TRIGGER lab_report_no_truncate BEFORE TRUNCATE ON lab_report
                   FOR EACH STATEMENT EXECUTE FUNCTION lab_report_guard()`);
    await q.query(`
      CREATE FUNCTION lab_report_item_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        rid uuid := CASE WHEN TG_OP = 'INSERT' THEN NEW.report_id ELSE OLD.report_id END;
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          RAISE EXCEPTION 'lab_report_item is never truncated' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.report_id <> OLD.report_id THEN
          RAISE EXCEPTION 'lab_report_item: an item does not move between reports'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM lab_report WHERE id = rid AND state = 'issued') THEN
          RAISE EXCEPTION 'lab_report %: the items of an issued report cannot change (% refused)',
            rid, TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER lab_report_item_fixed BEFORE INSERT OR UPDATE OR DELETE ON lab_report_item
                   FOR EACH ROW EXECUTE FUNCTION lab_report_item_guard()`);
    await q.query(`CREATE TRIGGER lab_report_item_no_truncate BEFORE TRUNCATE ON lab_report_item
                   FOR EACH STATEMENT EXECUTE FUNCTION lab_report_item_guard()`);

    await q.query(`
      CREATE TABLE result_notice (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sample_id            uuid NOT NULL REFERENCES sample (id),
        report_id            uuid NOT NULL UNIQUE REFERENCES lab_report (id),
        lab_id               uuid NOT NULL REFERENCES lab (id),
        uscc                 text COLLATE "C" NOT NULL REFERENCES enterprise (uscc),
        manufacturer_uscc    text COLLATE "C",
        verdict              text NOT NULL CHECK (verdict IN ('pass','fail','not_applicable')),
        regime               text NOT NULL CHECK (regime IN ('food','product')),
        served_on            date NOT NULL,
        objection_deadline   date NOT NULL CHECK (objection_deadline > served_on),
        deadline_provisional boolean NOT NULL DEFAULT false,
        created_at           timestamptz NOT NULL DEFAULT now(),
        read_at              timestamptz
      )`);
    await q.query(`CREATE INDEX result_notice_uscc_idx ON result_notice (uscc, created_at)`);
    await q.query(
      `CREATE INDEX result_notice_manufacturer_idx ON result_notice (manufacturer_uscc, created_at) WHERE manufacturer_uscc IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE sample_lab_verdict (
        sample_id    uuid NOT NULL REFERENCES sample (id),
        lab_id       uuid NOT NULL REFERENCES lab (id),
        report_id    uuid NOT NULL REFERENCES lab_report (id),
        version      integer NOT NULL,
        verdict      text NOT NULL CHECK (verdict IN ('pass','fail','not_applicable')),
        failed_items jsonb NOT NULL,
        issued_at    timestamptz NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sample_id, lab_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sample_lab_verdict`);
    await q.query(`DROP TABLE IF EXISTS result_notice`);
    await q.query(`DROP TABLE IF EXISTS lab_report_item`);
    await q.query(`DROP TABLE IF EXISTS lab_report`);
    await q.query(`DROP TABLE IF EXISTS lab_receipt`);
    await q.query(`DROP FUNCTION IF EXISTS lab_report_guard(), lab_report_item_guard()`);
  }
}
