import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import type { Env } from '@spotcheck/common';
import { JobHandlerCheck } from './job-handler';
import { QUEUES } from './jobs';

/** Retries with backoff; completed jobs are kept a day so a re-relayed outbox id is ignored. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;

const queues = BullModule.registerQueue(
  ...QUEUES.map((name) => ({ name, defaultJobOptions: DEFAULT_JOB_OPTIONS })),
);

/** BullMQ on ioredis; used by the worker (APIs only write the outbox). */
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        connection: {
          url: config.get('REDIS_URL', { infer: true }),
          // BullMQ's default backs off to 20 s between reconnects; after an outage the
          // outbox should drain within seconds of Redis coming back.
          retryStrategy: (times: number) => Math.min(250 * times, 2000),
        },
        prefix: config.get('QUEUE_PREFIX', { infer: true }),
      }),
    }),
    queues,
  ],
  providers: [JobHandlerCheck],
  exports: [queues],
})
export class QueueModule {}
