import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService } from '@nestjs/core';
import type { Env } from '@spotcheck/common';
import type { QueueName } from '@spotcheck/queue';

/** The queues a stream of issued reports goes through: one job per report on each. */
export const STREAM_QUEUES: readonly QueueName[] = ['reports', 'outcomes', 'rates'];

/**
 * Of {@link STREAM_QUEUES}, those whose stream jobs are handled in batches (apps/worker's
 * `JobBatcher`): they hold WORKER_BATCH_SIZE jobs at once, which wait for the batch they join
 * without a database connection of their own.
 */
export const BATCHED_QUEUES: readonly QueueName[] = ['reports', 'rates'];

/**
 * Runs WORKER_CONCURRENCY jobs at once on the `outcomes` queue, and holds WORKER_BATCH_SIZE
 * on {@link BATCHED_QUEUES}, set once the processors' BullMQ workers exist (the processors'
 * decorators cannot read the configuration). The handlers are safe to run side by side, as
 * they are in two workers at once: they lock what they decide (samples, rate cells) in one
 * order. The other queues keep one at a time.
 */
@Injectable()
export class WorkerConcurrency implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onApplicationBootstrap(): void {
    const n = this.config.get('WORKER_CONCURRENCY', { infer: true });
    const batch = this.config.get('WORKER_BATCH_SIZE', { infer: true });
    for (const wrapper of this.discovery.getProviders()) {
      const host = wrapper.instance as unknown;
      if (!(host instanceof WorkerHost)) continue;
      const worker = host.worker;
      if (!worker || !(STREAM_QUEUES as string[]).includes(worker.name)) continue;
      worker.concurrency = (BATCHED_QUEUES as string[]).includes(worker.name)
        ? Math.max(n, batch)
        : n;
    }
  }
}
