import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { dispatchJob, outboxIdOf } from '@spotcheck/queue';

/**
 * Runs a job's handler, then marks its outbox row done, so the relay stops handing it to
 * BullMQ again. Handlers are idempotent, so a job run twice (Redis lost the record of the
 * first run) changes nothing more.
 */
export async function runJob(processor: object, ds: DataSource, job: Job): Promise<unknown> {
  const result = await dispatchJob(processor, job);
  const outboxId = outboxIdOf(job.id);
  if (outboxId) {
    await ds.query(
      'UPDATE outbox SET done_at = clock_timestamp() WHERE id = $1 AND done_at IS NULL',
      [outboxId],
    );
  }
  return result;
}
