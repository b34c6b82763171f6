import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ObjectionState, RetestDrawRecord, RuleRef } from '@spotcheck/domain';

/** An objection to a failed result (异议 / 复检申请) and its retest (libs/domain objection.ts). */
@Entity('objection')
export class Objection {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'sample_id', type: 'uuid' })
  sampleId!: string;

  @Column({ name: 'notice_id', type: 'uuid' })
  noticeId!: string;

  @Column({ type: 'text', collation: 'C' })
  uscc!: string;

  @Column({ type: 'text', collation: 'C' })
  jurisdiction!: string;

  @Column({ type: 'text', array: true })
  items!: string[];

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'jsonb' })
  contact!: Record<string, string>;

  @Column({ name: 'filed_by', type: 'text' })
  filedBy!: string;

  @Column({ name: 'filed_at', type: 'timestamptz', default: () => 'now()' })
  filedAt!: Date;

  @Column({ name: 'filed_on', type: 'date' })
  filedOn!: string;

  @Column({ name: 'objection_deadline', type: 'date' })
  objectionDeadline!: string;

  @Column({ name: 'deadline_rule', type: 'jsonb', nullable: true })
  deadlineRule!: RuleRef | null;

  @Column({ name: 'decision_due', type: 'date' })
  decisionDue!: string;

  @Column({ name: 'decision_rule', type: 'jsonb' })
  decisionRule!: RuleRef;

  @Column({ type: 'text' })
  state!: ObjectionState;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_on', type: 'date', nullable: true })
  decidedOn!: string | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ type: 'text', nullable: true })
  commitment!: string | null;

  @Column({ name: 'committed_at', type: 'timestamptz', nullable: true })
  committedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  seed!: string | null;

  @Column({ name: 'drawn_by', type: 'text', nullable: true })
  drawnBy!: string | null;

  @Column({ name: 'drawn_at', type: 'timestamptz', nullable: true })
  drawnAt!: Date | null;

  @Column({ name: 'retest_lab_id', type: 'uuid', nullable: true })
  retestLabId!: string | null;

  @Column({ name: 'draw_record', type: 'jsonb', nullable: true })
  drawRecord!: RetestDrawRecord | null;

  @Column({ name: 'retest_report_id', type: 'uuid', nullable: true })
  retestReportId!: string | null;

  @Column({ name: 'concluded_on', type: 'date', nullable: true })
  concludedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  conclusion!: 'confirmed' | 'overturned' | null;

  @Column({ type: 'text', nullable: true })
  outcome!: 'pass' | 'fail' | null;

  @Column({ name: 'still_failing', type: 'text', array: true, nullable: true })
  stillFailing!: string[] | null;

  @Column({ name: 'fee_payer', type: 'text', nullable: true })
  feePayer!: 'applicant' | 'regulator' | null;

  /** Drawn labs that refused the backup, each with the draw that drew it (a redraw followed). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  refusals!: Record<string, unknown>[];

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
