import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { markOutboxRowsDone, outboxIdOf } from '@spotcheck/queue';

/** Handles the payloads of a batch of jobs of one name at once; one result per payload, in order. */
export type BatchHandler<P> = (payloads: P[]) => Promise<unknown[]>;

interface Waiting {
  job: Job;
  resolve(result: unknown): void;
  reject(err: unknown): void;
}

/**
 * Gathers the jobs of one name that a worker holds at once (its queue's concurrency) into
 * batches, each handled in one go: the jobs that arrive while a batch is being handled wait for
 * it and form the next one, so a quiet stream goes one job at a time, with no added wait, and a
 * busy one in batches of up to `max`. One batch at a time per process: a batch's statements and
 * Redis commands stand for all its jobs, which is what a stream of issued reports needs (each
 * round trip costs CPU on both sides; docs/adr/0028).
 *
 * Each job still succeeds or fails on its own in BullMQ. The handlers are idempotent, and
 * recompute from the stored facts, so a batch that fails is handled again one job at a time:
 * a job that cannot be handled fails alone (and is retried, then recorded, as before), and the
 * others succeed. After a batch, the outbox rows of its jobs are marked done in one statement,
 * as `runJob` does for a job alone.
 */
export class JobBatcher<P> {
  private readonly waiting: Waiting[] = [];
  private running = false;

  constructor(
    private readonly ds: DataSource,
    private readonly max: number,
    private readonly handle: BatchHandler<P>,
  ) {}

  /** Handles the job in the next batch; resolves with its own result, or fails with its own error. */
  add(job: Job): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      // Jobs that the worker took in the same turn of the event loop join the first batch.
      await new Promise((r) => setImmediate(r));
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, this.max);
        try {
          const results = await this.run(batch.map((w) => w.job));
          batch.forEach((w, i) => w.resolve(results[i]));
        } catch (e) {
          if (batch.length === 1) batch[0].reject(e);
          else for (const w of batch) await this.alone(w);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async alone(w: Waiting): Promise<void> {
    try {
      w.resolve((await this.run([w.job]))[0]);
    } catch (e) {
      w.reject(e);
    }
  }

  private async run(jobs: Job[]): Promise<unknown[]> {
    const results = await this.handle(jobs.map((j) => j.data as P));
    await markOutboxRowsDone(
      this.ds.manager,
      jobs.map((j) => outboxIdOf(j.id)).filter((id): id is string => id !== undefined),
    );
    return results;
  }
}
