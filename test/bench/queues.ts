import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_JOB_OPTIONS, QUEUES } from '@spotcheck/queue';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A BullMQ key prefix of one benchmark run on the shared Redis (a hash tag, as QUEUE_PREFIX
 * must be), whose keys {@link dropPrefix} removes afterwards.
 */
export const benchPrefix = (name: string) => `{spotcheck-bench-${name}-${process.pid}}`;

/** A queue under `prefix`, with the job options the worker's queues have. */
export function benchQueue(prefix: string, name: string): Queue {
  return new Queue(name, {
    connection: { url: REDIS_URL },
    prefix,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
}

/** Every queue of the worker under `prefix`. */
export const workerQueues = (prefix: string) => QUEUES.map((q) => benchQueue(prefix, q));

/** Deletes every key under `prefix` (this run's queues only; nothing else in Redis is touched). */
export async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
