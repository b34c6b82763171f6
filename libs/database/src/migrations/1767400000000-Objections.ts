import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Objections (异议 / 复检申请) and retests, docs/rules.md §3.5; the rules are libs/domain's
 * objection.ts and draw/retest-lab.ts.
 *
 * `objection` — at most one per sample (`sample_id` unique: there is one backup, so one
 * retest), filed by the sampled enterprise (`uscc`) on its result notice (`notice_id`):
 * - what it contests: `items` (item codes among the notice's failed items), `reason`,
 *   `contact` ({name, phone, email?, address?}); `filed_by`, `filed_at`, `filed_on` (China
 *   Standard Time); the deadline it met, `objection_deadline` with its `deadline_rule` (the
 *   sector rule and version, libs/domain RuleRef); `jurisdiction`, the plan's, which decides;
 * - `decision_due` with its `decision_rule` (the sector's `objectionDecision` period from the
 *   filing day);
 * - `state`: filed → rejected, or filed → accepted → retest_drawn → concluded;
 * - the decision: `decided_by`, `decided_at`, `decided_on`, `decision_reason` (required for a
 *   rejection);
 * - the retest-lab draw: `commitment` (SHA-256 of the seed, recorded when accepting) and
 *   `committed_at`; then `seed`, `drawn_by`, `drawn_at`, `retest_lab_id` and `draw_record`
 *   (libs/domain RetestDrawRecord: everything needed to recompute it);
 * - the retest's conclusion: `retest_report_id` (the retest lab's issued report),
 *   `concluded_on`, `conclusion` (confirmed, overturned), `outcome` (fail, pass),
 *   `still_failing` (item codes);
 * - `fee_payer`: applicant from acceptance, regulator when the retest overturns the failure.
 * Checks tie each state to the columns it needs.
 *
 * `lab_report.objection_id` — set on a retest lab's report: the objection it concludes.
 */
export class Objections1767400000000 implements MigrationInterface {
  name = 'Objections1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE objection (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sample_id          uuid NOT NULL UNIQUE REFERENCES sample (id),
        notice_id          uuid NOT NULL REFERENCES result_notice (id),
        uscc               text COLLATE "C" NOT NULL REFERENCES enterprise (uscc),
        jurisdiction       text COLLATE "C" NOT NULL CHECK (octet_length(jurisdiction) = 6),
        items              text[] NOT NULL CHECK (cardinality(items) BETWEEN 1 AND 200),
        reason             text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        contact            jsonb NOT NULL CHECK (jsonb_typeof(contact) = 'object'),
        filed_by           text NOT NULL,
        filed_at           timestamptz NOT NULL DEFAULT now(),
        filed_on           date NOT NULL,
        objection_deadline date NOT NULL CHECK (filed_on <= objection_deadline),
        deadline_rule      jsonb CHECK (jsonb_typeof(deadline_rule) = 'object'),
        decision_due       date NOT NULL CHECK (decision_due >= filed_on),
        decision_rule      jsonb NOT NULL CHECK (jsonb_typeof(decision_rule) = 'object'),
        state              text NOT NULL
                           CHECK (state IN ('filed','rejected','accepted','retest_drawn','concluded')),
        decided_by         text,
        decided_at         timestamptz,
        decided_on         date,
        decision_reason    text CHECK (length(decision_reason) BETWEEN 1 AND 2000),
        commitment         text CHECK (commitment ~ '^[0-9a-f]{64}$'),
        committed_at       timestamptz,
        seed               text CHECK (length(seed) BETWEEN 16 AND 256),
        drawn_by           text,
        drawn_at           timestamptz,
        retest_lab_id      uuid REFERENCES lab (id),
        draw_record        jsonb CHECK (jsonb_typeof(draw_record) = 'object'),
        retest_report_id   uuid REFERENCES lab_report (id),
        concluded_on       date,
        conclusion         text CHECK (conclusion IN ('confirmed','overturned')),
        outcome            text CHECK (outcome IN ('pass','fail')),
        still_failing      text[],
        fee_payer          text CHECK (fee_payer IN ('applicant','regulator')),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'filed') = (decided_at IS NULL)),
        CHECK ((decided_at IS NULL) = (decided_by IS NULL) AND (decided_at IS NULL) = (decided_on IS NULL)),
        CHECK (state <> 'rejected' OR decision_reason IS NOT NULL),
        CHECK ((state IN ('accepted','retest_drawn','concluded')) = (commitment IS NOT NULL)),
        CHECK ((state IN ('retest_drawn','concluded'))
               = (seed IS NOT NULL AND drawn_at IS NOT NULL AND retest_lab_id IS NOT NULL
                  AND draw_record IS NOT NULL)),
        CHECK ((state = 'concluded')
               = (retest_report_id IS NOT NULL AND concluded_on IS NOT NULL
                  AND conclusion IS NOT NULL AND outcome IS NOT NULL)),
        CHECK ((state IN ('accepted','retest_drawn','concluded')) = (fee_payer IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX objection_jurisdiction_idx ON objection (jurisdiction, filed_at)`);
    await q.query(`CREATE INDEX objection_uscc_idx ON objection (uscc, filed_at)`);
    await q.query(
      `CREATE INDEX objection_open_idx ON objection (decision_due) WHERE state = 'filed'`,
    );
    await q.query(`ALTER TABLE lab_report ADD COLUMN objection_id uuid REFERENCES objection (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE lab_report DROP COLUMN IF EXISTS objection_id`);
    await q.query(`DROP TABLE IF EXISTS objection`);
  }
}
