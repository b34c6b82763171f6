import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { dispatchJob, markOutboxDone, outboxIdOf } from '@spotcheck/queue';

/**
 * Runs a job's handler, then marks its outbox row done, so the relay stops handing it to
 * BullMQ again. Handlers are idempotent, so a job run twice (Redis lost the record of the
 * first run) changes nothing more.
 */
export async function runJob(processor: object, ds: DataSource, job: Job): Promise<unknown> {
  const result = await dispatchJob(processor, job);
  const outboxId = outboxIdOf(job.id);
  if (outboxId) await markOutboxDone(ds.manager, outboxId);
  return result;
}
