import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * EPCIS 2.0 capture: events sent by enterprises' own traceability systems, stored
 * once each and queryable by product, so that the trace of a batch extends downstream
 * (docs/rules.md §3.3; docs/epcis.md §Capture).
 *
 * - `enterprise_gtin_prefix`: what an enterprise holds — a GS1 company prefix (6–12 digits)
 *   or a single GTIN-14. The own-products rule of capture: every GTIN an event names must be
 *   covered by one of the capturing enterprise's rows. A GTIN has one holder: the service
 *   refuses a row that overlaps another enterprise's (a prefix starting another, a GTIN under
 *   a prefix), under an advisory lock; the unique key backs the simple case.
 * - `epcis_capture`: one row per accepted document (counts and the SHA-256 of the body as
 *   received), append-only.
 * - `epcis_event`: one row per stored event, unique per (owner, event identity). The identity
 *   is `epcisEventId` (its eventID, else its content hash). It is unique per owner, not
 *   globally: another enterprise could otherwise capture first an event under an eventID it
 *   learnt or guessed, and the owner's own event would then be taken for a repeat and
 *   silently dropped; and a global key would tell an enterprise that some other enterprise
 *   already holds an event. Two owners cannot both hold an event about one product anyway
 *   (the own-products rule and one holder per GTIN), so per owner loses nothing.
 *   Columns read out of the event for querying without parsing JSON; `gtins` (GTIN-14) and
 *   `lots` ('<GTIN-14>/<lot>') are the product keys of the trace, from SGTIN/LGTIN URNs and
 *   GS1 Digital Link URIs (libs/domain epcis/products.ts). Append-only: an event is evidence.
 */
export class Epcis1765500000000 implements MigrationInterface {
  name = 'Epcis1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enterprise_gtin_prefix (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        uscc        text NOT NULL REFERENCES enterprise (uscc),
        kind        text NOT NULL CHECK (kind IN ('company_prefix', 'gtin')),
        value       text COLLATE "C" NOT NULL,
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'company_prefix' AND value ~ '^[0-9]{6,12}$')
            OR (kind = 'gtin' AND value ~ '^[0-9]{14}$')),
        UNIQUE (kind, value)
      )`);
    await q.query(`CREATE INDEX enterprise_gtin_prefix_uscc_idx ON enterprise_gtin_prefix (uscc)`);

    await q.query(`
      CREATE TABLE epcis_capture (
        id              uuid PRIMARY KEY,
        owner_uscc      text NOT NULL CHECK (octet_length(owner_uscc) = 18),
        actor           text NOT NULL,
        received_at     timestamptz NOT NULL DEFAULT now(),
        event_count     integer NOT NULL CHECK (event_count >= 0),
        new_count       integer NOT NULL CHECK (new_count >= 0),
        duplicate_count integer NOT NULL CHECK (duplicate_count >= 0),
        body_sha256     text NOT NULL CHECK (body_sha256 ~ '^[0-9a-f]{64}$'),
        CHECK (new_count + duplicate_count = event_count)
      )`);
    await q.query(
      `CREATE INDEX epcis_capture_owner_idx ON epcis_capture (owner_uscc, received_at)`,
    );

    await q.query(`
      CREATE TABLE epcis_event (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_uscc             text NOT NULL CHECK (octet_length(owner_uscc) = 18),
        event_id               text NOT NULL,
        event_hash             text NOT NULL,
        capture_id             uuid NOT NULL REFERENCES epcis_capture (id) DEFERRABLE INITIALLY DEFERRED,
        type                   text NOT NULL CHECK (type IN ('ObjectEvent', 'AggregationEvent',
                                 'TransactionEvent', 'TransformationEvent', 'AssociationEvent')),
        event_time             timestamptz NOT NULL,
        event_time_zone_offset text NOT NULL,
        action                 text CHECK (action IN ('ADD', 'OBSERVE', 'DELETE')),
        biz_step               text,
        disposition            text,
        read_point             text,
        biz_location           text,
        epcs                   text[] NOT NULL DEFAULT '{}',
        epc_classes            text[] NOT NULL DEFAULT '{}',
        gtins                  text[] NOT NULL CHECK (cardinality(gtins) > 0),
        lots                   text[] NOT NULL DEFAULT '{}',
        biz_transactions       jsonb NOT NULL DEFAULT '[]',
        sources                jsonb NOT NULL DEFAULT '[]',
        destinations           jsonb NOT NULL DEFAULT '[]',
        event                  jsonb NOT NULL,
        captured_at            timestamptz NOT NULL DEFAULT now(),
        CHECK ((type = 'TransformationEvent') = (action IS NULL)),
        CONSTRAINT epcis_event_owner_event_id_key UNIQUE (owner_uscc, event_id)
      )`);
    await q.query(
      `CREATE INDEX epcis_event_owner_time_idx ON epcis_event (owner_uscc, event_time, id)`,
    );
    await q.query(`CREATE INDEX epcis_event_time_idx ON epcis_event (event_time, id)`);
    await q.query(`CREATE INDEX epcis_event_capture_idx ON epcis_event (capture_id)`);
    await q.query(`CREATE INDEX epcis_event_gtins_idx ON epcis_event USING gin (gtins)`);
    await q.query(`CREATE INDEX epcis_event_lots_idx ON epcis_event USING gin (lots)`);
    await q.query(`CREATE INDEX epcis_event_epcs_idx ON epcis_event USING gin (epcs)`);
    await q.query(
      `CREATE INDEX epcis_event_epc_classes_idx ON epcis_event USING gin (epc_classes)`,
    );

    await q.query(`
      CREATE FUNCTION epcis_append_only_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['epcis_capture', 'epcis_event']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
                     FOR EACH ROW EXECUTE FUNCTION epcis_append_only_guard()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
                     FOR EACH STATEMENT EXECUTE FUNCTION epcis_append_only_guard()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS epcis_event`);
    await q.query(`DROP TABLE IF EXISTS epcis_capture`);
    await q.query(`DROP FUNCTION IF EXISTS epcis_append_only_guard()`);
    await q.query(`DROP TABLE IF EXISTS enterprise_gtin_prefix`);
  }
}
