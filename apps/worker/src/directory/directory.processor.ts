import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { OnJob, Payload, outboxIdOf } from '@spotcheck/queue';
import { recordFinalFailure } from '../failures';
import { runJob } from '../run-job';

@Processor('directory')
export class DirectoryProcessor extends WorkerHost {
  private readonly logger = new Logger(DirectoryProcessor.name);
  constructor(@InjectDataSource() private readonly ds: DataSource) {
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
      await m.query('SELECT pg_advisory_xact_lock(7349120003)');
      const outboxId = outboxIdOf(job.id);
      if (outboxId) {
        const [row] = (await m.query(
          `SELECT (SELECT max(computed_at) FROM directory_stats) > o.relayed_at AS fresh FROM outbox o WHERE o.id = $1`,
          [outboxId],
        )) as { fresh: boolean | null }[];
        if (row?.fresh) return { skipped: true };
      }
      await m.query('DELETE FROM directory_stats');
      const rows = (await m.query(`
        INSERT INTO directory_stats (region_code, risk_class, status, enterprises, computed_at)
        SELECT region_code, risk_class, status, count(*), now() FROM enterprise GROUP BY 1, 2, 3
        RETURNING 1`)) as unknown[];
      return { groups: rows.length };
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
