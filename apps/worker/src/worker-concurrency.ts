import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService } from '@nestjs/core';
import type { Env } from '@spotcheck/common';
import type { QueueName } from '@spotcheck/queue';

/** The queues a stream of issued reports goes through: one job per report on each. */
export const STREAM_QUEUES: readonly QueueName[] = ['reports', 'outcomes', 'rates'];

/**
 * Runs WORKER_CONCURRENCY jobs at once on each of {@link STREAM_QUEUES}, set once the
 * processors' BullMQ workers exist (the processors' decorators cannot read the configuration).
 * The handlers are safe to run side by side, as they are in two workers at once: they lock
 * what they decide (samples, rate cells) in one order. The other queues keep one at a time.
 */
@Injectable()
export class WorkerConcurrency implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  onApplicationBootstrap(): void {
    const n = this.config.get('WORKER_CONCURRENCY', { infer: true });
    for (const wrapper of this.discovery.getProviders()) {
      const host = wrapper.instance as unknown;
      if (!(host instanceof WorkerHost)) continue;
      const worker = host.worker;
      if (worker && (STREAM_QUEUES as string[]).includes(worker.name)) worker.concurrency = n;
    }
  }
}
