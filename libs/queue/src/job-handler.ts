import { Injectable, OnApplicationBootstrap, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job } from 'bullmq';
import { JOB_NAMES, JOB_QUEUE, JobName, JobPayloads } from './jobs';

const ON_JOB = 'spotcheck:on-job';
/** Bull's own metadata key for @Processor(queue). */
const PROCESSOR_QUEUE = 'bullmq:processor_metadata';

/** Marks a processor method as the handler of one job name. */
export const OnJob = (name: JobName) => SetMetadata(ON_JOB, name);

type Handler = (payload: never, job: Job) => Promise<unknown>;

/**
 * Calls the @OnJob method of `processor` that matches the job's name. Processors extend
 * WorkerHost and delegate `process(job)` here, so the job table stays in one typed place.
 */
export async function dispatchJob(processor: object, job: Job): Promise<unknown> {
  const proto = Object.getPrototypeOf(processor) as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(proto)) {
    const fn = proto[key];
    if (typeof fn === 'function' && Reflect.getMetadata(ON_JOB, fn) === job.name) {
      return (fn as Handler).call(processor, job.data as never, job);
    }
  }
  throw new Error(`no handler for job ${job.name} on ${processor.constructor.name}`);
}

export type Payload<J extends JobName> = JobPayloads[J];

/** Start-up check: every job name has exactly one handler, on a processor of its queue. */
@Injectable()
export class JobHandlerCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const problems = checkHandlers(this.found());
    if (problems.length)
      throw new Error(`Job handler check failed:\n  - ${problems.join('\n  - ')}`);
  }

  found(): { job: string; queue: string | undefined; where: string }[] {
    const out: { job: string; queue: string | undefined; where: string }[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.metatype) continue;
      const proto = Object.getPrototypeOf(instance) as object;
      const meta = this.reflector.get<{ name?: string } | undefined>(
        PROCESSOR_QUEUE,
        wrapper.metatype,
      );
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const job = this.reflector.get<string | undefined>(
          ON_JOB,
          (proto as Record<string, never>)[method],
        );
        if (job) out.push({ job, queue: meta?.name, where: `${wrapper.metatype.name}.${method}` });
      }
    }
    return out;
  }
}

export function checkHandlers(
  found: { job: string; queue: string | undefined; where: string }[],
): string[] {
  const problems: string[] = [];
  for (const name of JOB_NAMES) {
    const mine = found.filter((f) => f.job === name);
    if (mine.length === 0) problems.push(`${name} has no handler`);
    if (mine.length > 1)
      problems.push(`${name} has ${mine.length} handlers: ${mine.map((m) => m.where).join(', ')}`);
    for (const m of mine) {
      if (m.queue !== JOB_QUEUE[name]) {
        problems.push(
          `${name} is handled by ${m.where} on queue ${m.queue ?? '(none)'}, expected ${JOB_QUEUE[name]}`,
        );
      }
    }
  }
  for (const f of found)
    if (!(JOB_NAMES as string[]).includes(f.job))
      problems.push(`${f.where} handles unknown job ${f.job}`);
  return problems;
}
