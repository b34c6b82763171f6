import type { EntityManager } from 'typeorm';
import { JOB_QUEUE, JobName, JobPayloads } from './jobs';

/**
 * Records async work in the caller's transaction, so it happens if and only if the write
 * commits. The worker's relay moves it to BullMQ; no request waits on Redis.
 */
export async function enqueue<J extends JobName>(
  manager: EntityManager,
  job: J,
  payload: JobPayloads[J],
): Promise<string> {
  const [row] = (await manager.query(
    'INSERT INTO outbox (queue, job, payload) VALUES ($1, $2, $3) RETURNING id',
    [JOB_QUEUE[job], job, JSON.stringify(payload)],
  )) as { id: string }[];
  return row.id;
}
