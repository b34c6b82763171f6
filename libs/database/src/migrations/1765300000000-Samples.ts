import { MigrationInterface, QueryRunner } from 'typeorm';

const STATES = `'sampled','sealed','in_transit','received','rejected','testing','backup_retained',
  'retest_in_transit','retest_received','retest_rejected','retesting','disposed','returned'`;
const KINDS = `'sampled','sealed','shipped','received','rejected_at_receipt','testing',
  'backup_retained','retest_dispatched','disposed','returned'`;
/** The columns of `sample` that custody events move; everything else is the signed record. */
const CUSTODY_COLUMNS = `'{custody_state,custody_seq,custody_at,arrived_at,keep_until,retest_lab_id,seal_numbers,updated_at}'`;

/**
 * Sampling records (抽样单) and custody (样品流转), docs/rules.md §3.3. The rules live in
 * libs/domain (sampling-record.ts, custody.ts); these tables keep what they accepted.
 *
 * `sample` — one per task (`task_id` unique), written by POST /tasks/:id/sample:
 * - `sample_no`: plan code + '-' + the sample's sequence in its plan, zero-padded to four
 *   digits (`NM-2026-001-0007`); unique. `seq` is that sequence, gap-free per plan, handed out
 *   by `sample_sequence` (one counter row per plan, taken in the sampling transaction).
 * - `plan_id`, `task_id`, `category`, `lab_id` (the task's lab; the lab the sample goes to)
 *   and `sampled_uscc` (the task's enterprise, 被抽样单位) are copied from the task.
 * - The place sampled: `place_region_code` (GB/T 2260) and `place_address`; `stage`
 *   (production, distribution, online) and, for online sampling, `online_platform` and
 *   `online_shop`.
 * - The nominal manufacturer (标称生产者), which may differ from the sampled enterprise and may
 *   be outside the directory (no foreign key): `manufacturer_name`, `manufacturer_address`,
 *   `manufacturer_uscc` (check character verified when given).
 * - The product: `product_name`, `brand`, `spec` (model/specification), `batch_no`,
 *   `production_date`, `expiry_date` (end of shelf life), `gtin` (always GTIN-14, so the
 *   same item written as GTIN-8/12/13/14 compares equal).
 * - `test_quantity`/`test_unit` and `backup_quantity`/`backup_unit` (numeric, exactly as
 *   given), `price_paid` (yuan), `seal_numbers`, `inspectors` (the two staff numbers who
 *   signed; always the task's pair), `representative_name`/`_title` (the enterprise's
 *   signatory), `attachments` ([{sha256, name?, mediaType?}]), `note`.
 * - `sampled_at` (the instant), `sampling_date` (its date in China Standard Time) and
 *   `lab_due_date`: the 5th working day after the sampling date on the working-day calendar,
 *   computed once when the record is made.
 * - Custody, kept current by each event: `custody_state` (after the last event),
 *   `custody_seq` and `custody_at` (the last event's number and time), `arrived_at` (when it
 *   first reached its lab: received or rejected there; null means not yet — overdue once
 *   `lab_due_date` has passed), `keep_until` (the backup's, from backup_retained) and
 *   `retest_lab_id` (from retest_dispatched).
 * A trigger keeps the record itself unchangeable: an update may move only the custody columns,
 * and rows are never deleted.
 *
 * `custody_event` — append-only (trigger), one row per step, numbered `seq` = 1, 2, … per
 * sample; primary key (sample_id, seq), which is also the index of the trace by sample.
 * `kind` (the step), `state_after`, `occurred_at` (when it happened, as reported) and
 * `recorded_at`; who: `actor` (token subject), `actor_role`, `actor_org` (the lab id of a lab)
 * and `actor_staff_no` (an inspector's staff number); where: `region_code` and `address`; a
 * `note`; and `detail` by kind: sealed {sealNumbers}, shipped {carrier?, trackingNo?},
 * rejected_at_receipt {reason: seal_broken | damaged | wrong_sample}, backup_retained
 * {verdict, verdictDate, keepUntil, keepUntilRule}, retest_dispatched {toLabId, carrier?,
 * trackingNo?}, disposed {method?}, returned {recipient?}. The EPCIS export makes one
 * ObjectEvent per row (docs/epcis.md); (sample_no, seq) names it.
 *
 * Keys for the trace queries (100,000 samples, 1,000,000 events): by sample number the unique
 * index on `sample_no` ("C" collation, which also orders lists and serves their keyset
 * cursor), then the events by primary key; by enterprise `(sampled_uscc, sample_no)`, with
 * `sampled_uscc` in the collation of `enterprise.uscc` so that joining the enterprise uses its
 * primary key (a column in another collation cannot, and the join then scans the directory); by
 * manufacturer `(manufacturer_uscc, sample_no)`; by product `(gtin, batch_no)`; a lab's
 * samples `(lab_id, sample_no)` and `(retest_lab_id)`; overdue samples a partial index on
 * `lab_due_date` over those not yet arrived.
 */
export class Samples1765300000000 implements MigrationInterface {
  name = 'Samples1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sample_sequence (
        plan_id  uuid PRIMARY KEY REFERENCES sampling_plan (id),
        last_seq integer NOT NULL CHECK (last_seq >= 1)
      )`);

    await q.query(`
      CREATE TABLE sample (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sample_no            text COLLATE "C" NOT NULL UNIQUE CHECK (length(sample_no) BETWEEN 3 AND 80),
        plan_id              uuid NOT NULL REFERENCES sampling_plan (id),
        seq                  integer NOT NULL CHECK (seq >= 1),
        task_id              uuid NOT NULL UNIQUE REFERENCES inspection_task (id),
        category             text NOT NULL,
        lab_id               uuid NOT NULL REFERENCES lab (id),
        retest_lab_id        uuid REFERENCES lab (id) CHECK (retest_lab_id <> lab_id),
        stage                text NOT NULL CHECK (stage IN ('production','distribution','online')),
        sampled_uscc         text NOT NULL REFERENCES enterprise (uscc),
        place_region_code    text COLLATE "C" NOT NULL CHECK (octet_length(place_region_code) = 6),
        place_address        text NOT NULL CHECK (length(place_address) BETWEEN 1 AND 500),
        online_platform      text CHECK (length(online_platform) BETWEEN 1 AND 100),
        online_shop          text CHECK (length(online_shop) BETWEEN 1 AND 200),
        manufacturer_name    text NOT NULL CHECK (length(manufacturer_name) BETWEEN 1 AND 200),
        manufacturer_address text CHECK (length(manufacturer_address) BETWEEN 1 AND 500),
        manufacturer_uscc    text CHECK (octet_length(manufacturer_uscc) = 18),
        product_name         text NOT NULL CHECK (length(product_name) BETWEEN 1 AND 200),
        brand                text CHECK (length(brand) BETWEEN 1 AND 100),
        spec                 text CHECK (length(spec) BETWEEN 1 AND 200),
        batch_no             text COLLATE "C" CHECK (length(batch_no) BETWEEN 1 AND 100),
        production_date      date,
        expiry_date          date,
        gtin                 text COLLATE "C" CHECK (gtin ~ '^[0-9]{14}$'),
        test_quantity        numeric NOT NULL CHECK (test_quantity > 0),
        test_unit            text NOT NULL CHECK (length(test_unit) BETWEEN 1 AND 20),
        backup_quantity      numeric NOT NULL CHECK (backup_quantity > 0),
        backup_unit          text NOT NULL CHECK (length(backup_unit) BETWEEN 1 AND 20),
        price_paid           numeric(12,2) NOT NULL CHECK (price_paid >= 0),
        seal_numbers         text[] NOT NULL DEFAULT '{}' CHECK (cardinality(seal_numbers) <= 20),
        inspectors           text[] NOT NULL
                             CHECK (cardinality(inspectors) = 2 AND inspectors[1] <> inspectors[2]),
        representative_name  text NOT NULL CHECK (length(representative_name) BETWEEN 1 AND 100),
        representative_title text CHECK (length(representative_title) BETWEEN 1 AND 100),
        attachments          jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attachments) = 'array'),
        note                 text CHECK (length(note) BETWEEN 1 AND 2000),
        sampled_at           timestamptz NOT NULL,
        sampling_date        date NOT NULL,
        lab_due_date         date NOT NULL CHECK (lab_due_date > sampling_date),
        custody_state        text NOT NULL CHECK (custody_state IN (${STATES})),
        custody_seq          integer NOT NULL CHECK (custody_seq >= 1),
        custody_at           timestamptz NOT NULL,
        arrived_at           timestamptz,
        keep_until           date,
        created_at           timestamptz NOT NULL DEFAULT now(),
        created_by           text NOT NULL,
        updated_at           timestamptz NOT NULL DEFAULT now(),
        UNIQUE (plan_id, seq),
        CHECK ((stage = 'online') = (online_platform IS NOT NULL)
               AND (online_platform IS NULL) = (online_shop IS NULL)),
        CHECK (batch_no IS NOT NULL OR production_date IS NOT NULL),
        CHECK (production_date IS NULL OR production_date <= sampling_date),
        CHECK (expiry_date IS NULL OR production_date IS NULL OR expiry_date >= production_date)
      )`);
    await q.query(`CREATE INDEX sample_sampled_uscc_idx ON sample (sampled_uscc, sample_no)`);
    await q.query(
      `CREATE INDEX sample_manufacturer_idx ON sample (manufacturer_uscc, sample_no) WHERE manufacturer_uscc IS NOT NULL`,
    );
    await q.query(`CREATE INDEX sample_gtin_idx ON sample (gtin, batch_no) WHERE gtin IS NOT NULL`);
    await q.query(`CREATE INDEX sample_lab_idx ON sample (lab_id, sample_no)`);
    await q.query(
      `CREATE INDEX sample_retest_lab_idx ON sample (retest_lab_id) WHERE retest_lab_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX sample_not_arrived_idx ON sample (lab_due_date) WHERE arrived_at IS NULL`,
    );
    await q.query(`
      CREATE FUNCTION sample_record_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          RAISE EXCEPTION 'sample: sampling records are never removed (TRUNCATE refused)'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - ${CUSTODY_COLUMNS}::text[])
                              = (to_jsonb(OLD) - ${CUSTODY_COLUMNS}::text[]) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'sample %: the sampling record cannot change (% refused); only custody moves it',
          OLD.sample_no, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER sample_record_fixed BEFORE UPDATE OR DELETE ON sample
                   FOR EACH ROW EXECUTE FUNCTION sample_record_guard()`);
    await q.query(`CREATE TRIGGER sample_no_truncate BEFORE TRUNCATE ON sample
                   FOR EACH STATEMENT EXECUTE FUNCTION sample_record_guard()`);

    await q.query(`
      CREATE TABLE custody_event (
        sample_id      uuid NOT NULL REFERENCES sample (id),
        seq            integer NOT NULL CHECK (seq >= 1),
        kind           text NOT NULL CHECK (kind IN (${KINDS})),
        state_after    text NOT NULL CHECK (state_after IN (${STATES})),
        occurred_at    timestamptz NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT now(),
        actor          text NOT NULL,
        actor_role     text NOT NULL CHECK (actor_role IN ('regulator','lab','admin')),
        actor_org      text,
        actor_staff_no text,
        region_code    text COLLATE "C" NOT NULL CHECK (octet_length(region_code) = 6),
        address        text NOT NULL CHECK (length(address) BETWEEN 1 AND 500),
        note           text CHECK (length(note) BETWEEN 1 AND 1000),
        detail         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object'),
        PRIMARY KEY (sample_id, seq)
      )`);
    // Custody is evidence (who held the sample, when, and in what condition).
    await q.query(`
      CREATE FUNCTION custody_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'custody_event is append-only (% refused)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER custody_event_append_only BEFORE UPDATE OR DELETE ON custody_event
                   FOR EACH ROW EXECUTE FUNCTION custody_event_guard()`);
    await q.query(`CREATE TRIGGER custody_event_no_truncate BEFORE TRUNCATE ON custody_event
                   FOR EACH STATEMENT EXECUTE FUNCTION custody_event_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS custody_event`);
    await q.query(`DROP TABLE IF EXISTS sample`);
    await q.query(`DROP TABLE IF EXISTS sample_sequence`);
    await q.query(`DROP FUNCTION IF EXISTS custody_event_guard(), sample_record_guard()`);
  }
}
