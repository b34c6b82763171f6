import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { QUEUES, enqueue } from '@spotcheck/queue';
import { until } from './support/own-servers';

/**
 * BullMQ's scripts touch several keys of a queue at once, which Redis Cluster allows only when
 * they hash to one slot. Every key the worker makes carries the prefix as a hash tag (the first
 * `{…}` of a key is what Redis hashes), including a prefix configured without braces.
 */
const tag = `spotcheck-keys-${process.pid}`;
let worker: INestApplicationContext;
let ds: DataSource;
let redis: Redis;

const keysOf = async (pattern: string): Promise<string[]> => {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
};

beforeAll(async () => {
  process.env.QUEUE_PREFIX = tag;
  process.env.OUTBOX_POLL_MS = '100';
  process.env.AUDIT_SEAL_EVERY_MS = '200';
  redis = new Redis(process.env.REDIS_URL!);
  // Config is read when the modules load, so they load after the environment is set.
  const { startWorker } = await import('../apps/worker/src/main');
  worker = (await startWorker(0)).app;
  ds = worker.get(DataSource);
}, 60_000);

afterAll(async () => {
  await worker?.close();
  if (redis) {
    // This file's own prefix only.
    for (const key of await keysOf(`*${tag}*`)) await redis.del(key);
    redis.disconnect();
  }
});

it('keeps every key of every queue under the hash tag {QUEUE_PREFIX}', async () => {
  const ids = [
    await enqueue(ds.manager, 'directory.changed', { entity: 'catalog', count: 0 }),
    // A report nobody issued: the handler finds nothing to record, and says so.
    await enqueue(ds.manager, 'report.issued', {
      reportId: randomUUID(),
      sampleId: randomUUID(),
      labId: randomUUID(),
      version: 1,
    }),
  ];
  await until(
    async () =>
      (
        (await ds.query(
          'SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::bigint[]) AND done_at IS NOT NULL',
          [ids],
        )) as { n: number }[]
      )[0].n === ids.length,
    'the jobs ran',
    30_000,
  );
  // The audit seal's scheduler has run a few times, and every queue has keys.
  await until(async () => {
    const keys = await keysOf(`*${tag}*`);
    return QUEUES.every((q) => keys.some((k) => k.startsWith(`{${tag}}:${q}:`)));
  }, 'keys for every queue');

  const keys = await keysOf(`*${tag}*`);
  expect(keys.length).toBeGreaterThan(QUEUES.length);
  const untagged = keys.filter((k) => !k.startsWith(`{${tag}}:`));
  expect(untagged).toEqual([]);
  // What Redis Cluster hashes: the first {…} of the key, the same for all of them.
  const hashed = new Set(keys.map((k) => k.slice(k.indexOf('{') + 1, k.indexOf('}'))));
  expect([...hashed]).toEqual([tag]);
}, 60_000);
