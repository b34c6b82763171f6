import type { EntityManager } from 'typeorm';
import { JOB_QUEUE, JobName, JobPayloads } from './jobs';
import { insertOutboxRow } from './outbox.repository';

/**
 * Records async work in the caller's transaction, so it happens if and only if the write
 * commits. The worker's relay moves it to BullMQ; no request waits on Redis.
 */
export async function enqueue<J extends JobName>(
  manager: EntityManager,
  job: J,
  payload: JobPayloads[J],
): Promise<string> {
  return insertOutboxRow(manager, JOB_QUEUE[job], job, payload);
}
