import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Env, sealAuditChain } from '@spotcheck/common';
import { OnJob, keepJobScheduler, WORKER_OPTIONS } from '@spotcheck/queue';
import { recordFinalFailure } from '../failures';
import { runJob } from '../run-job';

/** Seals the audit chain on a schedule, off the write path. */
@Processor('audit', WORKER_OPTIONS)
export class AuditProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(AuditProcessor.name);
  private stopKeeping?: () => void;
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectQueue('audit') private readonly queue: Queue,
    private readonly config: ConfigService<Env, true>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopKeeping = await keepJobScheduler(
      this.queue,
      {
        id: 'audit-seal',
        everyMs: this.config.get('AUDIT_SEAL_EVERY_MS', { infer: true }),
        job: 'audit.seal',
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

  @OnJob('audit.seal')
  async seal(): Promise<{ sealed: number }> {
    return { sealed: await sealAuditChain(this.ds) };
  }

  /** Connection errors while Redis is away; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onError(err: Error) {
    this.logger.warn(`worker: ${err.message}`);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error) {
    return recordFinalFailure(this.ds, 'audit', job, err);
  }
}
