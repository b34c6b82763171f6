import { MigrationInterface, QueryRunner } from 'typeorm';

const REFUSED = `USING ERRCODE = 'insufficient_privilege'`;
const MISSING = `USING ERRCODE = 'foreign_key_violation'`;

/**
 * A list's rows are written by the hundred thousand (one `INSERT … SELECT` per table when it
 * is compiled), so `publication_listing` and `publication_entry` check per statement what their
 * foreign keys checked per row (ADR 0023,
 * as ADR 0002 did for result items). The five foreign keys' lookups took 5 of the 13 s a
 * 100,000-entry list took to compile.
 *
 * - A new listing's sample, series and version exist; a new entry's version exists, and so
 *   does its series' listing of its sample and table. Checked once per statement over the
 *   statement's new rows (transition tables), raising `foreign_key_violation` as the keys did.
 * - The other half of those keys, a referenced row deleted: `sample` and `publication` refuse
 *   every DELETE (their guards); a listing deleted while an entry still names it is refused by
 *   the listing's DELETE check, per statement, as its key did.
 * - `UNIQUE (sample_id, table_kind, series_id)` on the listing existed only as the target of
 *   the entries' key; the primary key `(sample_id, table_kind)` already makes a listing unique.
 */
export class PublicationRowsPerStatement1767650000000 implements MigrationInterface {
  name = 'PublicationRowsPerStatement1767650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publication_entry
                     DROP CONSTRAINT publication_entry_sample_id_table_kind_series_id_fkey,
                     DROP CONSTRAINT publication_entry_publication_id_fkey`);
    await q.query(`ALTER TABLE publication_listing
                     DROP CONSTRAINT publication_listing_sample_id_fkey,
                     DROP CONSTRAINT publication_listing_series_id_fkey,
                     DROP CONSTRAINT publication_listing_publication_id_fkey,
                     DROP CONSTRAINT publication_listing_sample_id_table_kind_series_id_key`);

    await q.query(`
      CREATE OR REPLACE FUNCTION publication_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        pid uuid;
        pstate text;
        sid uuid;
      BEGIN
        IF TG_OP = 'TRUNCATE' OR TG_OP = 'UPDATE' THEN
          RAISE EXCEPTION 'publication_entry: entries never change (% refused); recompile a draft, or publish a correction',
            TG_OP ${REFUSED};
        END IF;
        IF TG_OP = 'INSERT' THEN
          SELECT n.publication_id INTO pid FROM (SELECT DISTINCT publication_id FROM new_rows) n
           WHERE NOT EXISTS (SELECT 1 FROM publication p WHERE p.id = n.publication_id) LIMIT 1;
          IF FOUND THEN
            RAISE EXCEPTION 'publication_entry: publication % does not exist', pid ${MISSING};
          END IF;
          SELECT n.sample_id INTO sid FROM new_rows n
           WHERE NOT EXISTS (SELECT 1 FROM publication_listing l
                              WHERE l.sample_id = n.sample_id AND l.table_kind = n.table_kind
                                AND l.series_id = n.series_id) LIMIT 1;
          IF FOUND THEN
            RAISE EXCEPTION 'publication_entry: sample % is not listed by the entry''s series in its table', sid ${MISSING};
          END IF;
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

    await q.query(`
      CREATE OR REPLACE FUNCTION publication_listing_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        pid uuid;
        sid uuid;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT n.sample_id INTO sid FROM new_rows n
           WHERE NOT EXISTS (SELECT 1 FROM sample s WHERE s.id = n.sample_id) LIMIT 1;
          IF FOUND THEN
            RAISE EXCEPTION 'publication_listing: sample % does not exist', sid ${MISSING};
          END IF;
          SELECT x.id INTO pid FROM (SELECT series_id AS id FROM new_rows
                                     UNION SELECT publication_id FROM new_rows) x
           WHERE NOT EXISTS (SELECT 1 FROM publication p WHERE p.id = x.id) LIMIT 1;
          IF FOUND THEN
            RAISE EXCEPTION 'publication_listing: publication % does not exist', pid ${MISSING};
          END IF;
          RETURN NULL;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          RAISE EXCEPTION 'publication_listing: a listing never changes (% refused)', TG_OP ${REFUSED};
        END IF;
        SELECT p.id INTO pid FROM publication p
         WHERE p.id IN (SELECT DISTINCT publication_id FROM old_rows) AND p.state = 'published'
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'publication %: the results it published stay listed (DELETE refused)', pid ${REFUSED};
        END IF;
        SELECT o.sample_id INTO sid FROM old_rows o
         WHERE EXISTS (SELECT 1 FROM publication_entry e
                        WHERE e.sample_id = o.sample_id AND e.table_kind = o.table_kind
                          AND e.series_id = o.series_id)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'publication_listing: sample % is still an entry of the series that lists it', sid ${MISSING};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER publication_listing_insert AFTER INSERT ON publication_listing
                   REFERENCING NEW TABLE AS new_rows
                   FOR EACH STATEMENT EXECUTE FUNCTION publication_listing_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS publication_listing_insert ON publication_listing`);
    await q.query(`ALTER TABLE publication_listing
                     ADD UNIQUE (sample_id, table_kind, series_id),
                     ADD FOREIGN KEY (sample_id) REFERENCES sample (id),
                     ADD FOREIGN KEY (series_id) REFERENCES publication (id),
                     ADD FOREIGN KEY (publication_id) REFERENCES publication (id)`);
    await q.query(`ALTER TABLE publication_entry
                     ADD FOREIGN KEY (publication_id) REFERENCES publication (id),
                     ADD FOREIGN KEY (sample_id, table_kind, series_id)
                       REFERENCES publication_listing (sample_id, table_kind, series_id)`);
  }
}
