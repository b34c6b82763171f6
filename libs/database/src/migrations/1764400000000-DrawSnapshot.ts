import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Large draws (a million enterprises, as the draw benchmark runs).
 *
 * - `draw.eligible`: the eligible list as the compact snapshot text of
 *   libs/domain/src/draw/snapshot.ts, kept out of the jsonb record (35 MB of text instead of
 *   80 MB of jsonb for a million enterprises). STORAGE EXTERNAL: stored out of line but not
 *   compressed, because compressing it would cost more than writing it.
 *   Existing draws move their `record.eligible` into it.
 * - `draw_exclusion.code` and `.by_plan_id`: why, in a form a client can translate, and the
 *   plan whose task caused the exclusion.
 * - `sampling_plan.max_tasks_per_inspector`: the workload cap of the plan's draw.
 */
export class DrawSnapshot1764400000000 implements MigrationInterface {
  name = 'DrawSnapshot1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE draw ADD COLUMN eligible text`);
    await q.query(`ALTER TABLE draw ALTER COLUMN eligible SET STORAGE EXTERNAL`);
    await q.query(`
      UPDATE draw d SET eligible = coalesce((
               SELECT string_agg(concat_ws(E'\\t', x->>'uscc', x->>'riskClass',
                                           coalesce(x->>'prefecture', ''),
                                           (SELECT string_agg(c, ',' ORDER BY c COLLATE "C")
                                              FROM jsonb_array_elements_text(x->'categories') c)),
                                 E'\\n' ORDER BY x->>'uscc' COLLATE "C")
                 FROM jsonb_array_elements(d.record->'eligible') x), ''),
             record = d.record - 'eligible'`);
    await q.query(`ALTER TABLE draw ALTER COLUMN eligible SET NOT NULL`);

    await q.query(`
      ALTER TABLE draw_exclusion
        ADD COLUMN code text NOT NULL DEFAULT 'RECENTLY_CHECKED'
          CHECK (code IN ('RECENTLY_CHECKED', 'HIGHER_LEVEL_PLAN')),
        ADD COLUMN by_plan_id uuid REFERENCES sampling_plan (id)`);
    await q.query(`ALTER TABLE draw_exclusion ALTER COLUMN code DROP DEFAULT`);

    await q.query(`
      ALTER TABLE sampling_plan
        ADD COLUMN max_tasks_per_inspector integer CHECK (max_tasks_per_inspector >= 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sampling_plan DROP COLUMN max_tasks_per_inspector`);
    await q.query(`ALTER TABLE draw_exclusion DROP COLUMN by_plan_id, DROP COLUMN code`);
    await q.query(`ALTER TABLE draw DROP COLUMN eligible`);
  }
}
