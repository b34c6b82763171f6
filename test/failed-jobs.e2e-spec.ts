import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { DirectoryStatsRepository } from '../apps/worker/src/directory/directory-stats.repository';
import { OwnRedis, until } from './support/own-servers';

/**
 * A job that fails every attempt (its handler's database was away for minutes, or the event
 * is one the handler cannot take) keeps its id in BullMQ, so its outbox row, relayed again
 * under that id, would never run. The relay gives such a job another round, spaced out while
 * it keeps failing, until it succeeds: the write's work happens, once. The handler here fails
 * on purpose for a while (the directory statistics recompute), on a Redis of the file's own.
 * Each failure is on record, and the admins get one notification of the job.
 */
let redis: OwnRedis;
let worker: INestApplicationContext;
let ds: DataSource;
let queue: Queue;
/** While true the recompute throws, as it would with PostgreSQL away. */
let failing = false;
/** Recomputes that succeeded for this file's outbox row: the work's effect. */
let effects = 0;
let ownRow: string | undefined;

beforeAll(async () => {
  redis = await OwnRedis.start();
  process.env.REDIS_URL = redis.url;
  process.env.OUTBOX_POLL_MS = '100';
  process.env.OUTBOX_REDELIVER_MS = '300';
  process.env.FAILED_JOB_RETRY_MS = '600';
  process.env.FAILED_JOB_RETRY_MAX_MS = '2400';
  // Config is read when the modules load, so they load after the environment is set.
  const { startWorker } = await import('../apps/worker/src/main');
  worker = (await startWorker(0)).app;
  ds = worker.get(DataSource);
  // Rows other test files left, which no worker ran for, are not this file's concern.
  await ds.query(
    'UPDATE outbox SET relayed_at = coalesce(relayed_at, now()), done_at = coalesce(done_at, now())',
  );
  const stats = worker.get(DirectoryStatsRepository, { strict: false });
  // The database is shared with whatever else runs: another process's directory change may be
  // relayed here too. Only a recompute for this file's outbox row is its effect; the handler
  // asks about that row in the same transaction just before it recomputes.
  const rowOf = new WeakMap<EntityManager, string>();
  const computedSinceRelayed = stats.computedSinceRelayed.bind(stats);
  jest
    .spyOn(stats, 'computedSinceRelayed')
    .mockImplementation(async (m: EntityManager, outboxId: string) => {
      rowOf.set(m, outboxId);
      return computedSinceRelayed(m, outboxId);
    });
  const recompute = stats.recompute.bind(stats);
  jest.spyOn(stats, 'recompute').mockImplementation(async (m: EntityManager) => {
    if (failing) throw new Error('connect ECONNREFUSED (the test keeps the database away)');
    const groups = await recompute(m);
    if (ownRow !== undefined && rowOf.get(m) === ownRow) effects += 1;
    return groups;
  });
  queue = new Queue('directory', {
    connection: { url: redis.url },
    prefix: process.env.QUEUE_PREFIX,
  });
}, 60_000);

afterAll(async () => {
  await queue?.close();
  await worker?.close();
  await redis?.stop();
});

const failuresOf = async (jobId: string) =>
  (await ds.query(
    'SELECT error, retried_at FROM failed_job WHERE job_id = $1 ORDER BY failed_at, id',
    [jobId],
  )) as { error: string; retried_at: Date | null }[];

const notificationsOf = async (jobId: string) =>
  (await ds.query(
    `SELECT audience, jurisdiction, detail FROM notification
      WHERE kind = 'job_failed' AND subject = $1`,
    [`directory/${jobId}`],
  )) as { audience: string; jurisdiction: string | null; detail: Record<string, unknown> }[];

describe('a job that failed its last attempt', () => {
  it('runs again, spaced out while it keeps failing, and does its work once when it can', async () => {
    failing = true;
    effects = 0;
    // A write's outbox row, relayed: what the relay leaves after handing it to BullMQ.
    const [row] = (await ds.query(
      `INSERT INTO outbox (queue, job, payload, relayed_at, attempts)
       VALUES ('directory', 'directory.changed', '{"entity":"enterprise","count":1}', clock_timestamp(), 1)
       RETURNING id::text`,
    )) as { id: string }[];
    ownRow = row.id;
    const jobId = `outbox-${row.id}`;
    // The relay's job, with two quick attempts instead of the queue's eight over two minutes.
    await queue.add(
      'directory.changed',
      { entity: 'enterprise', count: 1 },
      { jobId, attempts: 2, backoff: { type: 'fixed', delay: 50 } },
    );
    await until(async () => (await failuresOf(jobId)).length >= 1, 'the job failed for good');

    // The cause lasts 4 s. The job comes round again (first after 0.6 s, then 1.2 s, 2.4 s),
    // not at every redelivery (0.3 s), which would be ten rounds or more.
    await new Promise((r) => setTimeout(r, 4000));
    const whileFailing = await failuresOf(jobId);
    expect(whileFailing.length).toBeGreaterThanOrEqual(2);
    expect(whileFailing.length).toBeLessThanOrEqual(5);
    expect(whileFailing[0].error).toContain('the test keeps the database away');
    expect(whileFailing[0].retried_at).not.toBeNull();
    expect(effects).toBe(0);
    // The admins are told once, however many rounds fail.
    expect(await notificationsOf(jobId)).toEqual([
      {
        audience: 'admin',
        jurisdiction: null,
        detail: expect.objectContaining({
          queue: 'directory',
          job: 'directory.changed',
          jobId,
          attempts: 2,
          error: 'Error: connect ECONNREFUSED (the test keeps the database away)',
        }),
      },
    ]);

    failing = false;
    await until(
      async () =>
        (await ds.query('SELECT done_at FROM outbox WHERE id = $1', [row.id]))[0].done_at !== null,
      'the outbox row is done',
      30_000,
    );
    expect(effects).toBe(1);
    const [counts] = (await ds.query(
      `SELECT (SELECT count(*) FROM enterprise)::int AS directory,
              (SELECT coalesce(sum(enterprises), 0) FROM directory_stats)::int AS stats`,
    )) as { directory: number; stats: number }[];
    expect(counts.stats).toBe(counts.directory);

    // Done is done: later relays leave it alone, and the failures stay on record, each retried.
    await new Promise((r) => setTimeout(r, 1500));
    expect(effects).toBe(1);
    expect(await (await queue.getJob(jobId))?.getState()).toBe('completed');
    const after = await failuresOf(jobId);
    expect(after.length).toBeGreaterThanOrEqual(whileFailing.length);
    expect(after.every((f) => f.retried_at !== null)).toBe(true);
    expect(await notificationsOf(jobId)).toHaveLength(1);
  }, 90_000);
});
