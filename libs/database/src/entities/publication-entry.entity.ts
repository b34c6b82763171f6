import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PublishedFailedItem } from '@spotcheck/domain';

/** A row of a list's failed-product or pass table, as published (copied when compiled). */
@Entity('publication_entry')
export class PublicationEntry {
  @PrimaryColumn({ name: 'publication_id', type: 'uuid' })
  publicationId!: string;

  @PrimaryColumn({ name: 'table_kind', type: 'text' })
  tableKind!: 'failed' | 'passed';

  @PrimaryColumn({ type: 'integer' })
  serial!: number;

  @Column({ name: 'sample_id', type: 'uuid' })
  sampleId!: string;

  @Column({ name: 'series_id', type: 'uuid' })
  seriesId!: string;

  @Column({ name: 'sample_no', type: 'text', collation: 'C' })
  sampleNo!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @Column({ name: 'task_source', type: 'text' })
  taskSource!: string;

  @Column({ name: 'manufacturer_name', type: 'text' })
  manufacturerName!: string;

  @Column({ name: 'manufacturer_address', type: 'text', nullable: true })
  manufacturerAddress!: string | null;

  @Column({ name: 'manufacturer_uscc', type: 'text', collation: 'C', nullable: true })
  manufacturerUscc!: string | null;

  @Column({ name: 'sampled_uscc', type: 'text', collation: 'C' })
  sampledUscc!: string;

  @Column({ name: 'sampled_unit_name', type: 'text' })
  sampledUnitName!: string;

  @Column({ name: 'sampled_unit_address', type: 'text' })
  sampledUnitAddress!: string;

  @Column({ name: 'sampled_unit_region_code', type: 'text', collation: 'C' })
  sampledUnitRegionCode!: string;

  @Column({ name: 'sampled_unit_region', type: 'text' })
  sampledUnitRegion!: string;

  @Column({ name: 'product_name', type: 'text' })
  productName!: string;

  @Column({ type: 'text', nullable: true })
  spec!: string | null;

  @Column({ type: 'text', nullable: true })
  brand!: string | null;

  @Column({ name: 'production_date', type: 'date', nullable: true })
  productionDate!: string | null;

  @Column({ name: 'batch_no', type: 'text', nullable: true })
  batchNo!: string | null;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ name: 'lab_id', type: 'uuid' })
  labId!: string;

  @Column({ type: 'text' })
  lab!: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @Column({ name: 'final_on', type: 'date' })
  finalOn!: string;

  @Column({ name: 'failed_items', type: 'jsonb', default: () => "'[]'" })
  failedItems!: PublishedFailedItem[];

  @Column({ type: 'text', nullable: true })
  remark!: string | null;
}
