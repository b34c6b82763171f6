/**
 * Every queue and job in the system, with one payload type per job. Producers write these
 * to the outbox; the worker must have exactly one handler for each (checked at start-up).
 */
export const QUEUES = [
  'directory',
  'audit',
  'reports',
  'outcomes',
  'rates',
  'publication',
  'notifications',
  'followup',
] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** A directory changed; recompute its statistics. */
  'directory.changed': { entity: 'enterprise' | 'inspector' | 'lab' | 'catalog'; count: number };
  /** Chain the audit rows written since the last seal. */
  'audit.seal': Record<string, never>;
  /** A lab issued a report version (an original or an amendment). */
  'report.issued': { reportId: string; sampleId: string; labId: string; version: number };
  /** A sample's objection deadline has passed: decide its outcome again (delayed job). */
  'outcome.deadline': { sampleId: string };
  /**
   * Decide again every pending outcome whose day has come, and raise every deadline
   * notification not raised yet (job scheduler, the safety net).
   */
  'outcome.sweep': Record<string, never>;
  /** These samples' outcomes changed: recompute the rate cells they count in. */
  'outcome.changed': { sampleIds: string[] };
  /** Recompute every rate cell from the outcomes (job scheduler, nightly, and on demand). */
  'rates.recompute': { requestedBy?: string };
  /** Compile the next list of every jurisdiction with something to list (job scheduler). */
  'publication.compile': Record<string, never>;
  /** A list was published: render its files (JSON, CSV, XLSX) once and store them. */
  'publication.render': { publicationId: string };
  /** A list was published: raise the credit-risk class of the enterprises it names as failing. */
  'publication.feedback': { publicationId: string };
  /** These samples gained a deadline (sampled, received): raise what is due, schedule the rest. */
  'sample.deadlines': { sampleIds: string[] };
  /** A deadline of the sample has passed: raise its notification (delayed job). */
  'notification.due': { sampleId: string };
  /** An objection was filed, decided or concluded: decide its sample's outcome again. */
  'objection.changed': { objectionId: string; sampleId: string };
  /**
   * These samples' outcomes became final, or a retest concluded on them: what follows a final
   * outcome (a correction of a published list the retest overturned; follow-up of a failure).
   */
  'outcome.finalized': { sampleIds: string[] };
  /** A follow-up case got a correction order: give its deadline a delayed job. */
  'case.ordered': { caseId: string; deadline: string };
  /** A follow-up case's rectification deadline has passed: escalate it if unanswered (delayed). */
  'case.deadline': { caseId: string };
  /**
   * Open a case for every final failure without one, and escalate every case whose deadline
   * passed unanswered (job scheduler, the safety net behind `outcome.finalized` and `case.deadline`).
   */
  'case.sweep': Record<string, never>;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { readonly [J in JobName]: QueueName } = {
  'directory.changed': 'directory',
  'audit.seal': 'audit',
  'report.issued': 'reports',
  'outcome.deadline': 'outcomes',
  'outcome.sweep': 'outcomes',
  'outcome.changed': 'rates',
  'rates.recompute': 'rates',
  'publication.compile': 'publication',
  'publication.render': 'publication',
  'publication.feedback': 'publication',
  'sample.deadlines': 'notifications',
  'notification.due': 'notifications',
  'objection.changed': 'outcomes',
  'outcome.finalized': 'followup',
  'case.ordered': 'followup',
  'case.deadline': 'followup',
  'case.sweep': 'followup',
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/** BullMQ refuses integer and ':'-containing custom ids; the outbox id is kept recognisable. */
export const outboxJobId = (outboxId: string | number) => `outbox-${outboxId}`;

/** The outbox row behind a job id, if the job came from the outbox. */
export const outboxIdOf = (jobId: string | undefined): string | undefined =>
  jobId?.startsWith('outbox-') ? jobId.slice('outbox-'.length) : undefined;
