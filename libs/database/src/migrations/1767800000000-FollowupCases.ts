import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-up of final failures (后处理), docs/cases.md; the rules are libs/domain's
 * followup-case.ts.
 *
 * `followup_case` — exactly one per final failure (`sample_id` unique; the worker opens it from
 * `outcome.finalized` and its sweep, `ON CONFLICT DO NOTHING`):
 * - whose it is: `jurisdiction` (the plan's, which follows it up), `uscc` (the sampled
 *   enterprise, which rectifies), `manufacturer_uscc` (the nominal manufacturer, which may read
 *   it), `task_id` (the original task), `final_on` (the day the failure became final);
 * - `state` (opened, ordered, reported, reinspecting, reinspected, escalated, closed,
 *   withdrawn) and `escalation_level` (0–3: announcement, suspension, revocation recommended);
 * - the correction order in force: `ordered_by`, `ordered_at`, `ordered_on`, `order_text`,
 *   `deadline` (the `deadline_days`-th working day after `ordered_on`) and `deadline_basis`
 *   (how it was counted, with the sector rule if one applied);
 * - the rectification report: `report_text`, `attachments` ([{sha256, name, mediaType,
 *   size}], the bytes in the attachment store by SHA-256), `reported_by`, `reported_at`,
 *   `reported_on`;
 * - `reinspection_task_id`: the re-inspection (复查) task, linked to the original by
 *   `inspection_task.reinspection_of`;
 * - the closing decision: `closed_by`, `closed_at`, `closed_on`, `closing_reason`, `result`.
 *
 * `followup_case_step` — every step of every case in order (`seq` per case): the event, the
 * states before and after, the rung reached by an escalation, when (`occurred_at`, and the day
 * in China), who decided (`actor`, `actor_role`; `system:followup` for what the worker found)
 * and why (`reason`), with the step's details.
 *
 * `inspection_task.reinspection_of` — set on a re-inspection task: the task whose failure it
 * re-inspects. No foreign key: a draw copies thousands of tasks at once (ADR 0023's reasoning),
 * and a re-inspection task is only ever written by the case that names both.
 */
export class FollowupCases1767800000000 implements MigrationInterface {
  name = 'FollowupCases1767800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inspection_task ADD COLUMN reinspection_of uuid
                     CHECK (reinspection_of <> id)`);
    await q.query(`
      CREATE TABLE followup_case (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sample_id             uuid NOT NULL UNIQUE REFERENCES sample (id),
        task_id               uuid NOT NULL REFERENCES inspection_task (id),
        jurisdiction          text COLLATE "C" NOT NULL CHECK (octet_length(jurisdiction) = 6),
        uscc                  text COLLATE "C" NOT NULL REFERENCES enterprise (uscc),
        manufacturer_uscc     text COLLATE "C",
        final_on              date,
        state                 text NOT NULL DEFAULT 'opened'
                              CHECK (state IN ('opened','ordered','reported','reinspecting',
                                               'reinspected','escalated','closed','withdrawn')),
        escalation_level      integer NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 3),
        opened_at             timestamptz NOT NULL DEFAULT now(),
        ordered_by            text,
        ordered_at            timestamptz,
        ordered_on            date,
        order_text            text CHECK (length(order_text) BETWEEN 1 AND 4000),
        deadline              date CHECK (deadline >= ordered_on),
        deadline_days         integer CHECK (deadline_days BETWEEN 1 AND 180),
        deadline_basis        jsonb CHECK (jsonb_typeof(deadline_basis) = 'object'),
        report_text           text CHECK (length(report_text) BETWEEN 1 AND 20000),
        attachments           jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attachments) = 'array'),
        reported_by           text,
        reported_at           timestamptz,
        reported_on           date,
        reinspection_task_id  uuid UNIQUE REFERENCES inspection_task (id),
        closed_by             text,
        closed_at             timestamptz,
        closed_on             date,
        closing_reason        text CHECK (length(closing_reason) BETWEEN 1 AND 4000),
        result                text CHECK (result IN ('rectified','revocation_recommended')),
        withdrawn_at          timestamptz,
        updated_at            timestamptz NOT NULL DEFAULT now(),
        CHECK (CASE state WHEN 'opened' THEN ordered_at IS NULL
                          WHEN 'withdrawn' THEN true
                          ELSE ordered_at IS NOT NULL END),
        CHECK ((ordered_at IS NULL) = (deadline IS NULL)
               AND (ordered_at IS NULL) = (ordered_by IS NULL)
               AND (ordered_at IS NULL) = (order_text IS NULL)),
        CHECK (state NOT IN ('reported','reinspecting','reinspected') OR reported_at IS NOT NULL),
        CHECK (state NOT IN ('reinspecting','reinspected') OR reinspection_task_id IS NOT NULL),
        CHECK ((state = 'closed') = (closed_at IS NOT NULL AND closed_by IS NOT NULL
                                     AND closing_reason IS NOT NULL AND result IS NOT NULL)),
        CHECK ((state = 'withdrawn') = (withdrawn_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX followup_case_jurisdiction_idx ON followup_case (jurisdiction)`);
    await q.query(`CREATE INDEX followup_case_uscc_idx ON followup_case (uscc)`);
    await q.query(
      `CREATE INDEX followup_case_manufacturer_idx ON followup_case (manufacturer_uscc)
        WHERE manufacturer_uscc IS NOT NULL`,
    );
    // The sweep's missed deadlines.
    await q.query(
      `CREATE INDEX followup_case_ordered_deadline_idx ON followup_case (deadline)
        WHERE state = 'ordered'`,
    );
    await q.query(`
      CREATE TABLE followup_case_step (
        case_id      uuid NOT NULL REFERENCES followup_case (id),
        seq          integer NOT NULL CHECK (seq >= 1),
        event        text NOT NULL,
        from_state   text,
        to_state     text NOT NULL,
        escalation   text CHECK (escalation IN ('announcement','suspension','revocation_recommended')),
        level        integer NOT NULL CHECK (level BETWEEN 0 AND 3),
        occurred_at  timestamptz NOT NULL DEFAULT now(),
        occurred_on  date NOT NULL,
        actor        text NOT NULL,
        actor_role   text NOT NULL,
        reason       text,
        detail       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object'),
        PRIMARY KEY (case_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS followup_case_step`);
    await q.query(`DROP TABLE IF EXISTS followup_case`);
    await q.query(`ALTER TABLE inspection_task DROP COLUMN IF EXISTS reinspection_of`);
  }
}
