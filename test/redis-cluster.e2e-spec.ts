import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { DataSource } from 'typeorm';
import { recordAudit } from '@spotcheck/common';
import { enqueue } from '@spotcheck/queue';
import { OwnRedisCluster, redisCliCanCreateClusters, until } from './support/own-servers';

/**
 * The worker on a real Redis Cluster of three masters the test starts itself: BullMQ's
 * scripts touch several keys of a queue at once, which the cluster refuses (CROSSSLOT) unless
 * they hash to one slot. With REDIS_CLUSTER on, the queues connect to the cluster, and the
 * hash tag of QUEUE_PREFIX keeps all their keys in one slot, on one node.
 */
const supported = redisCliCanCreateClusters();
const SKIPPED =
  'skipped: this redis-cli has no --cluster (Redis 5 or later), so no cluster can be made';
const tag = `spotcheck-cluster-${process.pid}`;

let cluster: OwnRedisCluster | undefined;
let worker: INestApplicationContext | undefined;
let health = '';
let ds: DataSource;

beforeAll(async () => {
  if (!supported) return console.warn(`Redis Cluster test ${SKIPPED}`);
  cluster = await OwnRedisCluster.start(3);
  process.env.REDIS_URL = cluster.url;
  process.env.REDIS_CLUSTER = 'true';
  process.env.QUEUE_PREFIX = tag;
  process.env.OUTBOX_POLL_MS = '100';
  process.env.AUDIT_SEAL_EVERY_MS = '200';
  // Config is read when the modules load, so they load after the environment is set.
  const { startWorker } = await import('../apps/worker/src/main');
  const started = await startWorker(0);
  worker = started.app;
  health = `http://127.0.0.1:${(started.server.address() as AddressInfo).port}/health/ready`;
  ds = worker.get(DataSource);
  // Rows other test files left, which no worker ran for, are not this file's concern.
  await ds.query(
    'UPDATE outbox SET relayed_at = coalesce(relayed_at, now()), done_at = coalesce(done_at, now())',
  );
}, 90_000);

afterAll(async () => {
  await worker?.close();
  await cluster?.stop();
});

describe('on a Redis Cluster', () => {
  it('refuses a queue whose keys have no hash tag: the cluster checks slots', async () => {
    if (!cluster) return console.warn(SKIPPED);
    const connection = new Cluster([{ host: '127.0.0.1', port: cluster.ports[0] }], {
      redisOptions: { maxRetriesPerRequest: null },
    });
    const untagged = new Queue('directory', { connection, prefix: 'spotcheck-untagged' });
    try {
      await expect(untagged.add('directory.changed', {})).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await untagged.close();
      connection.disconnect();
    }
  });

  it('runs the worker: jobs relayed from the outbox and done, every key in the tag’s slot', async () => {
    if (!cluster) return console.warn(SKIPPED);
    const ids = [
      await enqueue(ds.manager, 'directory.changed', { entity: 'catalog', count: 0 }),
      await enqueue(ds.manager, 'directory.changed', { entity: 'lab', count: 0 }),
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
      'the outbox jobs ran on the cluster',
      30_000,
    );
    // A job scheduler's jobs run too: the audit seal chains a new audit row.
    await recordAudit(ds.manager, { sub: 'cluster-test', role: 'admin' }, [
      { action: 'probe', entityType: 'redis_cluster', entityId: tag, before: null, after: {} },
    ]);
    await until(
      async () =>
        (
          (await ds.query(
            `SELECT chain_pos IS NOT NULL AS sealed FROM audit_log WHERE entity_id = $1`,
            [tag],
          )) as { sealed: boolean }[]
        )[0]?.sealed === true,
      'the audit row is sealed',
      30_000,
    );

    const c = cluster;
    const slot = Number(c.cli(c.ports[0], 'CLUSTER', 'KEYSLOT', `{${tag}}:directory:meta`));
    const holders = c.ports.filter(
      (p) => Number(c.cli(p, 'CLUSTER', 'COUNTKEYSINSLOT', String(slot))) > 0,
    );
    expect(holders).toHaveLength(1);
    const keys = c.cli(holders[0], '--scan', '--pattern', `*${tag}*`).split('\n').filter(Boolean);
    expect(keys.length).toBeGreaterThan(5);
    expect(keys.filter((k) => !k.startsWith(`{${tag}}:`))).toEqual([]);
    for (const p of c.ports.filter((p) => p !== holders[0]))
      expect(c.cli(p, '--scan', '--pattern', `*${tag}*`).trim()).toBe('');

    const ready = await fetch(health);
    expect(ready.status).toBe(200);
  }, 60_000);
});
