import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A drawn retest lab may refuse the backup (docs/rules.md §3.5): `objection.refusals` keeps
 * each refusal the regulator recorded, in order — `{ labId, reason, note, custodyState,
 * recordedBy, recordedAt, drawRecord }`, the draw record being the one that drew the refusing
 * lab, so every draw of the objection stays verifiable. The objection goes back to
 * `accepted` with the commitment of the next draw, which excludes every refusing lab.
 */
export class RetestRefusals1768000000000 implements MigrationInterface {
  name = 'RetestRefusals1768000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE objection ADD COLUMN IF NOT EXISTS refusals jsonb NOT NULL DEFAULT '[]'
        CHECK (jsonb_typeof(refusals) = 'array')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE objection DROP COLUMN IF EXISTS refusals`);
  }
}
