import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task refers to its draw and plan by one composite foreign key, `(draw_id, plan_id)` →
 * `draw (id, plan_id)`, instead of one key each: a draw writes thousands of tasks at once,
 * and every key is a lookup and a row lock per task (about a tenth of a 10,000-task COPY for
 * this one). The plan is still guaranteed, through the draw's own key to its plan, and the
 * task's plan is now also its draw's plan.
 */
export class TaskDrawKey1765900000000 implements MigrationInterface {
  name = 'TaskDrawKey1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE draw ADD CONSTRAINT draw_id_plan_id_key UNIQUE (id, plan_id)`);
    await q.query(`ALTER TABLE inspection_task
                     ADD CONSTRAINT inspection_task_draw_plan_fkey
                       FOREIGN KEY (draw_id, plan_id) REFERENCES draw (id, plan_id),
                     DROP CONSTRAINT inspection_task_draw_id_fkey,
                     DROP CONSTRAINT inspection_task_plan_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inspection_task
                     ADD CONSTRAINT inspection_task_plan_id_fkey
                       FOREIGN KEY (plan_id) REFERENCES sampling_plan (id),
                     ADD CONSTRAINT inspection_task_draw_id_fkey
                       FOREIGN KEY (draw_id) REFERENCES draw (id),
                     DROP CONSTRAINT inspection_task_draw_plan_fkey`);
    await q.query(`ALTER TABLE draw DROP CONSTRAINT draw_id_plan_id_key`);
  }
}
