import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One version of a lab's report (检验报告) on a sample. A chain per sample and lab: versions
 * 1…n, n + 1 amending n. Issued versions never change (a trigger refuses it).
 */
@Entity('lab_report')
export class LabReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'lab_id', type: 'uuid' })
  labId!: string;

  @Column({ name: 'sample_id', type: 'uuid' })
  sampleId!: string;

  @Column({ name: 'report_no', type: 'text', collation: 'C' })
  reportNo!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'amends_id', type: 'uuid', nullable: true })
  amendsId!: string | null;

  @Column({ name: 'amendment_reason', type: 'text', nullable: true })
  amendmentReason!: string | null;

  /** A retest lab's report: the objection whose retest it is. */
  @Column({ name: 'objection_id', type: 'uuid', nullable: true })
  objectionId!: string | null;

  @Column({ type: 'text' })
  state!: 'draft' | 'submitted' | 'reviewed' | 'issued';

  @Column({ type: 'text', nullable: true })
  verdict!: string | null;

  @Column({ name: 'failed_items', type: 'jsonb', nullable: true })
  failedItems!: unknown[] | null;

  /** Everyone who entered or changed a result: the authors the four-eyes rules exclude. */
  @Column({ name: 'tested_by', type: 'text', array: true, default: () => "'{}'" })
  testedBy!: string[];

  @Column({ name: 'submitted_by', type: 'text', nullable: true })
  submittedBy!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'reviewed_by', type: 'text', nullable: true })
  reviewedBy!: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'issued_by', type: 'text', nullable: true })
  issuedBy!: string | null;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt!: Date | null;

  @Column({ name: 'returned_by', type: 'text', nullable: true })
  returnedBy!: string | null;

  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt!: Date | null;

  @Column({ name: 'returned_reason', type: 'text', nullable: true })
  returnedReason!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
