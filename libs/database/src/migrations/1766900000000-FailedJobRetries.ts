import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job that failed its last attempt keeps its id in BullMQ, so relaying its outbox row again
 * does nothing; the relay gives it another round instead, spaced by the failures already
 * recorded. `retried_at` says when a failure was given that round; the index finds a job's
 * failures by its id.
 */
export class FailedJobRetries1766900000000 implements MigrationInterface {
  name = 'FailedJobRetries1766900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE failed_job ADD COLUMN retried_at timestamptz`);
    await q.query(`CREATE INDEX failed_job_job_id_idx ON failed_job (job_id, failed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX failed_job_job_id_idx`);
    await q.query(`ALTER TABLE failed_job DROP COLUMN retried_at`);
  }
}
