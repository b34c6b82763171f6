import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RuleRef } from '@spotcheck/domain';

/**
 * The result notice (检验结果通知书) of an issued report version to the sampled enterprise,
 * with the objection deadline that runs from the day it was served.
 */
@Entity('result_notice')
export class ResultNotice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'sample_id', type: 'uuid' })
  sampleId!: string;

  @Column({ name: 'report_id', type: 'uuid', unique: true })
  reportId!: string;

  @Column({ name: 'lab_id', type: 'uuid' })
  labId!: string;

  @Column({ type: 'text', collation: 'C' })
  uscc!: string;

  @Column({ name: 'manufacturer_uscc', type: 'text', collation: 'C', nullable: true })
  manufacturerUscc!: string | null;

  @Column({ type: 'text' })
  verdict!: string;

  @Column({ type: 'text' })
  regime!: 'food' | 'product';

  @Column({ name: 'served_on', type: 'date' })
  servedOn!: string;

  @Column({ name: 'objection_deadline', type: 'date' })
  objectionDeadline!: string;

  /** The sector rule the objection deadline came from (libs/domain RuleRef). */
  @Column({ name: 'deadline_rule', type: 'jsonb', nullable: true })
  deadlineRule!: RuleRef | null;

  @Column({ name: 'deadline_provisional', type: 'boolean', default: false })
  deadlineProvisional!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
