import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Env } from '@spotcheck/common';
import { PublicSearchRepository } from '@spotcheck/database';
import { OnJob, Payload, keepJobScheduler } from '@spotcheck/queue';
import { recordFinalFailure } from '../failures';
import { runJob } from '../run-job';
import { PublicationRenderService } from './publication-render.service';
import { PublicationScheduleService, ScheduledCompile } from './publication-schedule.service';
import { RiskFeedbackService } from './risk-feedback.service';

/**
 * Published lists: the scheduled compile of each jurisdiction's next draft, rendering the
 * files of a published list and indexing it for the public portal's search, and its
 * credit-risk feedback.
 */
@Processor('publication')
export class PublicationsProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(PublicationsProcessor.name);
  private stopKeeping?: () => void;
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectQueue('publication') private readonly queue: Queue,
    private readonly schedule: PublicationScheduleService,
    private readonly renderer: PublicationRenderService,
    private readonly feedback: RiskFeedbackService,
    private readonly search: PublicSearchRepository,
    private readonly config: ConfigService<Env, true>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopKeeping = await keepJobScheduler(
      this.queue,
      {
        id: 'publication-compile',
        pattern: this.config.get('PUBLICATION_COMPILE_CRON', { infer: true }),
        tz: this.config.get('PUBLICATION_COMPILE_TZ', { infer: true }),
        job: 'publication.compile',
        data: {},
        opts: { removeOnComplete: 100, removeOnFail: 100 },
      },
      this.logger,
    );
  }

  onApplicationShutdown(): void {
    this.stopKeeping?.();
  }

  process(job: Job): Promise<unknown> {
    return runJob(this, this.ds, job);
  }

  @OnJob('publication.compile')
  compile(): Promise<ScheduledCompile> {
    return this.schedule.compileDue();
  }

  /**
   * The files first, then the public portal's search rows (ADR 0024): a version whose rows no
   * longer hash to its digest is neither rendered nor made searchable.
   */
  @OnJob('publication.render')
  async render(payload: Payload<'publication.render'>) {
    const files = await this.renderer.render(payload.publicationId);
    const started = Date.now();
    const searchable = await this.search.index(payload.publicationId);
    if (searchable > 0)
      this.logger.log(
        `publication ${payload.publicationId}: ${searchable} entries made searchable in ${Date.now() - started} ms`,
      );
    return { ...files, searchable };
  }

  @OnJob('publication.feedback')
  raiseRisk(payload: Payload<'publication.feedback'>) {
    return this.feedback.apply(payload.publicationId);
  }

  /** Connection errors while Redis is away; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onError(err: Error) {
    this.logger.warn(`worker: ${err.message}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error) {
    return recordFinalFailure(this.ds, 'publication', job, err);
  }
}
