import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { OnJob, Payload, WORKER_OPTIONS } from '@spotcheck/queue';
import { recordFinalFailure } from '../failures';
import { DeadlineNotifier } from '../notifications/deadline-notifier.service';
import { OutcomeService } from '../outcomes/outcome.service';
import { runJob } from '../run-job';
import { SampleLabVerdictRepository } from './verdict.repository';

@Processor('reports', WORKER_OPTIONS)
export class ReportsProcessor extends WorkerHost {
  private readonly logger = new Logger(ReportsProcessor.name);
  private readonly verdicts = new SampleLabVerdictRepository();
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outcomes: OutcomeService,
    private readonly notifier: DeadlineNotifier,
  ) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return runJob(this, this.ds, job);
  }

  /**
   * Keeps `sample_lab_verdict` (the verdict that counts for a sample at its lab: the latest
   * issued version, docs/rules.md §3.4), then decides the sample's outcome (§3.6) and gives a
   * pending one its deadline job; the report ends the test deadline and its notice opens an
   * objection window, so the sample's deadline notifications are decided again too. All are
   * recomputed from lab_report and the notices, not from the payload, so a job run twice, or an
   * older version's job arriving after a newer one's, leaves the same rows.
   */
  @OnJob('report.issued')
  async recordVerdict(
    payload: Payload<'report.issued'>,
  ): Promise<{ version: number; verdict: string } | { skipped: true }> {
    const row = await this.verdicts.recordLatest(this.ds.manager, payload.sampleId, payload.labId);
    const decided = await this.outcomes.decide([payload.sampleId]);
    await this.outcomes.schedule(decided.due);
    await this.notifier.decideAndSchedule([payload.sampleId]);
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
