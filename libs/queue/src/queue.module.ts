import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import type { Env } from '@spotcheck/common';
import { JobHandlerCheck } from './job-handler';
import { QUEUES } from './jobs';
import { QueueConnection, QueueConnectionModule } from './queue-connection';

/** Retries with backoff; completed jobs are kept a day so a re-relayed outbox id is ignored. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
} as const;

/**
 * Every processor's worker options. A worker that dies (SIGKILL, a lost machine) keeps its
 * active jobs locked until the lock expires, and another worker (or the same one restarted)
 * takes them up at its next stall check: with a 10 s lock (renewed every 5 s while the job runs)
 * and a check every 5 s that is within 15 s, against about a minute with BullMQ's defaults. Jobs
 * here are short database work; a handler that blocked the event loop for 10 s would lose its
 * lock and run again, which idempotent handlers allow.
 */
export const WORKER_OPTIONS = { lockDuration: 10_000, stalledInterval: 5_000 } as const;

const queues = BullModule.registerQueue(
  ...QUEUES.map((name) => ({ name, defaultJobOptions: DEFAULT_JOB_OPTIONS })),
);

/** BullMQ on ioredis; used by the worker (APIs only write the outbox). */
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      imports: [QueueConnectionModule],
      inject: [ConfigService, QueueConnection],
      useFactory: (config: ConfigService<Env, true>, connection: QueueConnection) => ({
        connection: connection.options,
        prefix: config.get('QUEUE_PREFIX', { infer: true }),
      }),
    }),
    queues,
  ],
  providers: [JobHandlerCheck],
  exports: [queues],
})
export class QueueModule {}
