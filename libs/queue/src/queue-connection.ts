import { Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ConnectionOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import type { Env } from '@spotcheck/common';

/** BullMQ's default backs off to 20 s; after an outage the outbox should drain within seconds. */
const retry = (times: number) => Math.min(250 * times, 2000);

/**
 * What BullMQ connects with: REDIS_URL's server, or with REDIS_CLUSTER on, the Redis Cluster
 * REDIS_URL is a node of (ioredis finds the other nodes from it and follows slots as they
 * move). Every key of every queue lives in one slot (QUEUE_PREFIX is a hash tag), as BullMQ's
 * multi-key scripts need.
 */
export function queueConnection(url: string, cluster: boolean): ConnectionOptions {
  if (!cluster) return { url, retryStrategy: retry };
  const u = new URL(url);
  return new Cluster([{ host: u.hostname, port: Number(u.port || 6379) }], {
    clusterRetryStrategy: retry,
    redisOptions: {
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
      // BullMQ's workers block on their connections; it requires this of them.
      maxRetriesPerRequest: null,
    },
  });
}

/**
 * The queues' connection, made once. A cluster client is one instance all queues and workers
 * share (BullMQ duplicates it for each worker's blocking reads), so it is closed here, after
 * the queues and workers that use it (this module is deeper than theirs, and Nest shuts the
 * deepest down last).
 */
@Injectable()
export class QueueConnection implements OnApplicationShutdown {
  readonly options: ConnectionOptions;

  constructor(config: ConfigService<Env, true>) {
    this.options = queueConnection(
      config.get('REDIS_URL', { infer: true }),
      config.get('REDIS_CLUSTER', { infer: true }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.options instanceof Cluster) await this.options.quit().catch(() => undefined);
  }
}

@Module({ providers: [QueueConnection], exports: [QueueConnection] })
export class QueueConnectionModule {}
