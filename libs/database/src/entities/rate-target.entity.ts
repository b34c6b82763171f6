import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Sector, TargetMetric } from '@spotcheck/domain';

/** A target rates are shown against, per jurisdiction, sector, year and metric (percent). */
@Entity('rate_target')
export class RateTarget {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', collation: 'C' })
  jurisdiction!: string;

  @Column({ type: 'text' })
  sector!: Sector;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  metric!: TargetMetric;

  @Column({ type: 'numeric', precision: 5, scale: 2 })
  target!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}
