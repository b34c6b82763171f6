import { WorkerHost, getQueueToken } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bullmq';
import { Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { Metrics } from '@spotcheck/common';
import { JOB_NAMES, OutboxLag, QUEUES, QueueName, outboxLag } from '@spotcheck/queue';

/** The job states whose sizes are reported; `completed` is only what removeOnComplete keeps. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Job duration buckets, in seconds: from a seal of a few rows to a full rates recompute. */
const JOB_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** Longest a scrape waits for Redis or PostgreSQL; a series it could not read is left out. */
const SOURCE_TIMEOUT_MS = 2000;

interface Sample {
  queues?: Map<QueueName, Record<string, number>>;
  lag?: OutboxLag;
}

const withTimeout = <T>(p: Promise<T>, what: string): Promise<T> =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer in ${SOURCE_TIMEOUT_MS} ms`)),
        SOURCE_TIMEOUT_MS,
      ).unref(),
    ),
  ]);

const settled = <T>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);

/**
 * The worker's series beside the process ones: queue sizes by queue and state, job durations
 * by queue, job name and outcome, and the outbox relay's lag. Sizes and lag are read when
 * Prometheus scrapes, so they cost nothing between scrapes; `spotcheck_metrics_source_up` says
 * whether Redis and PostgreSQL answered that scrape.
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap {
  private readonly queues = new Map<QueueName, Queue>();
  private reading?: Promise<Sample>;
  private readonly jobDuration: Histogram<'queue' | 'job' | 'outcome'>;

  constructor(
    private readonly metrics: Metrics,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
  ) {
    const registers = [metrics.registry];
    this.jobDuration = new Histogram({
      name: 'spotcheck_job_duration_seconds',
      help: 'Time a job attempt ran, from taken to finished, by queue, job name and outcome (completed, or failed: retried while attempts remain)',
      labelNames: ['queue', 'job', 'outcome'] as const,
      buckets: JOB_BUCKETS,
      registers,
    });
    const queueJobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'spotcheck_queue_jobs',
      help: 'Jobs in each queue by state (waiting, active, delayed, failed), read at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers,
      collect: async () => {
        queueJobs.reset();
        for (const [queue, counts] of (await this.sample()).queues ?? [])
          for (const state of QUEUE_STATES) queueJobs.set({ queue, state }, counts[state] ?? 0);
      },
    });
    const unrelayed: Gauge = new Gauge({
      name: 'spotcheck_outbox_unrelayed_rows',
      help: 'Outbox rows committed and not yet handed to BullMQ',
      registers,
      collect: async () => {
        unrelayed.reset();
        const lag = (await this.sample()).lag;
        if (lag) unrelayed.set(lag.unrelayed);
      },
    });
    const oldest: Gauge = new Gauge({
      name: 'spotcheck_outbox_oldest_unrelayed_age_seconds',
      help: 'Age of the next outbox row the relay will hand to BullMQ (0 when none waits)',
      registers,
      collect: async () => {
        oldest.reset();
        const lag = (await this.sample()).lag;
        if (lag) oldest.set(lag.oldestAgeSeconds);
      },
    });
    const up: Gauge<'source'> = new Gauge({
      name: 'spotcheck_metrics_source_up',
      help: 'Whether the source answered this scrape (redis: queue sizes; postgres: outbox lag)',
      labelNames: ['source'] as const,
      registers,
      collect: async () => {
        const s = await this.sample();
        up.set({ source: 'redis' }, s.queues ? 1 : 0);
        up.set({ source: 'postgres' }, s.lag ? 1 : 0);
      },
    });
  }

  onApplicationBootstrap(): void {
    for (const name of QUEUES)
      this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    for (const wrapper of this.discovery.getProviders()) {
      const host: unknown = wrapper.instance;
      if (!(host instanceof WorkerHost)) continue;
      host.worker.on('completed', (job: Job) => this.observe(job, 'completed'));
      host.worker.on('failed', (job: Job | undefined) => job && this.observe(job, 'failed'));
    }
  }

  private observe(job: Job, outcome: 'completed' | 'failed'): void {
    if (job.processedOn === undefined) return;
    const ms = (job.finishedOn ?? Date.now()) - job.processedOn;
    this.jobDuration.observe(
      {
        queue: job.queueName,
        job: (JOB_NAMES as string[]).includes(job.name) ? job.name : 'other',
        outcome,
      },
      Math.max(0, ms) / 1000,
    );
  }

  /**
   * One reading of Redis and PostgreSQL, shared by the gauges of a scrape (prom-client collects
   * them at once) and by scrapes that overlap; the next scrape reads again.
   */
  private sample(): Promise<Sample> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<Sample> {
    const [queues, lag] = await Promise.all([
      settled(withTimeout(this.readQueues(), 'Redis')),
      settled(withTimeout(outboxLag(this.ds.manager), 'PostgreSQL')),
    ]);
    return { queues, lag };
  }

  private async readQueues(): Promise<Map<QueueName, Record<string, number>>> {
    const entries = await Promise.all(
      [...this.queues].map(
        async ([name, queue]) => [name, await queue.getJobCounts(...QUEUE_STATES)] as const,
      ),
    );
    return new Map(entries);
  }
}
