import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directories (一单两库), the audit log, the outbox and the job-failure record.
 * Region codes use the "C" collation so `region_code LIKE '1501%'` (jurisdiction subtree)
 * is served by a plain btree index. USCCs and region codes are validated in full by the
 * application (check character, national table); the table only checks their length,
 * because a regular-expression CHECK doubled the cost of a million-row import.
 */
export class Foundation1764100000000 implements MigrationInterface {
  name = 'Foundation1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE product_category (
        code        text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        sector      text NOT NULL CHECK (sector IN ('manufacturing','consumer_goods','agricultural','food','drug')),
        items       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(items) = 'array'),
        active      boolean NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE enterprise (
        uscc        text PRIMARY KEY CHECK (octet_length(uscc) = 18),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        address     text NOT NULL DEFAULT '',
        region_code text COLLATE "C" NOT NULL CHECK (octet_length(region_code) = 6),
        size        text NOT NULL CHECK (size IN ('large','medium','small','micro')),
        categories  text[] NOT NULL DEFAULT '{}',
        risk_class  text NOT NULL CHECK (risk_class IN ('A','B','C','D')),
        status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','revoked','closed')),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX enterprise_region_idx ON enterprise (region_code, uscc)`);

    await q.query(`
      CREATE TABLE inspector (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        staff_no    text NOT NULL UNIQUE CHECK (length(staff_no) BETWEEN 1 AND 64),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        region_code text COLLATE "C" NOT NULL CHECK (octet_length(region_code) = 6),
        unit        text NOT NULL DEFAULT '',
        categories  text[] NOT NULL DEFAULT '{}',
        active      boolean NOT NULL DEFAULT true,
        conflicts   text[] NOT NULL DEFAULT '{}',
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inspector_region_idx ON inspector (region_code, staff_no)`);

    await q.query(`
      CREATE TABLE lab (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        uscc        text NOT NULL UNIQUE CHECK (octet_length(uscc) = 18),
        cma_no      text NOT NULL UNIQUE CHECK (length(cma_no) BETWEEN 1 AND 64),
        region_code text COLLATE "C" NOT NULL CHECK (octet_length(region_code) = 6),
        categories  text[] NOT NULL DEFAULT '{}',
        capacity    integer NOT NULL CHECK (capacity >= 0),
        active      boolean NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lab_region_idx ON lab (region_code, cma_no)`);

    // Directory statistics, recomputed by the worker after directory changes (outbox event).
    await q.query(`
      CREATE TABLE directory_stats (
        region_code text COLLATE "C" NOT NULL,
        risk_class  text NOT NULL,
        status      text NOT NULL,
        enterprises integer NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (region_code, risk_class, status)
      )`);

    await q.query(`
      CREATE TABLE audit_log (
        seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at            timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor         text NOT NULL,
        role          text NOT NULL,
        org           text,
        action        text NOT NULL,
        entity_type   text NOT NULL,
        entity_id     text,
        before_digest text,
        after_digest  text,
        detail        jsonb,
        chain_pos     bigint UNIQUE,
        prev_hash     text,
        hash          text,
        CHECK ((chain_pos IS NULL) = (hash IS NULL))
      )`);
    await q.query(`CREATE INDEX audit_log_unsealed_idx ON audit_log (seq) WHERE chain_pos IS NULL`);
    // Append-only: no delete, no truncate, and an update may only seal a row once.
    await q.query(`
      CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.chain_pos IS NULL AND NEW.chain_pos IS NOT NULL
           AND (to_jsonb(OLD) - '{chain_pos,prev_hash,hash}'::text[])
             = (to_jsonb(NEW) - '{chain_pos,prev_hash,hash}'::text[]) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                   FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                   FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard()`);

    await q.query(`
      CREATE TABLE outbox (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue       text NOT NULL,
        job         text NOT NULL,
        payload     jsonb NOT NULL DEFAULT '{}',
        created_at  timestamptz NOT NULL DEFAULT now(),
        relayed_at  timestamptz,
        done_at     timestamptz,
        attempts    integer NOT NULL DEFAULT 0,
        last_error  text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE relayed_at IS NULL`);
    // Relayed but not done: relayed again after a while, in case Redis lost the job.
    await q.query(`CREATE INDEX outbox_undone_idx ON outbox (relayed_at) WHERE done_at IS NULL`);
    // Wakes the relay at once instead of waiting for its next poll.
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
                   FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);

    // Jobs that failed their last attempt, where a person will see them.
    await q.query(`
      CREATE TABLE failed_job (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue       text NOT NULL,
        job         text NOT NULL,
        job_id      text NOT NULL,
        payload     jsonb NOT NULL,
        error       text NOT NULL,
        attempts    integer NOT NULL,
        failed_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'failed_job',
      'outbox',
      'audit_log',
      'directory_stats',
      'lab',
      'inspector',
      'enterprise',
      'product_category',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_log_guard(), outbox_notify()`);
  }
}
