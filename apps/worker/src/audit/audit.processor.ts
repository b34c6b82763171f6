import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Env, sealAuditChain } from '@spotcheck/common';
import { OnJob, dispatchJob } from '@spotcheck/queue';
import { recordFinalFailure } from '../failures';

/** Seals the audit chain on a schedule, off the write path. */
@Processor('audit')
export class AuditProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @InjectQueue('audit') private readonly queue: Queue,
    private readonly config: ConfigService<Env, true>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'audit-seal',
      { every: this.config.get('AUDIT_SEAL_EVERY_MS', { infer: true }) },
      { name: 'audit.seal', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob(this, job);
  }

  @OnJob('audit.seal')
  async seal(): Promise<{ sealed: number }> {
    return { sealed: await sealAuditChain(this.ds) };
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error) {
    return recordFinalFailure(this.ds, 'audit', job, err);
  }
}
