import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { OnJob, Payload, outboxIdOf, WORKER_OPTIONS } from '@spotcheck/queue';
import { recordFinalFailure } from '../failures';
import { runJob } from '../run-job';
import { DirectoryStatsRepository } from './directory-stats.repository';

@Processor('directory', WORKER_OPTIONS)
export class DirectoryProcessor extends WorkerHost {
  private readonly logger = new Logger(DirectoryProcessor.name);
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly stats: DirectoryStatsRepository,
  ) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return runJob(this, this.ds, job);
  }

  /**
   * Recomputes the whole table from the directory, so running it twice changes nothing. A
   * burst of changes needs one recompute: a job is skipped when a recompute began after its
   * outbox row was relayed (and so after the change committed); both times are database time.
   */
  @OnJob('directory.changed')
  async recomputeStats(
    _payload: Payload<'directory.changed'>,
    job: Job,
  ): Promise<{ groups: number } | { skipped: true }> {
    return this.ds.transaction(async (m) => {
      await this.stats.lock(m);
      const outboxId = outboxIdOf(job.id);
      if (outboxId && (await this.stats.computedSinceRelayed(m, outboxId))) {
        return { skipped: true };
      }
      return { groups: await this.stats.recompute(m) };
    });
  }

  /** Connection errors while Redis is away; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onError(err: Error) {
    this.logger.warn(`worker: ${err.message}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error) {
    return recordFinalFailure(this.ds, 'directory', job, err);
  }
}
