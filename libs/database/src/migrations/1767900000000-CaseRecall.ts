import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Withdrawal and recall of a failed batch (下架 / 召回), docs/cases.md#recall. The holders of
 * the batch are read from the captured EPCIS events as they stand (nothing stored); what is
 * stored here:
 *
 * - `followup_case.recall_decision`: the manufacturer's decision about the batch ({decision:
 *   recall, withdraw or no_recall, reason, by, uscc, at}); a later decision replaces it, every
 *   one stays in the case's steps and the audit log.
 * - `recall_confirmation`: a holder's confirmation that it withdrew the batch, made through the
 *   API (one per case and holder enterprise). A confirmation by EPCIS is the holder's captured
 *   event of disposition `recalled` for the batch, read from `epcis_event`.
 */
export class CaseRecall1767900000000 implements MigrationInterface {
  name = 'CaseRecall1767900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE followup_case ADD COLUMN recall_decision jsonb
                     CHECK (jsonb_typeof(recall_decision) = 'object')`);
    await q.query(`
      CREATE TABLE recall_confirmation (
        case_id       uuid NOT NULL REFERENCES followup_case (id),
        uscc          text COLLATE "C" NOT NULL REFERENCES enterprise (uscc),
        confirmed_by  text NOT NULL,
        confirmed_at  timestamptz NOT NULL DEFAULT now(),
        note          text CHECK (length(note) BETWEEN 1 AND 2000),
        PRIMARY KEY (case_id, uscc)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS recall_confirmation`);
    await q.query(`ALTER TABLE followup_case DROP COLUMN IF EXISTS recall_decision`);
  }
}
