import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Env } from '@spotcheck/common';
import { OnJob, Payload, keepJobScheduler, WORKER_OPTIONS } from '@spotcheck/queue';
import { recordFinalFailure } from '../failures';
import { DeadlineNotifier } from '../notifications/deadline-notifier.service';
import { runJob } from '../run-job';
import { OutcomeService } from './outcome.service';

/**
 * Decides outcomes when a day passes: each pending sample's delayed job at the start of the
 * day after its objection deadline, and a periodic sweep for whatever a lost job left behind.
 * The same sweep raises the deadline notifications a lost job left unraised.
 */
@Processor('outcomes', WORKER_OPTIONS)
export class OutcomesProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(OutcomesProcessor.name);
  private stopKeeping?: () => void;
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectQueue('outcomes') private readonly queue: Queue,
    private readonly outcomes: OutcomeService,
    private readonly notifier: DeadlineNotifier,
    private readonly config: ConfigService<Env, true>,
  ) {
    super();
  }

  /** The sweep's scheduler, set up again whenever Redis comes back without it. */
  async onApplicationBootstrap(): Promise<void> {
    this.stopKeeping = await keepJobScheduler(
      this.queue,
      {
        id: 'outcome-sweep',
        everyMs: this.config.get('OUTCOME_SWEEP_EVERY_MS', { infer: true }),
        job: 'outcome.sweep',
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

  /** The sample's deadline passed: decide it again (a job that comes early changes nothing). */
  @OnJob('outcome.deadline')
  async atDeadline(payload: Payload<'outcome.deadline'>): Promise<{ changed: number }> {
    const r = await this.outcomes.decide([payload.sampleId]);
    await this.outcomes.schedule(r.due);
    return { changed: r.changed.length };
  }

  /** An objection was filed, decided or concluded: its sample's outcome may have moved. */
  @OnJob('objection.changed')
  async objectionChanged(payload: Payload<'objection.changed'>): Promise<{ changed: number }> {
    const r = await this.outcomes.decide([payload.sampleId]);
    await this.outcomes.schedule(r.due);
    return { changed: r.changed.length };
  }

  @OnJob('outcome.sweep')
  async sweep(): Promise<{ decided: number; changed: number; raised: number }> {
    const now = new Date();
    const r = await this.outcomes.sweep(now);
    if (r.changed) this.logger.log(`sweep: ${r.changed} of ${r.decided} due outcomes changed`);
    const n = await this.notifier.sweep(now);
    if (n.raised) this.logger.log(`sweep: ${n.raised} notifications raised`);
    return { ...r, raised: n.raised };
  }

  /** Connection errors while Redis is away; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onError(err: Error) {
    this.logger.warn(`worker: ${err.message}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error) {
    return recordFinalFailure(this.ds, 'outcomes', job, err);
  }
}
