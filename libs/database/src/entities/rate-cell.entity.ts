import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Batches counted by outcome at the finest grain rates are asked for (docs/rules.md §3.6).
 * Kept by the worker from `sample_outcome`; the API sums cells by the dimensions asked.
 */
@Entity('rate_cell')
export class RateCell {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @PrimaryColumn({ type: 'text' })
  category!: string;

  @PrimaryColumn({ name: 'region_code', type: 'text', collation: 'C' })
  regionCode!: string;

  @PrimaryColumn({ name: 'enterprise_size', type: 'text' })
  enterpriseSize!: string;

  @PrimaryColumn({ type: 'text' })
  stage!: string;

  @PrimaryColumn({ name: 'period_month', type: 'date' })
  periodMonth!: string;

  @Column({ type: 'text', collation: 'C' })
  jurisdiction!: string;

  @Column({ type: 'text' })
  sector!: string;

  @Column({ type: 'integer' })
  pass!: number;

  @Column({ type: 'integer' })
  fail!: number;

  @Column({ type: 'integer' })
  pending!: number;

  @Column({ type: 'integer' })
  excluded!: number;

  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' })
  computedAt!: Date;
}
