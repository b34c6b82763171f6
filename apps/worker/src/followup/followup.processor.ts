import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Env } from '@spotcheck/common';
import { OnJob, Payload, WORKER_OPTIONS, keepJobScheduler } from '@spotcheck/queue';
import { recordFinalFailure } from '../failures';
import { runJob } from '../run-job';
import { CaseKeeper } from './case-keeper.service';
import { FinalizedResult, FollowupService } from './followup.service';

/**
 * What follows final outcomes: corrections of published lists a retest overturned, and the
 * follow-up cases of failures (opened, moved by re-inspections, escalated at their deadlines,
 * with a periodic sweep for whatever a lost job left behind).
 */
@Processor('followup', WORKER_OPTIONS)
export class FollowupProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(FollowupProcessor.name);
  private stopKeeping?: () => void;
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectQueue('followup') private readonly queue: Queue,
    private readonly followup: FollowupService,
    private readonly cases: CaseKeeper,
    private readonly config: ConfigService<Env, true>,
  ) {
    super();
  }

  /** The case sweep's scheduler, at the outcome sweep's pace, set up again with Redis. */
  async onApplicationBootstrap(): Promise<void> {
    this.stopKeeping = await keepJobScheduler(
      this.queue,
      {
        id: 'case-sweep',
        everyMs: this.config.get('OUTCOME_SWEEP_EVERY_MS', { infer: true }),
        job: 'case.sweep',
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

  @OnJob('outcome.finalized')
  finalized(payload: Payload<'outcome.finalized'>): Promise<FinalizedResult> {
    return this.followup.finalized(payload.sampleIds);
  }

  /** A correction order was issued: its deadline gets a delayed job. */
  @OnJob('case.ordered')
  async ordered(payload: Payload<'case.ordered'>): Promise<{ scheduled: string }> {
    await this.cases.schedule(payload.caseId, payload.deadline);
    return { scheduled: payload.deadline };
  }

  /** A deadline passed: escalate the case if still unanswered (early or late, it checks). */
  @OnJob('case.deadline')
  async deadline(payload: Payload<'case.deadline'>): Promise<{ escalated: boolean }> {
    return { escalated: await this.cases.deadline(payload.caseId) };
  }

  @OnJob('case.sweep')
  async sweep(): Promise<{ opened: number; escalated: number }> {
    const r = await this.cases.sweep();
    if (r.opened || r.escalated)
      this.logger.log(`sweep: ${r.opened} cases opened, ${r.escalated} escalated`);
    return r;
  }

  /** Connection errors while Redis is away; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onError(err: Error) {
    this.logger.warn(`worker: ${err.message}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error) {
    return recordFinalFailure(this.ds, 'followup', job, err);
  }
}
