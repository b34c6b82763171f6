import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Env } from '@spotcheck/common';
import {
  QUEUES,
  QueueName,
  claimNewOutboxRows,
  claimUndoneOutboxRows,
  listenForOutbox,
  markOutboxRelayed,
  noteOutboxRelayFailed,
  outboxJobId,
} from '@spotcheck/queue';

const BATCH = 500;
/** Longest a relay waits for Redis before giving the rows back and retrying later. */
const REDIS_TIMEOUT_MS = 5000;

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`Redis did not answer in ${ms} ms`)), ms).unref(),
    ),
  ]);

/**
 * Moves committed outbox rows to BullMQ. Job id = outbox id, so a row relayed twice (crash
 * between add and commit) is one job. Rows are claimed with SKIP LOCKED so several workers
 * can relay at once. While Redis is down rows stay pending and the relay backs off.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private listener?: Client;
  private running = false;
  private wake?: () => void;
  private loop?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const name of QUEUES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      // While Redis is away its connection reports errors; the relay's own retries handle them.
      queue.on('error', (e) => this.logger.warn(`queue ${name}: ${e.message}`));
      this.queues.set(name, queue);
    }
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** LISTEN for inserts so work starts at once; polling remains the safety net. */
  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.get('DATABASE_URL', { infer: true }),
    });
    client.on('error', (e) => this.logger.warn(`outbox listener: ${e.message}`));
    client.on('notification', () => this.wake?.());
    try {
      await client.connect();
      await listenForOutbox(client);
      this.listener = client;
    } catch (e) {
      this.logger.warn(`outbox LISTEN unavailable, polling only: ${(e as Error).message}`);
    }
  }

  private async run(): Promise<void> {
    const poll = this.config.get('OUTBOX_POLL_MS', { infer: true });
    let backoff = poll;
    while (this.running) {
      try {
        const n = await this.relayOnce();
        backoff = poll;
        // Only a full batch of new rows goes round again at once; redeliveries wait their turn.
        if (n === BATCH) continue;
      } catch (e) {
        backoff = Math.min(backoff * 2, 10_000);
        this.logger.warn(`outbox relay paused ${backoff} ms: ${(e as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, backoff);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  /**
   * Relays one batch; returns how many new rows it moved (redeliveries not counted). Throws
   * (after noting it) when Redis fails.
   */
  async relayOnce(): Promise<number> {
    const outcome = await this.ds.transaction(async (m) => {
      // New rows first: a backlog of rows waiting to be redelivered must not starve them.
      const rows = await claimNewOutboxRows(m, BATCH);
      let redelivered = 0;
      if (rows.length < BATCH) {
        const before = rows.length;
        rows.push(
          ...(await claimUndoneOutboxRows(
            m,
            BATCH - rows.length,
            this.config.get('OUTBOX_REDELIVER_MS', { infer: true }),
          )),
        );
        redelivered = rows.length - before;
      }
      if (rows.length === 0) return { moved: 0 };
      const fresh = Math.min(rows.length, BATCH) - redelivered;
      const ids = rows.map((r) => r.id);
      try {
        for (const name of new Set(rows.map((r) => r.queue))) {
          const queue = this.queues.get(name);
          if (!queue) throw new Error(`outbox row for unknown queue ${name}`);
          const jobs = rows
            .filter((r) => r.queue === name)
            .map((r) => ({ name: r.job, data: r.payload, opts: { jobId: outboxJobId(r.id) } }));
          await withTimeout(queue.addBulk(jobs), REDIS_TIMEOUT_MS);
        }
      } catch (e) {
        // Rows stay pending; the attempt is noted in the same transaction that holds their locks.
        await noteOutboxRelayFailed(m, ids, (e as Error).message);
        return { moved: 0, error: e as Error };
      }
      await markOutboxRelayed(m, ids);
      return { moved: fresh };
    });
    if (outcome.error) throw outcome.error;
    return outcome.moved;
  }
}
