import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Env } from '@spotcheck/common';
import { OnJob, Payload, WORKER_OPTIONS } from '@spotcheck/queue';
import { recordFinalFailure } from '../failures';
import { JobBatcher } from '../job-batch';
import { DeadlineNotifier } from '../notifications/deadline-notifier.service';
import { OutcomeService } from '../outcomes/outcome.service';
import { runJob } from '../run-job';
import { SampleLabVerdictRepository } from './verdict.repository';

@Processor('reports', WORKER_OPTIONS)
export class ReportsProcessor extends WorkerHost {
  private readonly logger = new Logger(ReportsProcessor.name);
  private readonly verdicts = new SampleLabVerdictRepository();
  /** `report.issued` jobs held at once go through {@link recordVerdicts} together. */
  private readonly issued: JobBatcher<Payload<'report.issued'>>;
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outcomes: OutcomeService,
    private readonly notifier: DeadlineNotifier,
    config: ConfigService<Env, true>,
  ) {
    super();
    this.issued = new JobBatcher(ds, config.get('WORKER_BATCH_SIZE', { infer: true }), (payloads) =>
      this.recordVerdicts(payloads),
    );
  }

  process(job: Job): Promise<unknown> {
    if (job.name === 'report.issued') return this.issued.add(job);
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
    const [row] = await this.recordVerdicts([payload]);
    return row;
  }

  /**
   * {@link recordVerdict} for the reports of a batch of jobs, each step once for all: one
   * statement for the verdicts, one transaction deciding the outcomes (and one
   * `outcome.changed` for those that changed), one for the notifications.
   */
  async recordVerdicts(
    payloads: readonly Payload<'report.issued'>[],
  ): Promise<({ version: number; verdict: string } | { skipped: true })[]> {
    const rows = await this.verdicts.recordLatestMany(this.ds.manager, payloads);
    const sampleIds = [...new Set(payloads.map((p) => p.sampleId))];
    const decided = await this.outcomes.decide(sampleIds);
    await this.outcomes.schedule(decided.due);
    await this.notifier.decideAndSchedule(sampleIds);
    const seen = new Set<string>();
    return payloads.map((p) => {
      const key = `${p.sampleId}/${p.labId}`;
      const row = seen.has(key) ? undefined : rows.get(key);
      seen.add(key);
      if (!row) return { skipped: true as const };
      this.logger.log(`sample ${p.sampleId}: v${row.version} ${row.verdict} counts`);
      return row;
    });
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
