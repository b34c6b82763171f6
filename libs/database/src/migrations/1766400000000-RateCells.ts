import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `rate_cell` — the qualification-rate facts (docs/rules.md §3.6): batches counted by outcome
 * at the finest grain rates are asked for (plan, category, county, enterprise size, stage,
 * month of sampling), from which any combination of dimensions is a sum. `jurisdiction` (the
 * plan's) and `sector` (the category's) ride along for filtering; they follow from the key.
 *
 * Derived from `sample_outcome` by the worker: a cell is recomputed from its outcomes whenever
 * one of them changes, and the whole table is rebuilt in one pass nightly and on demand. No
 * foreign keys: it is rebuilt wholesale and refers to nothing a reader follows.
 */
export class RateCells1766400000000 implements MigrationInterface {
  name = 'RateCells1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_cell (
        plan_id         uuid NOT NULL,
        category        text NOT NULL,
        region_code     text COLLATE "C" NOT NULL,
        enterprise_size text NOT NULL,
        stage           text NOT NULL,
        period_month    date NOT NULL,
        jurisdiction    text COLLATE "C" NOT NULL,
        sector          text NOT NULL,
        pass            integer NOT NULL CHECK (pass >= 0),
        fail            integer NOT NULL CHECK (fail >= 0),
        pending         integer NOT NULL CHECK (pending >= 0),
        excluded        integer NOT NULL CHECK (excluded >= 0),
        computed_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, category, region_code, enterprise_size, stage, period_month)
      )`);
    await q.query(
      `CREATE INDEX rate_cell_jurisdiction_idx ON rate_cell (jurisdiction, period_month)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rate_cell`);
  }
}
