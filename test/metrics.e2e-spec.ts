import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  AppConfigModule,
  AppLoggingModule,
  MetricsModule,
  UNMATCHED_ROUTE,
} from '@spotcheck/common';
import { QUEUES, enqueue, outboxLag } from '@spotcheck/queue';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../apps/lab-results/src/app.module';
import { PublicPortalModule } from '../apps/public-portal/src/app.module';
import { QUEUE_STATES } from '../apps/worker/src/metrics/worker-metrics.service';
import { bootHttp } from './support/app';
import { until } from './support/own-servers';
import { PromSample, parseProm, series, valueOf } from './support/prometheus';

/**
 * Every app serves Prometheus metrics at /metrics: request latency by route template in the
 * HTTP apps, queue sizes, job durations and the outbox relay's lag in the worker, and the
 * process series everywhere. Each is scraped before and after some requests or jobs.
 */
const DURATION = 'http_request_duration_seconds';

const scrapeHttp = async (app: NestFastifyApplication): Promise<PromSample[]> => {
  const r = await app.inject({ method: 'GET', url: '/metrics' });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseProm(r.body);
};

/** Requests that each app answers by one route template, whatever the id in the URL. */
const APPS = [
  {
    name: 'inspection-tasks',
    module: InspectionTasksModule,
    url: () => `/api/v1/plans/${randomUUID()}`,
    route: '/api/v1/plans/:id',
  },
  {
    name: 'lab-results',
    module: LabResultsModule,
    url: () => `/api/v1/lab/reports/${randomUUID()}`,
    route: '/api/v1/lab/reports/:id',
  },
  {
    name: 'public-portal',
    module: PublicPortalModule,
    url: () => `/api/v1/public/draws/${randomUUID()}/verification`,
    route: '/api/v1/public/draws/:id/verification',
  },
] as const;

describe.each(APPS)('/metrics of $name', ({ module, url, route }) => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await bootHttp(module);
  });
  afterAll(() => app.close());

  it('counts requests by method, route template and status class, with their latency', async () => {
    const before = await scrapeHttp(app);
    const urls = [url(), url(), url()];
    for (const u of urls) {
      // Refused (no token) or not found: a 4xx either way, routed by the same template.
      const r = await app.inject({ method: 'GET', url: u });
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
    }
    await app.inject({ method: 'GET', url: '/health/live' });
    await app.inject({ method: 'GET', url: `/no/such/route/${randomUUID()}` });
    const after = await scrapeHttp(app);

    const labels = { method: 'GET', route, status_class: '4xx' };
    const count = (s: PromSample[]) => valueOf(s, `${DURATION}_count`, labels);
    expect(count(after) - count(before)).toBe(3);
    expect(valueOf(after, `${DURATION}_bucket`, { ...labels, le: '+Inf' })).toBe(count(after));
    const seconds =
      valueOf(after, `${DURATION}_sum`, labels) - valueOf(before, `${DURATION}_sum`, labels);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(30);
    const live = { method: 'GET', route: '/health/live', status_class: '2xx' };
    expect(
      valueOf(after, `${DURATION}_count`, live) - valueOf(before, `${DURATION}_count`, live),
    ).toBe(1);
    const unmatched = { method: 'GET', route: UNMATCHED_ROUTE, status_class: '4xx' };
    expect(valueOf(after, `${DURATION}_count`, unmatched)).toBeGreaterThanOrEqual(1);
    // The earlier scrape itself is counted, under its own route.
    expect(
      valueOf(after, `${DURATION}_count`, {
        route: '/metrics',
        method: 'GET',
        status_class: '2xx',
      }),
    ).toBeGreaterThanOrEqual(1);

    // Bounded cardinality: no label carries an id a client sent.
    const routes = new Set(series(after, `${DURATION}_count`).map((s) => s.labels.route));
    for (const u of urls) expect(routes.has(u)).toBe(false);
    for (const r of routes) expect(r).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('has the process series', async () => {
    const s = await scrapeHttp(app);
    expect(valueOf(s, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(s, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(1_000_000);
    expect(series(s, 'nodejs_eventloop_lag_seconds')).toHaveLength(1);
  });
});

describe('/metrics with METRICS_TOKEN set', () => {
  const token = `metrics-${randomUUID()}`;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    const saved = process.env.METRICS_TOKEN;
    process.env.METRICS_TOKEN = token;
    try {
      // The configuration is read when AppConfigModule.forRoot() is called.
      @Module({ imports: [AppConfigModule.forRoot(), AppLoggingModule, MetricsModule] })
      class Guarded {}
      app = await bootHttp(Guarded);
    } finally {
      if (saved === undefined) delete process.env.METRICS_TOKEN;
      else process.env.METRICS_TOKEN = saved;
    }
  });
  afterAll(() => app.close());

  it('answers the bearer of the token, and 401 to anyone else', async () => {
    const ok = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toMatch(/^process_cpu_user_seconds_total /m);
    for (const authorization of [undefined, 'Bearer wrong', token]) {
      const r = await app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      });
      expect([r.statusCode, r.headers['www-authenticate']]).toEqual([401, 'Bearer']);
      expect(r.json()).toMatchObject({
        code: 'UNAUTHORIZED',
        message: expect.stringMatching(/METRICS_TOKEN/),
      });
    }
  });
});

describe('/metrics of the worker', () => {
  let worker: INestApplicationContext;
  let ds: DataSource;
  let base: string;
  let directory: Queue;

  beforeAll(async () => {
    process.env.OUTBOX_POLL_MS = '100';
    const { startWorker } = await import('../apps/worker/src/main');
    const started = await startWorker(0);
    worker = started.app;
    base = `http://127.0.0.1:${(started.server.address() as AddressInfo).port}`;
    ds = worker.get(DataSource);
    directory = new Queue('directory', {
      connection: { url: process.env.REDIS_URL },
      prefix: process.env.QUEUE_PREFIX,
    });
  }, 60_000);
  afterAll(async () => {
    await directory?.close();
    await worker?.close();
  });

  const scrape = async (): Promise<PromSample[]> => {
    const r = await fetch(`${base}/metrics`);
    expect(r.status).toBe(200);
    return parseProm(await r.text());
  };
  const JOB = 'spotcheck_job_duration_seconds';

  it('times each job by queue, name and outcome, and reports queue sizes by state', async () => {
    const before = await scrape();
    const done = { queue: 'directory', job: 'directory.changed', outcome: 'completed' };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(await enqueue(ds.manager, 'directory.changed', { entity: 'catalog', count: 0 }));
    await until(
      async () =>
        (
          (await ds.query(
            'SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::bigint[]) AND done_at IS NOT NULL',
            [ids],
          )) as { n: number }[]
        )[0].n === 3,
      'the three jobs ran',
      30_000,
    );
    // A job no handler takes fails its only attempt.
    const failing = await directory.add('metrics.no-such-job', {}, { attempts: 1 });
    await until(async () => (await failing.getState()) === 'failed', 'the job failed', 30_000);

    const after = await scrape();
    const count = (s: PromSample[], labels: Record<string, string>) =>
      valueOf(s, `${JOB}_count`, labels);
    // 'completed' comes just after the job marked its outbox row done. Jobs other test files
    // left in this run's queues may run here too: at least these three.
    await until(async () => count(await scrape(), done) - count(before, done) >= 3, 'three timed');
    const seconds = valueOf(after, `${JOB}_sum`, done);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(60);
    expect(
      count(after, { queue: 'directory', job: 'other', outcome: 'failed' }),
    ).toBeGreaterThanOrEqual(1);

    const sizes = series(after, 'spotcheck_queue_jobs');
    for (const queue of QUEUES)
      for (const state of QUEUE_STATES)
        expect([
          queue,
          state,
          series(sizes, 'spotcheck_queue_jobs', { queue, state }).length,
        ]).toEqual([queue, state, 1]);
    expect(
      valueOf(after, 'spotcheck_queue_jobs', { queue: 'directory', state: 'failed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, 'spotcheck_metrics_source_up', { source: 'redis' })).toBe(1);
    expect(valueOf(after, 'spotcheck_metrics_source_up', { source: 'postgres' })).toBe(1);
    expect(series(after, 'spotcheck_outbox_unrelayed_rows')).toHaveLength(1);
    expect(series(after, 'spotcheck_outbox_oldest_unrelayed_age_seconds')).toHaveLength(1);
    expect(valueOf(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);

    await failing.remove();
    await ds.query('DELETE FROM failed_job WHERE job_id = $1', [failing.id]);
  }, 60_000);

  it('reads the outbox lag: rows not relayed, and the age of the next one', async () => {
    const q = ds.createQueryRunner();
    await q.startTransaction();
    try {
      // Seen only inside this transaction, which the relay cannot take from: rows waiting for
      // it are set aside, and two rows written, the older first.
      await q.query('UPDATE outbox SET relayed_at = now() WHERE relayed_at IS NULL');
      expect(await outboxLag(q.manager)).toEqual({ unrelayed: 0, oldestAgeSeconds: 0 });
      await q.query(
        `INSERT INTO outbox (queue, job, payload, created_at)
         VALUES ('directory', 'directory.changed', '{"entity":"catalog","count":0}', now() - interval '90 seconds'),
                ('directory', 'directory.changed', '{"entity":"catalog","count":0}', now())`,
      );
      const lag = await outboxLag(q.manager);
      expect(lag.unrelayed).toBe(2);
      expect(lag.oldestAgeSeconds).toBeGreaterThanOrEqual(90);
      expect(lag.oldestAgeSeconds).toBeLessThan(120);
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });
});
