import type { EntityManager } from 'typeorm';

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
