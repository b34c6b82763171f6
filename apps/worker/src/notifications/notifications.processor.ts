import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { OnJob, Payload, WORKER_OPTIONS } from '@spotcheck/queue';
import { recordFinalFailure } from '../failures';
import { runJob } from '../run-job';
import { DeadlineNotifier } from './deadline-notifier.service';

/**
 * Deadline notifications: when a sample gains a deadline (from the outbox) and when one passes
 * (each deadline's delayed job). The sweep that makes up for lost jobs runs with the outcome
 * sweep (OutcomesProcessor).
 */
@Processor('notifications', WORKER_OPTIONS)
export class NotificationsProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationsProcessor.name);
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notifier: DeadlineNotifier,
  ) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return runJob(this, this.ds, job);
  }

  @OnJob('sample.deadlines')
  async deadlinesSet(payload: Payload<'sample.deadlines'>): Promise<{ raised: number }> {
    const r = await this.notifier.decideAndSchedule(payload.sampleIds);
    return { raised: r.raised.length };
  }

  /** A deadline passed: raise it (one that came early raises nothing; the sweep will). */
  @OnJob('notification.due')
  async due(payload: Payload<'notification.due'>): Promise<{ raised: number }> {
    const r = await this.notifier.decideAndSchedule([payload.sampleId]);
    return { raised: r.raised.length };
  }

  /** Connection errors while Redis is away; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onError(err: Error) {
    this.logger.warn(`worker: ${err.message}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error) {
    return recordFinalFailure(this.ds, 'notifications', job, err);
  }
}
