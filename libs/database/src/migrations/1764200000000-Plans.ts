import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sampling plans (抽查计划), docs/rules.md §3.2: the plan and its seed commitment.
 *
 * - `jurisdiction` is a GB/T 2260 code in the "C" collation (prefix scoping by btree), or
 *   '000000' for a national plan.
 * - `ratios` maps each credit-risk class to integer basis points (300 = 3 %); the plan keeps
 *   the full set it uses, defaults included.
 * - The commitment is set exactly once, by the commit transition: a plan past draft (other
 *   than one cancelled from draft) has one, a draft has none, and a trigger refuses any
 *   change to the commitment, witness or commit time once recorded.
 */
export class Plans1764200000000 implements MigrationInterface {
  name = 'Plans1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sampling_plan (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code                   text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
        title                  text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        level                  text NOT NULL CHECK (level IN ('national','provincial','prefecture')),
        jurisdiction           text COLLATE "C" NOT NULL CHECK (octet_length(jurisdiction) = 6),
        year                   integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        categories             text[] NOT NULL CHECK (cardinality(categories) >= 1),
        stages                 text[] NOT NULL
                               CHECK (cardinality(stages) >= 1
                                      AND stages <@ ARRAY['production','distribution','online']::text[]),
        ratios                 jsonb NOT NULL CHECK (jsonb_typeof(ratios) = 'object'),
        stratify_by_prefecture boolean NOT NULL DEFAULT false,
        max_tasks              integer CHECK (max_tasks >= 1),
        sampling_deadline      date,
        report_deadline        date,
        state                  text NOT NULL DEFAULT 'draft'
                               CHECK (state IN ('draft','committed','drawn','sampling','closed','cancelled')),
        commitment             text CHECK (commitment ~ '^[0-9a-f]{64}$'),
        witness                text CHECK (length(witness) BETWEEN 1 AND 200),
        committed_at           timestamptz,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        version                integer NOT NULL DEFAULT 1,
        CHECK ((commitment IS NULL) = (committed_at IS NULL)),
        CHECK (witness IS NULL OR commitment IS NOT NULL),
        CHECK (state <> 'draft' OR commitment IS NULL),
        CHECK (state IN ('draft','cancelled') OR commitment IS NOT NULL),
        CHECK (report_deadline IS NULL OR sampling_deadline IS NULL OR report_deadline >= sampling_deadline)
      )`);
    await q.query(
      `CREATE INDEX sampling_plan_jurisdiction_idx ON sampling_plan (jurisdiction, year, code)`,
    );
    await q.query(`
      CREATE FUNCTION sampling_plan_commitment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.commitment IS NOT NULL AND (
             NEW.commitment IS DISTINCT FROM OLD.commitment
          OR NEW.witness IS DISTINCT FROM OLD.witness
          OR NEW.committed_at IS DISTINCT FROM OLD.committed_at) THEN
          RAISE EXCEPTION 'sampling_plan %: the seed commitment cannot change once recorded', OLD.code
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER sampling_plan_commitment_fixed BEFORE UPDATE ON sampling_plan
                   FOR EACH ROW EXECUTE FUNCTION sampling_plan_commitment_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sampling_plan`);
    await q.query(`DROP FUNCTION IF EXISTS sampling_plan_commitment_guard()`);
  }
}
