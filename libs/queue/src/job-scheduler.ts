import type { Queue } from 'bullmq';
import type { JobName, JobPayloads } from './jobs';

/**
 * A job BullMQ adds on a schedule, under a fixed scheduler id: every `everyMs`, or at the times
 * of a cron `pattern` (in the time zone `tz`).
 */
export type JobSchedulerSpec<J extends JobName = JobName> = {
  id: string;
  job: J;
  data: JobPayloads[J];
  opts?: { removeOnComplete?: number; removeOnFail?: number };
} & ({ everyMs: number } | { pattern: string; tz?: string });

interface Log {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Upserts the scheduler now, and again each time the queue's Redis connection becomes ready.
 * A scheduler lives only in Redis: a Redis restarted without its data (or replaced by a
 * replica that never had it) has forgotten it, and nothing else would add it back. Upserting
 * an existing scheduler changes nothing. Returns a function that stops watching.
 */
export async function keepJobScheduler<J extends JobName>(
  queue: Queue,
  spec: JobSchedulerSpec<J>,
  log: Log,
): Promise<() => void> {
  const upsert = () =>
    queue.upsertJobScheduler(
      spec.id,
      'everyMs' in spec ? { every: spec.everyMs } : { pattern: spec.pattern, tz: spec.tz },
      { name: spec.job, data: spec.data, opts: spec.opts },
    );
  const backend = queue.getBackend();
  const onReady = () => {
    upsert().then(
      () => log.log(`job scheduler ${spec.id} in place (Redis connection ready)`),
      // The connection went away again; its next 'ready' tries again.
      (e: Error) => log.warn(`job scheduler ${spec.id} not set up: ${e.message}`),
    );
  };
  backend.on('ready', onReady);
  await upsert();
  return () => backend.off('ready', onReady);
}
