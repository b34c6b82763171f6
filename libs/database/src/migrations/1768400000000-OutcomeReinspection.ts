import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `sample_outcome.reinspection` — the sample is a re-inspection's (复查, its task has
 * `reinspection_of`), fixed with the other dimensions when its first report is issued. A
 * re-inspection decides its follow-up case (docs/cases.md); it is no random spot check, so the
 * qualification rates (`rate_cell`) leave it out (ADR 0027). Existing outcomes take the flag
 * from their tasks here; the next full recompute of the rates (nightly, or on demand) removes
 * them from the cells.
 */
export class OutcomeReinspection1768400000000 implements MigrationInterface {
  name = 'OutcomeReinspection1768400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE sample_outcome ADD COLUMN IF NOT EXISTS reinspection boolean NOT NULL DEFAULT false`,
    );
    await q.query(`
      UPDATE sample_outcome o SET reinspection = true
        FROM sample s JOIN inspection_task t ON t.id = s.task_id
       WHERE s.id = o.sample_id AND t.reinspection_of IS NOT NULL AND NOT o.reinspection`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sample_outcome DROP COLUMN IF EXISTS reinspection`);
  }
}
