import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A job that failed its last attempt, kept where a person will see it. */
@Entity('failed_job')
export class FailedJob {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'text' })
  queue!: string;

  @Column({ type: 'text' })
  job!: string;

  @Column({ name: 'job_id', type: 'text' })
  jobId!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text' })
  error!: string;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'failed_at', type: 'timestamptz' })
  failedAt!: Date;

  /** When the outbox relay gave the job another round after this failure. */
  @Column({ name: 'retried_at', type: 'timestamptz', nullable: true })
  retriedAt!: Date | null;
}
