import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public portal's search over published results (ADR 0024, docs/public-portal.md).
 *
 * `public_search_grams(text)` — the characters and the pairs of adjacent characters of a text
 * (lower-cased by the caller; the GIN index keeps each once). A query of two characters or more is
 * found through the rows whose grams hold all of its pairs, then checked by `LIKE`; a query of
 * one character through that character. pg_trgm cannot do this for Chinese: a two-character
 * query has no trigram, so `LIKE '%乳业%'` reads the whole table (ADR 0024 has the figures).
 *
 * `public_entry` — one row per entry of each published version that nothing supersedes, in
 * both tables (failed and passed): the searched text (product, brand, manufacturer and sampled
 * unit names, lower-cased), its grams (GIN) and the columns the public filters on. Derived
 * from `publication_entry` by the worker after a version is published (`public_search_index`):
 * the version's entries go in, and those of the versions it supersedes go out, in one
 * transaction under the series' lock, so the order in which versions are indexed does not
 * matter and running it twice changes nothing. It holds only published rows; the portal
 * reads it only for the versions published and not superseded when it asks, besides.
 *
 * `public_search_indexed` — the versions indexed, with how many entries: what makes indexing
 * once per version, and what the portal's answers cache is keyed by.
 */
export class PublicSearch1767700000000 implements MigrationInterface {
  name = 'PublicSearch1767700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION public_search_grams(t text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT string_to_array(t, NULL)
               || ARRAY(SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i)
      $$`);

    await q.query(`
      CREATE TABLE public_entry (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        publication_id    uuid NOT NULL,
        table_kind        text NOT NULL CHECK (table_kind IN ('failed','passed')),
        serial            integer NOT NULL,
        jurisdiction      text COLLATE "C" NOT NULL,
        notice_no         text NOT NULL,
        published_on      date NOT NULL,
        plan_id           uuid NOT NULL,
        region_code       text COLLATE "C" NOT NULL,
        category_code     text NOT NULL,
        sector            text,
        lab_id            uuid NOT NULL,
        manufacturer_uscc text COLLATE "C",
        sampled_uscc      text COLLATE "C" NOT NULL,
        product_name      text COLLATE "C" NOT NULL,
        brand             text,
        manufacturer_name text NOT NULL,
        sampled_unit_name text NOT NULL,
        category          text NOT NULL,
        lab               text NOT NULL,
        search            text NOT NULL,
        grams             text[] NOT NULL,
        UNIQUE (publication_id, table_kind, serial)
      )`);
    await q.query(`CREATE INDEX public_entry_grams_idx ON public_entry USING gin (grams)`);
    await q.query(
      `CREATE INDEX public_entry_published_idx ON public_entry (published_on DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX public_entry_product_idx ON public_entry (product_name, id)`);
    await q.query(`CREATE INDEX public_entry_region_idx ON public_entry (region_code)`);
    await q.query(`CREATE INDEX public_entry_plan_idx ON public_entry (plan_id)`);
    await q.query(`CREATE INDEX public_entry_sampled_idx ON public_entry (sampled_uscc)`);
    await q.query(`CREATE INDEX public_entry_maker_idx ON public_entry (manufacturer_uscc)`);
    await q.query(`CREATE INDEX public_entry_notice_idx ON public_entry (notice_no)`);

    await q.query(`
      CREATE TABLE public_search_indexed (
        publication_id uuid PRIMARY KEY,
        entries        integer NOT NULL CHECK (entries >= 0),
        indexed_at     timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);

    await q.query(`
      CREATE FUNCTION public_search_index(pid uuid) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE
        p publication%ROWTYPE;
        n integer := 0;
      BEGIN
        SELECT * INTO p FROM publication WHERE id = pid;
        IF NOT FOUND OR p.state <> 'published' THEN
          RETURN -1;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('public_search:' || p.series_id::text, 0));
        IF EXISTS (SELECT 1 FROM public_search_indexed WHERE publication_id = pid) THEN
          RETURN 0;
        END IF;
        DELETE FROM public_entry e USING publication o
         WHERE o.series_id = p.series_id AND o.version < p.version AND e.publication_id = o.id;
        IF NOT EXISTS (SELECT 1 FROM publication v
                        WHERE v.series_id = p.series_id AND v.version > p.version
                          AND v.state = 'published') THEN
          INSERT INTO public_entry (publication_id, table_kind, serial, jurisdiction, notice_no,
                                    published_on, plan_id, region_code, category_code, sector,
                                    lab_id, manufacturer_uscc, sampled_uscc, product_name,
                                    brand, manufacturer_name, sampled_unit_name, category, lab,
                                    search, grams)
          SELECT e.publication_id, e.table_kind, e.serial, p.jurisdiction, p.notice_no,
                 p.published_on, e.plan_id, e.sampled_unit_region_code, e.category_code,
                 c.sector, e.lab_id, e.manufacturer_uscc, e.sampled_uscc, e.product_name,
                 e.brand, e.manufacturer_name, e.sampled_unit_name, e.category, e.lab, s.t,
                 public_search_grams(s.t)
            FROM publication_entry e
            LEFT JOIN product_category c ON c.code = e.category_code
           CROSS JOIN LATERAL (SELECT lower(concat_ws(E'\\n', e.product_name, e.brand,
                                                      e.manufacturer_name,
                                                      e.sampled_unit_name)) AS t) s
           WHERE e.publication_id = pid;
          GET DIAGNOSTICS n = ROW_COUNT;
        END IF;
        INSERT INTO public_search_indexed (publication_id, entries) VALUES (pid, n);
        RETURN n;
      END $$`);

    // Lists published before this migration.
    await q.query(
      `SELECT public_search_index(id) FROM publication WHERE state = 'published'
        ORDER BY published_at`,
    );
    await q.query(`ANALYZE public_entry`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS public_search_index(uuid)`);
    await q.query(`DROP TABLE IF EXISTS public_search_indexed`);
    await q.query(`DROP TABLE IF EXISTS public_entry`);
    await q.query(`DROP FUNCTION IF EXISTS public_search_grams(text)`);
  }
}
