import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RuleRef } from '@spotcheck/domain';

/**
 * What a lab recorded when a sample reached it: received (condition, intact seal, and the test
 * due date) or rejected (a reason). The custody event itself is `custody_seq`.
 */
@Entity('lab_receipt')
export class LabReceipt {
  @PrimaryColumn({ name: 'sample_id', type: 'uuid' })
  sampleId!: string;

  @PrimaryColumn({ name: 'lab_id', type: 'uuid' })
  labId!: string;

  @Column({ type: 'text' })
  outcome!: 'received' | 'rejected';

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn!: string;

  @Column({ type: 'text', nullable: true })
  condition!: string | null;

  @Column({ name: 'seal_intact', type: 'boolean', nullable: true })
  sealIntact!: boolean | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'test_due_date', type: 'date', nullable: true })
  testDueDate!: string | null;

  /** The sector rule the test due date came from (libs/domain RuleRef). */
  @Column({ name: 'test_due_rule', type: 'jsonb', nullable: true })
  testDueRule!: RuleRef | null;

  @Column({ name: 'custody_seq', type: 'integer' })
  custodySeq!: number;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
