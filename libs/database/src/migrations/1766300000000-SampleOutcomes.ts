import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `sample_outcome` — the final outcome of each sample with an issued report (docs/rules.md
 * §3.6), kept by the worker from the reports, notices and (later) objections: decided by
 * libs/domain's `decideOutcome` and written only when the decision changes (`revision` counts
 * the changes, so whoever builds on an outcome can tell that it moved).
 *
 * The columns before `lab_id` are what rates group by, copied from the sample, its plan, its
 * category and its enterprise when the first report is issued and never moved afterwards, so
 * that a sample always counts in one place: the plan's jurisdiction, the category and its
 * sector, the county where it was sampled (the sampling record's place), the enterprise's size
 * then, the stage, and the month of sampling.
 *
 * `decides_at`: when a pending outcome is decided again without anything else happening (the
 * start of the day after the objection deadline, China time); the worker's delayed job and its
 * sweep both look here.
 */
export class SampleOutcomes1766300000000 implements MigrationInterface {
  name = 'SampleOutcomes1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sample_outcome (
        sample_id          uuid PRIMARY KEY REFERENCES sample (id),
        plan_id            uuid NOT NULL REFERENCES sampling_plan (id),
        jurisdiction       text COLLATE "C" NOT NULL CHECK (octet_length(jurisdiction) = 6),
        category           text NOT NULL,
        sector             text NOT NULL,
        region_code        text COLLATE "C" NOT NULL CHECK (octet_length(region_code) = 6),
        enterprise_size    text NOT NULL CHECK (enterprise_size IN ('large','medium','small','micro')),
        stage              text NOT NULL CHECK (stage IN ('production','distribution','online')),
        period_month       date NOT NULL CHECK (extract(day FROM period_month) = 1),
        lab_id             uuid NOT NULL REFERENCES lab (id),
        report_id          uuid NOT NULL REFERENCES lab_report (id),
        version            integer NOT NULL CHECK (version >= 1),
        verdict            text NOT NULL CHECK (verdict IN ('pass','fail','not_applicable')),
        outcome            text NOT NULL CHECK (outcome IN ('pending','pass','fail','excluded')),
        basis              text NOT NULL CHECK (length(basis) BETWEEN 1 AND 40),
        standing_since     integer NOT NULL CHECK (standing_since BETWEEN 1 AND version),
        objection_deadline date,
        final_on           date,
        decides_at         timestamptz,
        revision           integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
        decided_at         timestamptz NOT NULL DEFAULT now(),
        CHECK (decides_at IS NULL OR outcome = 'pending'),
        CHECK (outcome = 'pending' OR final_on IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX sample_outcome_due_idx ON sample_outcome (decides_at) WHERE decides_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX sample_outcome_cell_idx ON sample_outcome (plan_id, category, region_code, enterprise_size, stage, period_month)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sample_outcome`);
  }
}
