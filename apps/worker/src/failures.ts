import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { insertFailedJob } from './failures.repository';

/** After the last attempt, the failure goes where a person will see it (failed_job). */
export async function recordFinalFailure(
  ds: DataSource,
  queue: string,
  job: Job | undefined,
  err: Error,
): Promise<void> {
  if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
  await insertFailedJob(ds.manager, {
    queue,
    job: job.name,
    jobId: job.id ?? '',
    payload: job.data ?? {},
    error: err.stack ?? err.message,
    attempts: job.attemptsMade,
  });
}
