import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The draw of a sampling plan and the inspection tasks it creates (docs/rules.md §3.2).
 *
 * - `draw`: one per plan (`plan_id` unique), keeping the full record as returned by the
 *   domain's runDraw, from which anyone can recompute the draw (docs/draw-algorithm.md).
 * - `draw_exclusion`: why an enterprise (per category) was left out of the eligible set.
 * - `inspection_task`: one per selection, numbered as in the record (`task_no`).
 */
export class Draws1764300000000 implements MigrationInterface {
  name = 'Draws1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE draw (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id           uuid NOT NULL UNIQUE REFERENCES sampling_plan (id),
        algorithm_version text NOT NULL,
        seed              text NOT NULL,
        commitment        text NOT NULL CHECK (commitment ~ '^[0-9a-f]{64}$'),
        eligible_digest   text NOT NULL CHECK (eligible_digest ~ '^[0-9a-f]{64}$'),
        strata            jsonb NOT NULL CHECK (jsonb_typeof(strata) = 'array'),
        record            jsonb NOT NULL CHECK (jsonb_typeof(record) = 'object'),
        drawn_at          timestamptz NOT NULL DEFAULT now(),
        drawn_by          text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE draw_exclusion (
        draw_id  uuid NOT NULL REFERENCES draw (id),
        uscc     text COLLATE "C" NOT NULL,
        category text NOT NULL,
        reason   text NOT NULL,
        PRIMARY KEY (draw_id, uscc, category)
      )`);
    await q.query(`
      CREATE TABLE inspection_task (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id     uuid NOT NULL REFERENCES sampling_plan (id),
        draw_id     uuid NOT NULL REFERENCES draw (id),
        task_no     integer NOT NULL CHECK (task_no >= 1),
        uscc        text COLLATE "C" NOT NULL REFERENCES enterprise (uscc),
        category    text NOT NULL,
        inspectors  text[] CHECK (inspectors IS NULL
                                  OR (cardinality(inspectors) = 2 AND inspectors[1] <> inspectors[2])),
        lab_id      uuid REFERENCES lab (id),
        unassigned  jsonb,
        due_date    date,
        state       text NOT NULL DEFAULT 'assigned'
                    CHECK (state IN ('assigned','sampled','unable_to_sample','cancelled')),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        UNIQUE (draw_id, task_no)
      )`);
    // Exclusions and previous pairs look tasks up by enterprise.
    await q.query(`CREATE INDEX inspection_task_uscc_idx ON inspection_task (uscc, category)`);
    await q.query(
      `CREATE INDEX inspection_task_lab_idx ON inspection_task (lab_id) WHERE lab_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS inspection_task`);
    await q.query(`DROP TABLE IF EXISTS draw_exclusion`);
    await q.query(`DROP TABLE IF EXISTS draw`);
  }
}
