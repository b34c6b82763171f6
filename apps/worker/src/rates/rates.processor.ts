import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Env } from '@spotcheck/common';
import { OnJob, Payload, keepJobScheduler, WORKER_OPTIONS } from '@spotcheck/queue';
import { recordFinalFailure } from '../failures';
import { JobBatcher } from '../job-batch';
import { runJob } from '../run-job';
import { RatesService } from './rates.service';

/** Keeps the qualification-rate facts: a refresh per outcome change, a nightly full recompute. */
@Processor('rates', WORKER_OPTIONS)
export class RatesProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(RatesProcessor.name);
  private stopKeeping?: () => void;
  /** `outcome.changed` jobs held at once go through {@link refreshAll} together. */
  private readonly changed: JobBatcher<Payload<'outcome.changed'>>;
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectQueue('rates') private readonly queue: Queue,
    private readonly rates: RatesService,
    private readonly config: ConfigService<Env, true>,
  ) {
    super();
    this.changed = new JobBatcher(
      ds,
      config.get('WORKER_BATCH_SIZE', { infer: true }),
      (payloads) => this.refreshAll(payloads),
    );
  }

  /** The nightly recompute's scheduler, set up again whenever Redis comes back without it. */
  async onApplicationBootstrap(): Promise<void> {
    this.stopKeeping = await keepJobScheduler(
      this.queue,
      {
        id: 'rates-recompute',
        pattern: this.config.get('RATES_RECOMPUTE_CRON', { infer: true }),
        tz: 'Asia/Shanghai',
        job: 'rates.recompute',
        data: {},
        opts: { removeOnComplete: 30, removeOnFail: 30 },
      },
      this.logger,
    );
  }

  onApplicationShutdown(): void {
    this.stopKeeping?.();
  }

  process(job: Job): Promise<unknown> {
    if (job.name === 'outcome.changed') return this.changed.add(job);
    return runJob(this, this.ds, job);
  }

  @OnJob('outcome.changed')
  async refresh(payload: Payload<'outcome.changed'>): Promise<{ cells: number }> {
    return (await this.refreshAll([payload]))[0];
  }

  /**
   * The cells of the samples of a batch of `outcome.changed` jobs, refreshed at once (each cell
   * once, however many of the jobs' samples count in it); each job answers the batch's count.
   */
  async refreshAll(payloads: readonly Payload<'outcome.changed'>[]): Promise<{ cells: number }[]> {
    const cells = await this.rates.refresh([...new Set(payloads.flatMap((p) => p.sampleIds))]);
    return payloads.map(() => ({ cells }));
  }

  @OnJob('rates.recompute')
  async recompute(): Promise<{ cells: number; written: number }> {
    const started = Date.now();
    const r = await this.rates.recompute();
    this.logger.log(
      `rates recomputed: ${r.cells} cells, ${r.written} written, in ${Date.now() - started} ms`,
    );
    return r;
  }

  /** Connection errors while Redis is away; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onError(err: Error) {
    this.logger.warn(`worker: ${err.message}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error) {
    return recordFinalFailure(this.ds, 'rates', job, err);
  }
}
