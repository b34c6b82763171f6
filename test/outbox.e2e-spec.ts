import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { redisAnswers } from '@spotcheck/common';
import { completeUscc } from '@spotcheck/domain';
import { ADMIN, REGULATOR_HOHHOT, bearer, bootHttp } from './support/app';

/** A Redis of this test's own, so it can be killed and restarted without touching anyone else's. */
let redis: ChildProcess | undefined;
let port = 0;
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
async function startRedis(): Promise<void> {
  redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await until(() => redisAnswers(`redis://127.0.0.1:${port}`));
}
/** A killed process keeps exitCode null (it has a signalCode instead). */
const redisRunning = () => !!redis && redis.exitCode === null && redis.signalCode === null;
function stopRedis(): Promise<void> {
  return new Promise((resolve) => {
    if (!redis || !redisRunning()) return resolve();
    redis.once('exit', () => resolve());
    redis.kill('SIGKILL');
  });
}
async function until(check: () => Promise<boolean>, ms = 45_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

let api: NestFastifyApplication;
let worker: INestApplicationContext;
let ds: DataSource;

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  process.env.OUTBOX_POLL_MS = '100';
  process.env.OUTBOX_REDELIVER_MS = '20000';
  // Config is read when the modules load, so they load after the environment is set.
  const { InspectionTasksModule } = await import('../apps/inspection-tasks/src/app.module');
  const { startWorker } = await import('../apps/worker/src/main');
  api = await bootHttp(InspectionTasksModule);
  const started = await startWorker(0);
  worker = started.app;
  ds = api.get(DataSource);
  // Other test files share this database and leave outbox rows that no worker ran for; they
  // are not this file's concern, so they are set aside and the rows below are alone.
  await ds.query(
    'UPDATE outbox SET relayed_at = coalesce(relayed_at, now()), done_at = coalesce(done_at, now())',
  );
  await api.inject({
    method: 'POST',
    url: '/api/v1/catalog/categories',
    headers: bearer(ADMIN),
    payload: { code: 'OUTBOX-CAT', name: 'x', sector: 'food', items: [] },
  });
}, 60_000);
afterAll(async () => {
  // Closing BullMQ needs a Redis that answers.
  if (!redisRunning()) await startRedis();
  await worker?.close();
  await api?.close();
  await stopRedis();
});

const statsFor = async (region: string) =>
  (
    (await ds.query(
      'SELECT coalesce(sum(enterprises), 0)::int AS n FROM directory_stats WHERE region_code = $1',
      [region],
    )) as { n: number }[]
  )[0].n;

describe('outbox relay', () => {
  it('keeps writes working while Redis is down and does the work once Redis is back', async () => {
    await stopRedis();
    const region = '150125';
    const uscc = completeUscc('91150125MA0QUTBX1');
    const res = await api.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: {
        uscc,
        name: '断线期间写入',
        regionCode: region,
        size: 'small',
        riskClass: 'C',
        categories: ['OUTBOX-CAT'],
      },
    });
    expect(res.statusCode).toBe(201);
    // The newest row by its number: ordered as text, "9" would come after "23".
    const [row] = await ds.query(
      `SELECT max(id)::text AS id FROM outbox WHERE job = 'directory.changed'`,
    );
    // Longer than the relay's Redis timeout, so it gives up once, notes why, and retries.
    await until(
      async () =>
        (await ds.query('SELECT last_error FROM outbox WHERE id = $1', [row.id]))[0].last_error !==
        null,
    );
    const [pending] = await ds.query('SELECT relayed_at FROM outbox WHERE id = $1', [row.id]);
    expect(pending.relayed_at).toBeNull();
    expect(await statsFor(region)).toBe(0);

    await startRedis();
    // done_at is set by the worker once this row's own job has run.
    await until(
      async () =>
        (await ds.query('SELECT done_at FROM outbox WHERE id = $1', [row.id]))[0].done_at !== null,
    );
    expect(await statsFor(region)).toBe(1);
    const [relayed] = await ds.query('SELECT relayed_at, attempts FROM outbox WHERE id = $1', [
      row.id,
    ]);
    expect(relayed.relayed_at).not.toBeNull();
    expect(relayed.attempts).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('relays again a job that Redis lost after it was relayed', async () => {
    // A row relayed an hour ago whose job never ran: what a Redis restart without
    // persistence leaves behind.
    const [row] = await ds.query(
      `INSERT INTO outbox (queue, job, payload, relayed_at, attempts)
       VALUES ('directory', 'directory.changed', '{"entity":"enterprise","count":0}', now() - interval '1 hour', 1)
       RETURNING id::text`,
    );
    await until(
      async () =>
        (await ds.query('SELECT done_at FROM outbox WHERE id = $1', [row.id]))[0].done_at !== null,
    );
    const [after] = await ds.query('SELECT attempts FROM outbox WHERE id = $1', [row.id]);
    expect(after.attempts).toBe(2);
  }, 60_000);

  it('relaying the same row twice makes one job (job id = outbox id)', async () => {
    // A write of its own, relayed and done, so the test needs nothing an earlier one left.
    const res = await api.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: {
        uscc: completeUscc('91150125MA0QUTBX3'),
        name: '重复投递',
        regionCode: '150125',
        size: 'small',
        riskClass: 'C',
        categories: ['OUTBOX-CAT'],
      },
    });
    expect(res.statusCode).toBe(201);
    const [row] = await ds.query(
      `SELECT max(id)::text AS id FROM outbox WHERE job = 'directory.changed'`,
    );
    await until(
      async () =>
        (await ds.query('SELECT done_at FROM outbox WHERE id = $1', [row.id]))[0].done_at !== null,
    );
    const queue = new Queue('directory', {
      connection: { url: process.env.REDIS_URL },
      prefix: process.env.QUEUE_PREFIX,
    });
    try {
      // Count only once the queue is idle, so no unrelated job completes in between.
      await until(async () => {
        const c = await queue.getJobCounts('active', 'waiting', 'delayed');
        return c.active + c.waiting + c.delayed === 0;
      });
      const before = await queue.getJobCounts(
        'completed',
        'active',
        'waiting',
        'delayed',
        'failed',
      );
      await ds.query('UPDATE outbox SET relayed_at = NULL WHERE id = $1', [row.id]);
      await until(
        async () =>
          (await ds.query('SELECT relayed_at FROM outbox WHERE id = $1', [row.id]))[0]
            .relayed_at !== null,
      );
      await new Promise((r) => setTimeout(r, 300));
      const after = await queue.getJobCounts('completed', 'active', 'waiting', 'delayed', 'failed');
      expect(after).toEqual(before);
      expect(await queue.getJob(`outbox-${row.id}`)).toBeDefined();
    } finally {
      await queue.close();
    }
  }, 30_000);
});
