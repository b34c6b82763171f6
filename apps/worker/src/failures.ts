import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';

/** After the last attempt, the failure goes where a person will see it (failed_job). */
export async function recordFinalFailure(
  ds: DataSource,
  queue: string,
  job: Job | undefined,
  err: Error,
): Promise<void> {
  if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
  await ds.query(
    'INSERT INTO failed_job (queue, job, job_id, payload, error, attempts) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      queue,
      job.name,
      job.id ?? '',
      JSON.stringify(job.data ?? {}),
      err.stack ?? err.message,
      job.attemptsMade,
    ],
  );
}
