import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CustodyState, RuleRef, SampleStage } from '@spotcheck/domain';

/** A file kept with the sampling record, by the SHA-256 digest of its content. */
export interface SampleAttachment {
  sha256: string;
  name?: string;
  mediaType?: string;
}

/**
 * 抽样单: the sampling record of one task, and where its custody stands (docs/rules.md §3.3). The
 * record columns never change after insert (a trigger refuses it); the custody columns move
 * with each custody event. Column meanings: the Samples migration's doc comment.
 */
@Entity('sample')
export class Sample {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Plan code + '-' + zero-padded `seq`: `NM-2026-001-0007`. */
  @Column({ name: 'sample_no', type: 'text' })
  sampleNo!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  /** The sample's number within its plan, from 1, without gaps. */
  @Column({ type: 'integer' })
  seq!: number;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ type: 'text' })
  category!: string;

  /** The task's lab, where the sample is sent. */
  @Column({ name: 'lab_id', type: 'uuid' })
  labId!: string;

  /** The lab a retest was dispatched to, once it was. */
  @Column({ name: 'retest_lab_id', type: 'uuid', nullable: true })
  retestLabId!: string | null;

  @Column({ type: 'text' })
  stage!: SampleStage;

  /** The sampled enterprise (被抽样单位): the task's. */
  @Column({ name: 'sampled_uscc', type: 'text' })
  sampledUscc!: string;

  @Column({ name: 'place_region_code', type: 'text' })
  placeRegionCode!: string;

  @Column({ name: 'place_address', type: 'text' })
  placeAddress!: string;

  @Column({ name: 'online_platform', type: 'text', nullable: true })
  onlinePlatform!: string | null;

  @Column({ name: 'online_shop', type: 'text', nullable: true })
  onlineShop!: string | null;

  /** The nominal manufacturer (标称生产者); may be outside the directory. */
  @Column({ name: 'manufacturer_name', type: 'text' })
  manufacturerName!: string;

  @Column({ name: 'manufacturer_address', type: 'text', nullable: true })
  manufacturerAddress!: string | null;

  @Column({ name: 'manufacturer_uscc', type: 'text', nullable: true })
  manufacturerUscc!: string | null;

  @Column({ name: 'product_name', type: 'text' })
  productName!: string;

  @Column({ type: 'text', nullable: true })
  brand!: string | null;

  /** Model or specification (规格型号). */
  @Column({ type: 'text', nullable: true })
  spec!: string | null;

  @Column({ name: 'batch_no', type: 'text', nullable: true })
  batchNo!: string | null;

  /** ISO date (YYYY-MM-DD). */
  @Column({ name: 'production_date', type: 'date', nullable: true })
  productionDate!: string | null;

  /** End of shelf life, ISO date. */
  @Column({ name: 'expiry_date', type: 'date', nullable: true })
  expiryDate!: string | null;

  /** GTIN-14 (shorter GTINs left-padded with zeros). */
  @Column({ type: 'text', nullable: true })
  gtin!: string | null;

  /** Decimal strings, as given. */
  @Column({ name: 'test_quantity', type: 'numeric' })
  testQuantity!: string;

  @Column({ name: 'test_unit', type: 'text' })
  testUnit!: string;

  @Column({ name: 'backup_quantity', type: 'numeric' })
  backupQuantity!: string;

  @Column({ name: 'backup_unit', type: 'text' })
  backupUnit!: string;

  /** Yuan, two decimals. */
  @Column({ name: 'price_paid', type: 'numeric', precision: 12, scale: 2 })
  pricePaid!: string;

  @Column({ name: 'seal_numbers', type: 'text', array: true, default: () => "'{}'" })
  sealNumbers!: string[];

  /** The two inspectors who signed (staff numbers): the task's pair. */
  @Column({ type: 'text', array: true })
  inspectors!: string[];

  @Column({ name: 'representative_name', type: 'text' })
  representativeName!: string;

  @Column({ name: 'representative_title', type: 'text', nullable: true })
  representativeTitle!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments!: SampleAttachment[];

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'sampled_at', type: 'timestamptz' })
  sampledAt!: Date;

  /** The sampling date in China Standard Time. */
  @Column({ name: 'sampling_date', type: 'date' })
  samplingDate!: string;

  /** When the sample must reach its lab, by the sector's `sampleDelivery` rule. */
  @Column({ name: 'lab_due_date', type: 'date' })
  labDueDate!: string;

  /** The sector rule the lab due date came from (libs/domain RuleRef). */
  @Column({ name: 'lab_due_rule', type: 'jsonb', nullable: true })
  labDueRule!: RuleRef | null;

  @Column({ name: 'custody_state', type: 'text' })
  custodyState!: CustodyState;

  /** The last custody event's seq and time. */
  @Column({ name: 'custody_seq', type: 'integer' })
  custodySeq!: number;

  @Column({ name: 'custody_at', type: 'timestamptz' })
  custodyAt!: Date;

  /** When the sample first reached its lab (received or rejected there). */
  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt!: Date | null;

  /** The backup's keep-until date, from backup_retained. */
  @Column({ name: 'keep_until', type: 'date', nullable: true })
  keepUntil!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Token `sub` of who recorded the sampling. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
