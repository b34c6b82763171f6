import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { LimitRule, Sector } from '@spotcheck/domain';

export interface TestItemTemplate {
  code: string;
  name: string;
  method: string;
  unit: string;
  limit: LimitRule;
  /** A microbial item (微生物指标): the sector rules may forbid retesting its failure. */
  microbial?: boolean;
}

/** 随机抽查事项清单: a product category that may be spot-checked, with its test items. */
@Entity('product_category')
export class ProductCategory {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  sector!: Sector;

  @Column({ type: 'jsonb' })
  items!: TestItemTemplate[];

  @Column({ type: 'boolean' })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
