import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { OnJob, Payload } from '@spotcheck/queue';
import { recordFinalFailure } from '../failures';
import { runJob } from '../run-job';
import { SampleLabVerdictRepository } from './verdict.repository';

@Processor('reports')
export class ReportsProcessor extends WorkerHost {
  private readonly logger = new Logger(ReportsProcessor.name);
  private readonly verdicts = new SampleLabVerdictRepository();
  constructor(@InjectDataSource() private readonly ds: DataSource) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return runJob(this, this.ds, job);
  }

  /**
   * Keeps `sample_lab_verdict` (the verdict that counts for a sample at its lab: the latest
   * issued version, docs/rules.md §3.4) for rates and publication. Recomputed from lab_report, not
   * from the payload, so a job run twice, or an older version's job arriving after a newer
   * one's, leaves the same row.
   */
  @OnJob('report.issued')
  async recordVerdict(
    payload: Payload<'report.issued'>,
  ): Promise<{ version: number; verdict: string } | { skipped: true }> {
    const row = await this.verdicts.recordLatest(this.ds.manager, payload.sampleId, payload.labId);
    if (!row) return { skipped: true };
    this.logger.log(`sample ${payload.sampleId}: v${row.version} ${row.verdict} counts`);
    return row;
  }

  @OnWorkerEvent('error')
  onError(err: Error) {
    this.logger.warn(`worker: ${err.message}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error) {
    return recordFinalFailure(this.ds, 'reports', job, err);
  }
}
