import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { sign } from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import type { Principal } from '@spotcheck/auth';
import { DEV_JWT_SECRET } from '@spotcheck/common';
import { QUEUES } from '@spotcheck/queue';
import { ADMIN, REGULATOR_HOHHOT, token } from './support/app';
import { until } from './support/own-servers';

/**
 * The queue board (Bull Board) of the running worker, at /queues on its HTTP port, against this
 * run's Redis: admins only, by the APIs' bearer tokens; every queue listed; a job that failed its
 * last attempt shown with its error, in failed_job and told to the admins.
 */
let worker: INestApplicationContext;
let http: Server;
let ds: DataSource;
let base: string;
let notifications: Queue;

beforeAll(async () => {
  const { startWorker } = await import('../apps/worker/src/main');
  ({ app: worker, server: http } = await startWorker(0));
  ds = worker.get(DataSource);
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  notifications = new Queue('notifications', {
    connection: { url: process.env.REDIS_URL },
    prefix: process.env.QUEUE_PREFIX,
  });
}, 60_000);
afterAll(async () => {
  await notifications?.close();
  await worker?.close();
});

type ErrorBody = { code: string; message: string };
const json = async (r: Response) => (await r.json()) as ErrorBody;

const as = (p: Principal | null, path: string, authorization?: string) =>
  fetch(`${base}${path}`, {
    headers: p ? { authorization: `Bearer ${token(p)}` } : authorization ? { authorization } : {},
  });

describe('the queue board', () => {
  it('answers 401 without a valid token and 403 to other roles, on its page, assets and API', async () => {
    const expired = `Bearer ${sign({ role: 'admin', exp: Math.floor(Date.now() / 1000) - 60 }, DEV_JWT_SECRET, { subject: 'a', issuer: 'spotcheck' })}`;
    for (const path of [
      '/queues',
      '/queues/',
      '/queues/api/queues',
      '/queues/static/favicon-32x32.png',
    ]) {
      const none = await as(null, path);
      expect([path, none.status, (await json(none)).code]).toEqual([path, 401, 'UNAUTHORIZED']);
      const old = await as(null, path, expired);
      expect([path, old.status, (await json(old)).message]).toEqual([path, 401, 'token expired']);
      const regulator = await as(REGULATOR_HOHHOT, path);
      expect([path, regulator.status, (await json(regulator)).code]).toEqual([
        path,
        403,
        'FORBIDDEN',
      ]);
    }
    // Health stays open.
    expect((await as(null, '/health/live')).status).toBe(200);
  });

  it("shows an admin the board's page and every queue", async () => {
    const page = await as(ADMIN, '/queues');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<base href="/queues/" />');
    expect(html).toContain('<title>Spotcheck</title>');
    // Its assets, relative to that base.
    const css = /href="(static\/css\/[^"]+\.css)"/.exec(html)![1];
    const asset = await as(ADMIN, `/queues/${css}`);
    expect([asset.status, asset.headers.get('content-type')]).toEqual([
      200,
      expect.stringContaining('text/css'),
    ]);

    const api = await as(ADMIN, '/queues/api/queues');
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual([...QUEUES].sort());
  });

  it('shows a job that failed its last attempt with its error, recorded and told to the admins', async () => {
    // A sample id that is no UUID: the notifier's query refuses it, every attempt.
    const job = await notifications.add(
      'notification.due',
      { sampleId: 'not-a-sample' },
      { jobId: `board-${process.pid}`, attempts: 2, backoff: { type: 'fixed', delay: 50 } },
    );
    await until(async () => (await job.isFailed()) === true, 'the job failed for good', 30_000);

    const api = await as(ADMIN, '/queues/api/queues?activeQueue=notifications&status=failed');
    const board = (await api.json()) as {
      queues: {
        name: string;
        jobs: { id: string; failedReason: string; stacktrace: string[] }[];
      }[];
    };
    const failed = board.queues
      .find((q) => q.name === 'notifications')!
      .jobs.find((j) => j.id === job.id);
    expect(failed?.failedReason).toContain('invalid input syntax for type uuid');
    expect(failed?.stacktrace.length).toBeGreaterThan(0);

    await until(
      async () =>
        (
          (await ds.query(`SELECT 1 FROM notification WHERE kind = 'job_failed' AND subject = $1`, [
            `notifications/${job.id}`,
          ])) as unknown[]
        ).length === 1,
      'the admins are told',
      10_000,
    );
    const [recorded] = (await ds.query(
      `SELECT job, attempts, error FROM failed_job WHERE job_id = $1`,
      [job.id],
    )) as { job: string; attempts: number; error: string }[];
    expect(recorded).toMatchObject({ job: 'notification.due', attempts: 2 });
    expect(recorded.error).toContain('invalid input syntax for type uuid');
  }, 60_000);
});
