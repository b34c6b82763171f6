import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import { notifiedError } from '@spotcheck/domain';
import { FailedJobRow, insertFailedJob } from './failures.repository';
import { NotificationRepository } from './notifications/notification.repository';

const logger = new Logger('FailedJobs');
const notifications = new NotificationRepository();

/**
 * Records a job that failed its last attempt in `failed_job` and tells the admins, in `m`'s
 * transaction: one `job_failed` notification per queue and job id, however many rounds the
 * job fails (each is a `failed_job` row).
 */
export async function recordJobFailure(m: EntityManager, row: FailedJobRow): Promise<void> {
  await insertFailedJob(m, row);
  await notifications.raise(m, [
    {
      kind: 'job_failed',
      subject: `${row.queue}/${row.jobId}`,
      audience: 'admin',
      jurisdiction: null,
      addressee: null,
      dueOn: null,
      detail: {
        queue: row.queue,
        job: row.job,
        jobId: row.jobId,
        attempts: row.attempts,
        error: notifiedError(row.error),
      },
    },
  ]);
}

/**
 * After the last attempt, the failure goes where a person will see it (failed_job, and a
 * notification to the admins). If PostgreSQL is what failed, the record cannot be written
 * either: that is logged, and the outbox relay records the failure when it gives the job
 * another round.
 */
export async function recordFinalFailure(
  ds: DataSource,
  queue: string,
  job: Job | undefined,
  err: Error,
): Promise<void> {
  if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
  try {
    await ds.transaction((m) =>
      recordJobFailure(m, {
        queue,
        job: job.name,
        jobId: job.id ?? '',
        payload: job.data ?? {},
        error: err.stack ?? err.message,
        attempts: job.attemptsMade,
      }),
    );
  } catch (e) {
    logger.error(
      `job ${job.id} (${job.name}) failed its last attempt (${err.message}); not recorded: ${(e as Error).message}`,
    );
  }
}
