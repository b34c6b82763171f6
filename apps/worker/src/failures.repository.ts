import type { EntityManager } from 'typeorm';
import type { FailureHistory } from './outbox/failed-job-retry';

export interface FailedJobRow {
  queue: string;
  job: string;
  jobId: string;
  payload: unknown;
  error: string;
  attempts: number;
}

export async function insertFailedJob(m: EntityManager, row: FailedJobRow): Promise<void> {
  await m.query(
    'INSERT INTO failed_job (queue, job, job_id, payload, error, attempts) VALUES ($1, $2, $3, $4, $5, $6)',
    [row.queue, row.job, row.jobId, JSON.stringify(row.payload), row.error, row.attempts],
  );
}

/** Per job id: its recorded failures and how long since the latest, in database time. */
export async function failureHistories(
  m: EntityManager,
  jobIds: string[],
): Promise<Map<string, FailureHistory>> {
  if (jobIds.length === 0) return new Map();
  const rows = (await m.query(
    `SELECT job_id AS "jobId", count(*)::int AS failures,
            (extract(epoch FROM clock_timestamp() - max(failed_at)) * 1000)::float8 AS "sinceLastMs"
     FROM failed_job WHERE job_id = ANY($1::text[]) GROUP BY job_id`,
    [jobIds],
  )) as { jobId: string; failures: number; sinceLastMs: number }[];
  return new Map(rows.map((r) => [r.jobId, { failures: r.failures, sinceLastMs: r.sinceLastMs }]));
}

/** Notes on the job's latest failure that it was given another round. */
export async function markFailedJobRetried(m: EntityManager, jobId: string): Promise<void> {
  await m.query(
    `UPDATE failed_job SET retried_at = clock_timestamp()
     WHERE id = (SELECT id FROM failed_job WHERE job_id = $1 ORDER BY failed_at DESC, id DESC LIMIT 1)`,
    [jobId],
  );
}
