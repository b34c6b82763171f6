import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import type { Env } from '@spotcheck/common';
import {
  QUEUES,
  QueueName,
  claimNewOutboxRows,
  claimUndoneOutboxRows,
  deferOutboxRows,
  markOutboxRelayed,
  noteOutboxRelayFailed,
  OutboxRow,
  outboxJobId,
} from '@spotcheck/queue';
import { recordJobFailure } from '../failures';
import { failureHistories, markFailedJobRetried } from '../failures.repository';
import { FailureHistory, failedJobRetryDue } from './failed-job-retry';
import { OutboxListener, OutboxListenState } from './outbox-listener';

const BATCH = 500;
/** Longest a relay waits for Redis before giving the rows back and retrying later. */
const REDIS_TIMEOUT_MS = 5000;

/**
 * How long after a job's last attempt the relay waits for the worker's own `failed_job`
 * record before writing one itself (the worker could not, e.g. PostgreSQL was down); longer
 * than any clock difference between machines.
 */
const FAILURE_RECORD_GRACE_MS = 60_000;

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
  private listener?: OutboxListener;
  private running = false;
  private wake?: () => void;
  /** A notification came while a batch was being relayed: go round again without waiting. */
  private notified = false;
  private loop?: Promise<void>;
  /** When the relay last looked for relayed rows whose job has not finished. */
  private lookedForUndoneAt = 0;

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
    // LISTEN for inserts so work starts at once; polling remains the safety net.
    this.listener = new OutboxListener(
      this.config.get('DATABASE_URL', { infer: true }),
      () => {
        this.notified = true;
        this.wake?.();
      },
      this.logger,
      this.config.get('OUTBOX_POLL_MS', { infer: true }),
    );
    await this.listener.start();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.stop();
  }

  /** Whether inserts wake the relay at once, or it finds them only by polling. */
  listenState(): OutboxListenState {
    return this.listener?.state() ?? { listening: false, attempts: 0 };
  }

  private async run(): Promise<void> {
    const poll = this.config.get('OUTBOX_POLL_MS', { infer: true });
    const gather = this.config.get('OUTBOX_GATHER_MS', { infer: true });
    let backoff = poll;
    while (this.running) {
      this.notified = false;
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
          // A notification: the rows of the commits that follow it go in the same round.
          if (this.running && gather > 0) setTimeout(resolve, gather);
          else resolve();
        };
        if (this.notified) this.wake();
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
      const fresh = await claimNewOutboxRows(m, BATCH);
      // Rows are redelivered only after OUTBOX_REDELIVER_MS (minutes): looking for them once a
      // poll interval is soon enough, and spares a statement in each round a notification wakes.
      const poll = this.config.get('OUTBOX_POLL_MS', { infer: true });
      const lookAgain = fresh.length < BATCH && Date.now() - this.lookedForUndoneAt >= poll;
      if (lookAgain) this.lookedForUndoneAt = Date.now();
      const again = lookAgain
        ? await claimUndoneOutboxRows(
            m,
            BATCH - fresh.length,
            this.config.get('OUTBOX_REDELIVER_MS', { infer: true }),
          )
        : [];
      if (fresh.length + again.length === 0) return { moved: 0 };
      // A row whose job failed its last attempt waits its turn (failedJobRetryDue), so a job
      // that keeps failing does not come round at every redelivery.
      const histories = await failureHistories(
        m,
        again.map((r) => outboxJobId(r.id)),
      );
      const due = (r: OutboxRow) =>
        failedJobRetryDue(
          histories.get(outboxJobId(r.id)),
          this.config.get('FAILED_JOB_RETRY_MS', { infer: true }),
          this.config.get('FAILED_JOB_RETRY_MAX_MS', { infer: true }),
        );
      const redeliver = again.filter(due);
      const rows = [...fresh, ...redeliver];
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
        for (const row of redeliver)
          await this.retryIfFailed(m, row, histories.get(outboxJobId(row.id)));
      } catch (e) {
        // Rows stay pending; the attempt is noted in the same transaction that holds their locks.
        await noteOutboxRelayFailed(m, ids, (e as Error).message);
        return { moved: 0, error: e as Error };
      }
      await markOutboxRelayed(m, ids);
      await deferOutboxRows(
        m,
        again.filter((r) => !due(r)).map((r) => r.id),
      );
      return { moved: fresh.length };
    });
    if (outcome.error) throw outcome.error;
    return outcome.moved;
  }

  /**
   * Adding a job whose id BullMQ still holds does nothing, and a job that failed its last
   * attempt stays failed (kept for days by `removeOnFail`): its row would be redelivered in
   * vain forever. Such a job is retried with all its attempts, and the round is noted on its
   * failure in `failed_job` (written here if the worker could not write it when it failed).
   */
  private async retryIfFailed(
    m: EntityManager,
    row: OutboxRow,
    recorded: FailureHistory | undefined,
  ): Promise<void> {
    const queue = this.queues.get(row.queue)!;
    const jobId = outboxJobId(row.id);
    const job = await withTimeout(queue.getJob(jobId), REDIS_TIMEOUT_MS);
    if (!job || !(await withTimeout(job.isFailed(), REDIS_TIMEOUT_MS))) return;
    const reason = job.failedReason;
    if (!recorded) {
      // The worker that failed it may be writing the record right now: give it time first.
      if (Date.now() - (job.finishedOn ?? 0) < FAILURE_RECORD_GRACE_MS) return;
      await recordJobFailure(m, {
        queue: row.queue,
        job: job.name,
        jobId,
        payload: job.data ?? {},
        error: job.stacktrace?.at(-1) ?? reason ?? 'failed',
        attempts: job.attemptsMade,
      });
    }
    try {
      await withTimeout(
        job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }),
        REDIS_TIMEOUT_MS,
      );
    } catch (e) {
      // Retried or removed meanwhile by someone else: nothing left to do here.
      if (/not in the failed state|Missing key/.test((e as Error).message)) return;
      throw e;
    }
    await markFailedJobRetried(m, jobId);
    this.logger.warn(
      `job ${jobId} (${row.job}) had failed its last attempt ${recorded?.failures ?? 1} time(s) (last: ${reason}); retried`,
    );
  }
}
