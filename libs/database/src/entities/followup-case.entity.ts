import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The follow-up (后处理) of one final failure: the correction order, the enterprise's
 * rectification report, the re-inspection and the closing decision, with the escalation rung
 * reached (docs/cases.md, ADR 0025). Written through the case repositories' SQL.
 */
@Entity('followup_case')
export class FollowupCase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'sample_id', type: 'uuid' })
  sampleId!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ type: 'text' })
  jurisdiction!: string;

  /** The sampled enterprise the case is against. */
  @Column({ type: 'text' })
  uscc!: string;

  @Column({ name: 'manufacturer_uscc', type: 'text', nullable: true })
  manufacturerUscc!: string | null;

  @Column({ name: 'final_on', type: 'date', nullable: true })
  finalOn!: string | null;

  @Column({ type: 'text', default: 'opened' })
  state!: string;

  /** 0 none, 1 announcement, 2 suspension, 3 revocation recommended. */
  @Column({ name: 'escalation_level', type: 'integer', default: 0 })
  escalationLevel!: number;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'ordered_by', type: 'text', nullable: true })
  orderedBy!: string | null;

  @Column({ name: 'ordered_at', type: 'timestamptz', nullable: true })
  orderedAt!: Date | null;

  @Column({ name: 'ordered_on', type: 'date', nullable: true })
  orderedOn!: string | null;

  @Column({ name: 'order_text', type: 'text', nullable: true })
  orderText!: string | null;

  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  @Column({ name: 'deadline_days', type: 'integer', nullable: true })
  deadlineDays!: number | null;

  @Column({ name: 'deadline_basis', type: 'jsonb', nullable: true })
  deadlineBasis!: Record<string, unknown> | null;

  @Column({ name: 'report_text', type: 'text', nullable: true })
  reportText!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments!: unknown[];

  @Column({ name: 'reported_by', type: 'text', nullable: true })
  reportedBy!: string | null;

  @Column({ name: 'reported_at', type: 'timestamptz', nullable: true })
  reportedAt!: Date | null;

  @Column({ name: 'reported_on', type: 'date', nullable: true })
  reportedOn!: string | null;

  @Column({ name: 'reinspection_task_id', type: 'uuid', nullable: true })
  reinspectionTaskId!: string | null;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ name: 'closing_reason', type: 'text', nullable: true })
  closingReason!: string | null;

  @Column({ type: 'text', nullable: true })
  result!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** The manufacturer's recall decision, once recorded. */
  @Column({ name: 'recall_decision', type: 'jsonb', nullable: true })
  recallDecision!: Record<string, unknown> | null;
}
