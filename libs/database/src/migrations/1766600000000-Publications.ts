import { MigrationInterface, QueryRunner } from 'typeorm';

const REFUSED = `USING ERRCODE = 'insufficient_privilege'`;

/**
 * Published lists of spot-check results (docs/rules.md §3.6, docs/publication.md): the
 * failed-product list (不合格产品名单) of a jurisdiction with the pass results beside it.
 *
 * `publication` — one version of one list. A first list (`kind` list, version 1) is compiled
 * from the jurisdiction's final outcomes; a correction or withdrawal of a published version is
 * version n + 1 of the same `series_id` (the first version's id), with its `reason`, and
 * `supersedes_id` the version it replaces. States draft → approved → published, or discarded
 * (libs/domain publication-state.ts). At most one first list is open (draft or approved) per
 * jurisdiction, and one new version per series. On publication it takes its notice number
 * (`notice_no`; `notice_seq` 1, 2, … per jurisdiction and `notice_year`), `published_on`, its
 * `digest` (SHA-256 of its canonical JSON) and its place in the jurisdiction's chain:
 * `chain_seq` 1, 2, … and the `previous_id` and `previous_digest` of the list published just
 * before. A published or discarded row never changes, and no row is ever deleted (trigger).
 *
 * `publication_listing` — which series lists each sample's result, per table (failed or
 * passed): one series per sample and table, so that however often and however concurrently
 * lists are compiled, no result is listed twice; `publication_id` is the version that listed it
 * first. A draft's listings go when it is recompiled or discarded; a listing made by a published
 * version stays (trigger).
 *
 * `publication_entry` — the rows of a version's two tables, as published: the official
 * columns copied from the sample, its plan, category, lab, enterprise and counting report when
 * the version was compiled, so that a later change of those records never changes a published
 * list. `serial` 1… per table in sample-number order. Each entry belongs to its series' listing
 * (foreign key). Entries are written only while their version is a draft and removed only from
 * drafts and discarded versions (trigger).
 *
 * `publication_file` — the published list rendered once by the worker (JSON, CSV, XLSX), with
 * the SHA-256 of each file's bytes; written once, never changed (trigger).
 */
export class Publications1766600000000 implements MigrationInterface {
  name = 'Publications1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE publication (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        jurisdiction      text COLLATE "C" NOT NULL CHECK (jurisdiction ~ '^[0-9]{6}$'),
        jurisdiction_name text NOT NULL CHECK (length(jurisdiction_name) BETWEEN 1 AND 100),
        series_id         uuid NOT NULL REFERENCES publication (id),
        version           integer NOT NULL CHECK (version >= 1),
        kind              text NOT NULL CHECK (kind IN ('list','correction','withdrawal')),
        reason            text CHECK (length(reason) BETWEEN 1 AND 1000),
        supersedes_id     uuid REFERENCES publication (id),
        state             text NOT NULL CHECK (state IN ('draft','approved','published','discarded')),
        until             date NOT NULL,
        failed_count      integer NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
        passed_count      integer NOT NULL DEFAULT 0 CHECK (passed_count >= 0),
        compiled_by       text NOT NULL CHECK (length(compiled_by) BETWEEN 1 AND 200),
        compiled_at       timestamptz NOT NULL DEFAULT now(),
        approved_by       text,
        approved_at       timestamptz,
        published_by      text,
        published_at      timestamptz,
        discarded_by      text,
        discarded_at      timestamptz,
        discard_reason    text CHECK (length(discard_reason) BETWEEN 1 AND 1000),
        notice_no         text CHECK (length(notice_no) BETWEEN 1 AND 100),
        notice_year       integer CHECK (notice_year BETWEEN 2000 AND 2100),
        notice_seq        integer CHECK (notice_seq >= 1),
        published_on      date,
        chain_seq         integer CHECK (chain_seq >= 1),
        previous_id       uuid REFERENCES publication (id),
        previous_digest   text CHECK (previous_digest ~ '^[0-9a-f]{64}$'),
        digest            text CHECK (digest ~ '^[0-9a-f]{64}$'),
        UNIQUE (series_id, version),
        UNIQUE (jurisdiction, notice_year, notice_seq),
        UNIQUE (jurisdiction, notice_no),
        UNIQUE (jurisdiction, chain_seq),
        CHECK ((version = 1) = (kind = 'list')),
        CHECK ((version = 1) = (series_id = id)),
        CHECK ((version = 1) = (supersedes_id IS NULL)),
        CHECK ((kind = 'list') = (reason IS NULL)),
        CHECK (kind <> 'withdrawal' OR (failed_count = 0 AND passed_count = 0)),
        CHECK ((approved_by IS NULL) = (approved_at IS NULL)),
        CHECK (state NOT IN ('approved','published') OR approved_by IS NOT NULL),
        CHECK ((state = 'published') = (published_at IS NOT NULL)),
        CHECK (state <> 'published' OR (published_by IS NOT NULL AND notice_no IS NOT NULL
               AND notice_year IS NOT NULL AND notice_seq IS NOT NULL AND published_on IS NOT NULL
               AND chain_seq IS NOT NULL AND digest IS NOT NULL)),
        CHECK ((state = 'discarded') = (discarded_at IS NOT NULL AND discarded_by IS NOT NULL)),
        CHECK ((previous_id IS NULL) = (previous_digest IS NULL)),
        CHECK ((chain_seq = 1) = (chain_seq IS NOT NULL AND previous_id IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX publication_open_list_idx ON publication (jurisdiction)
        WHERE kind = 'list' AND state IN ('draft','approved')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX publication_open_version_idx ON publication (series_id)
        WHERE version > 1 AND state IN ('draft','approved')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX publication_superseded_once_idx ON publication (supersedes_id)
        WHERE state = 'published'`,
    );
    await q.query(
      `CREATE INDEX publication_jurisdiction_idx ON publication (jurisdiction, compiled_at DESC)`,
    );

    await q.query(`
      CREATE TABLE publication_listing (
        sample_id  uuid NOT NULL REFERENCES sample (id),
        table_kind text NOT NULL CHECK (table_kind IN ('failed','passed')),
        series_id  uuid NOT NULL REFERENCES publication (id),
        publication_id uuid NOT NULL REFERENCES publication (id),
        PRIMARY KEY (sample_id, table_kind),
        UNIQUE (sample_id, table_kind, series_id)
      )`);
    await q.query(
      `CREATE INDEX publication_listing_version_idx ON publication_listing (publication_id)`,
    );

    await q.query(`
      CREATE TABLE publication_entry (
        publication_id           uuid NOT NULL REFERENCES publication (id),
        table_kind               text NOT NULL CHECK (table_kind IN ('failed','passed')),
        serial                   integer NOT NULL CHECK (serial >= 1),
        sample_id                uuid NOT NULL,
        series_id                uuid NOT NULL,
        sample_no                text COLLATE "C" NOT NULL,
        plan_id                  uuid NOT NULL,
        task_source              text NOT NULL,
        manufacturer_name        text NOT NULL,
        manufacturer_address     text,
        manufacturer_uscc        text COLLATE "C",
        sampled_uscc             text COLLATE "C" NOT NULL,
        sampled_unit_name        text NOT NULL,
        sampled_unit_address     text NOT NULL,
        sampled_unit_region_code text COLLATE "C" NOT NULL,
        sampled_unit_region      text NOT NULL,
        product_name             text NOT NULL,
        spec                     text,
        brand                    text,
        production_date          date,
        batch_no                 text,
        category_code            text NOT NULL,
        category                 text NOT NULL,
        lab_id                   uuid NOT NULL,
        lab                      text NOT NULL,
        report_id                uuid NOT NULL,
        final_on                 date NOT NULL,
        failed_items             jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(failed_items) = 'array'),
        remark                   text,
        PRIMARY KEY (publication_id, table_kind, serial),
        UNIQUE (publication_id, sample_id),
        FOREIGN KEY (sample_id, table_kind, series_id)
          REFERENCES publication_listing (sample_id, table_kind, series_id),
        CHECK (table_kind = 'failed' OR failed_items = '[]'::jsonb)
      )`);
    await q.query(`CREATE INDEX publication_entry_sample_idx ON publication_entry (sample_id)`);

    await q.query(`
      CREATE TABLE publication_file (
        publication_id uuid NOT NULL REFERENCES publication (id),
        name           text NOT NULL CHECK (name ~ '^[a-z]+\\.(json|csv|xlsx)$'),
        media_type     text NOT NULL CHECK (length(media_type) BETWEEN 1 AND 200),
        sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size           bigint NOT NULL CHECK (size >= 0),
        content        bytea NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (publication_id, name)
      )`);

    // Final outcomes not yet listed, per jurisdiction: what compiling reads.
    await q.query(
      `CREATE INDEX sample_outcome_publish_idx ON sample_outcome (jurisdiction, outcome, final_on)`,
    );

    await q.query(`
      CREATE FUNCTION publication_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          RAISE EXCEPTION '% is never truncated', TG_TABLE_NAME ${REFUSED};
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'publication %: lists are never deleted (DELETE refused); discard a draft instead',
            OLD.id ${REFUSED};
        END IF;
        IF OLD.state IN ('published','discarded') THEN
          RAISE EXCEPTION 'publication %: a % list cannot change (UPDATE refused); publish a correction or a withdrawal',
            OLD.id, OLD.state ${REFUSED};
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER publication_fixed BEFORE UPDATE OR DELETE ON publication
                   FOR EACH ROW EXECUTE FUNCTION publication_guard()`);
    await q.query(`CREATE TRIGGER publication_no_truncate BEFORE TRUNCATE ON publication
                   FOR EACH STATEMENT EXECUTE FUNCTION publication_guard()`);

    // Statement-level with transition tables: one check per statement, not per row, since a
    // list can hold 100,000 entries.
    await q.query(`
      CREATE FUNCTION publication_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        pid uuid;
        pstate text;
      BEGIN
        IF TG_OP = 'TRUNCATE' OR TG_OP = 'UPDATE' THEN
          RAISE EXCEPTION 'publication_entry: entries never change (% refused); recompile a draft, or publish a correction',
            TG_OP ${REFUSED};
        END IF;
        IF TG_OP = 'INSERT' THEN
          SELECT p.id, p.state INTO pid, pstate FROM publication p
           WHERE p.id IN (SELECT DISTINCT publication_id FROM new_rows) AND p.state <> 'draft'
           LIMIT 1;
        ELSE
          SELECT p.id, p.state INTO pid, pstate FROM publication p
           WHERE p.id IN (SELECT DISTINCT publication_id FROM old_rows)
             AND p.state NOT IN ('draft','discarded')
           LIMIT 1;
        END IF;
        IF FOUND THEN
          RAISE EXCEPTION 'publication %: the entries of a % list cannot change (% refused)',
            pid, pstate, TG_OP ${REFUSED};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER publication_entry_insert AFTER INSERT ON publication_entry
                   REFERENCING NEW TABLE AS new_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION publication_entry_guard()`);
    await q.query(`CREATE TRIGGER publication_entry_delete AFTER DELETE ON publication_entry
                   REFERENCING OLD TABLE AS old_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION publication_entry_guard()`);
    await q.query(`CREATE TRIGGER publication_entry_update BEFORE UPDATE ON publication_entry
                   FOR EACH STATEMENT EXECUTE FUNCTION publication_entry_guard()`);
    await q.query(`CREATE TRIGGER publication_entry_no_truncate BEFORE TRUNCATE ON publication_entry
                   FOR EACH STATEMENT EXECUTE FUNCTION publication_entry_guard()`);

    await q.query(`
      CREATE FUNCTION publication_listing_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        sid uuid;
      BEGIN
        IF TG_OP <> 'DELETE' THEN
          RAISE EXCEPTION 'publication_listing: a listing never changes (% refused)', TG_OP ${REFUSED};
        END IF;
        SELECT p.id INTO sid FROM publication p
         WHERE p.id IN (SELECT DISTINCT publication_id FROM old_rows) AND p.state = 'published'
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'publication %: the results it published stay listed (DELETE refused)', sid ${REFUSED};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER publication_listing_delete AFTER DELETE ON publication_listing
                   REFERENCING OLD TABLE AS old_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION publication_listing_guard()`);
    await q.query(`CREATE TRIGGER publication_listing_update BEFORE UPDATE ON publication_listing
                   FOR EACH STATEMENT EXECUTE FUNCTION publication_listing_guard()`);
    await q.query(`CREATE TRIGGER publication_listing_no_truncate BEFORE TRUNCATE ON publication_listing
                   FOR EACH STATEMENT EXECUTE FUNCTION publication_listing_guard()`);

    await q.query(`
      CREATE FUNCTION publication_file_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NOT EXISTS (SELECT 1 FROM publication WHERE id = NEW.publication_id AND state = 'published') THEN
            RAISE EXCEPTION 'publication %: only a published list has files', NEW.publication_id ${REFUSED};
          END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'publication_file: a published file never changes (% refused)', TG_OP ${REFUSED};
      END $$`);
    await q.query(`CREATE TRIGGER publication_file_fixed BEFORE INSERT OR UPDATE OR DELETE ON publication_file
                   FOR EACH ROW EXECUTE FUNCTION publication_file_guard()`);
    await q.query(`CREATE TRIGGER publication_file_no_truncate BEFORE TRUNCATE ON publication_file
                   FOR EACH STATEMENT EXECUTE FUNCTION publication_file_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS publication_file`);
    await q.query(`DROP TABLE IF EXISTS publication_entry`);
    await q.query(`DROP TABLE IF EXISTS publication_listing`);
    await q.query(`DROP TABLE IF EXISTS publication`);
    await q.query(`DROP INDEX IF EXISTS sample_outcome_publish_idx`);
    await q.query(
      `DROP FUNCTION IF EXISTS publication_guard(), publication_entry_guard(),
         publication_listing_guard(), publication_file_guard()`,
    );
  }
}
