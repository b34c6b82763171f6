import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One entry of a published list as the public search reads it (ADR 0024): the names joined in
 * `search`, their characters' pairs in `grams` (GIN-indexed). Written by the worker when a
 * version is published, removed when it is superseded.
 */
@Entity('public_entry')
export class PublicEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'publication_id', type: 'uuid' })
  publicationId!: string;

  /** 'failed' or 'passed'. */
  @Column({ name: 'table_kind', type: 'text' })
  tableKind!: string;

  @Column({ type: 'integer' })
  serial!: number;

  @Column({ type: 'text' })
  jurisdiction!: string;

  @Column({ name: 'notice_no', type: 'text' })
  noticeNo!: string;

  @Column({ name: 'published_on', type: 'date' })
  publishedOn!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode!: string;

  @Column({ type: 'text', nullable: true })
  sector!: string | null;

  @Column({ name: 'lab_id', type: 'uuid' })
  labId!: string;

  @Column({ name: 'manufacturer_uscc', type: 'text', nullable: true })
  manufacturerUscc!: string | null;

  @Column({ name: 'sampled_uscc', type: 'text' })
  sampledUscc!: string;

  @Column({ name: 'product_name', type: 'text' })
  productName!: string;

  @Column({ type: 'text', nullable: true })
  brand!: string | null;

  @Column({ name: 'manufacturer_name', type: 'text' })
  manufacturerName!: string;

  @Column({ name: 'sampled_unit_name', type: 'text' })
  sampledUnitName!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text' })
  lab!: string;

  @Column({ type: 'text' })
  search!: string;

  @Column({ type: 'text', array: true })
  grams!: string[];
}
