/**
 * Every queue and job in the system, with one payload type per job. Producers write these
 * to the outbox; the worker must have exactly one handler for each (checked at start-up).
 */
export const QUEUES = ['directory', 'audit', 'reports'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** A directory changed; recompute its statistics. */
  'directory.changed': { entity: 'enterprise' | 'inspector' | 'lab' | 'catalog'; count: number };
  /** Chain the audit rows written since the last seal. */
  'audit.seal': Record<string, never>;
  /** A lab issued a report version (an original or an amendment). */
  'report.issued': { reportId: string; sampleId: string; labId: string; version: number };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { readonly [J in JobName]: QueueName } = {
  'directory.changed': 'directory',
  'audit.seal': 'audit',
  'report.issued': 'reports',
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/** BullMQ refuses integer and ':'-containing custom ids; the outbox id is kept recognisable. */
export const outboxJobId = (outboxId: string | number) => `outbox-${outboxId}`;

/** The outbox row behind a job id, if the job came from the outbox. */
export const outboxIdOf = (jobId: string | undefined): string | undefined =>
  jobId?.startsWith('outbox-') ? jobId.slice('outbox-'.length) : undefined;
