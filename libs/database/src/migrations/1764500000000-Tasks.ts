import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inspection tasks after the draw: the outcome of each task and the
 * history of its inspector pair.
 *
 * - `inspection_task` gains the outcome of its state machine (libs/domain task-state.ts):
 *   `unable_reason` exactly when the task is unable_to_sample, `violation` for a refusal (and
 *   always for one), a free-text `note` (the note of unable, the reason of a cancel), and who
 *   moved it out of `assigned` and when.
 * - `task_reassignment`: one append-only row per changed member of a pair (slot 1 or 2, old →
 *   new staff number; old is null when an unpaired task gets its pair). The draw and its record
 *   are never touched: the record says what was drawn, this table says what changed since.
 * - A GIN index on `inspectors` serves "tasks of inspector X" (`inspectors @> ARRAY[X]`),
 *   a btree index the plan's task list in task order, and a partial index the open tasks by
 *   due date (overdue lists, deadline reminders).
 */
export class Tasks1764500000000 implements MigrationInterface {
  name = 'Tasks1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE inspection_task
        ADD COLUMN unable_reason    text CHECK (unable_reason IN ('closed','no_product','refused')),
        ADD COLUMN note             text CHECK (length(note) BETWEEN 1 AND 1000),
        ADD COLUMN violation        boolean NOT NULL DEFAULT false,
        ADD COLUMN state_changed_at timestamptz,
        ADD COLUMN state_changed_by text,
        ADD CONSTRAINT inspection_task_unable_reason_state
            CHECK ((state = 'unable_to_sample') = (unable_reason IS NOT NULL)),
        ADD CONSTRAINT inspection_task_refusal_is_violation
            CHECK (unable_reason IS DISTINCT FROM 'refused' OR violation),
        ADD CONSTRAINT inspection_task_state_changed
            CHECK ((state = 'assigned') = (state_changed_at IS NULL)
                   AND (state_changed_at IS NULL) = (state_changed_by IS NULL))`);
    await q.query(
      `CREATE INDEX inspection_task_inspectors_idx ON inspection_task USING gin (inspectors)`,
    );
    await q.query(`CREATE INDEX inspection_task_plan_idx ON inspection_task (plan_id, task_no)`);
    await q.query(
      `CREATE INDEX inspection_task_open_due_idx ON inspection_task (due_date) WHERE state = 'assigned'`,
    );

    await q.query(`
      CREATE TABLE task_reassignment (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        task_id      uuid NOT NULL REFERENCES inspection_task (id),
        slot         smallint NOT NULL CHECK (slot IN (1, 2)),
        old_staff_no text CHECK (length(old_staff_no) BETWEEN 1 AND 64),
        new_staff_no text NOT NULL CHECK (length(new_staff_no) BETWEEN 1 AND 64),
        reason       text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        actor        text NOT NULL,
        at           timestamptz NOT NULL DEFAULT now(),
        CHECK (old_staff_no IS DISTINCT FROM new_staff_no)
      )`);
    await q.query(`CREATE INDEX task_reassignment_task_idx ON task_reassignment (task_id, id)`);
    // History is evidence (who was sent to the enterprise, and why not the drawn pair).
    await q.query(`
      CREATE FUNCTION task_reassignment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'task_reassignment is append-only (% refused)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER task_reassignment_append_only BEFORE UPDATE OR DELETE ON task_reassignment
                   FOR EACH ROW EXECUTE FUNCTION task_reassignment_guard()`);
    await q.query(`CREATE TRIGGER task_reassignment_no_truncate BEFORE TRUNCATE ON task_reassignment
                   FOR EACH STATEMENT EXECUTE FUNCTION task_reassignment_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS task_reassignment`);
    await q.query(`DROP FUNCTION IF EXISTS task_reassignment_guard()`);
    await q.query(`DROP INDEX IF EXISTS inspection_task_open_due_idx`);
    await q.query(`DROP INDEX IF EXISTS inspection_task_plan_idx`);
    await q.query(`DROP INDEX IF EXISTS inspection_task_inspectors_idx`);
    await q.query(`
      ALTER TABLE inspection_task
        DROP CONSTRAINT IF EXISTS inspection_task_state_changed,
        DROP CONSTRAINT IF EXISTS inspection_task_refusal_is_violation,
        DROP CONSTRAINT IF EXISTS inspection_task_unable_reason_state,
        DROP COLUMN IF EXISTS state_changed_by,
        DROP COLUMN IF EXISTS state_changed_at,
        DROP COLUMN IF EXISTS violation,
        DROP COLUMN IF EXISTS note,
        DROP COLUMN IF EXISTS unable_reason`);
  }
}
