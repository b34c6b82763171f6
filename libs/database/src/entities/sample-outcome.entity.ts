import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LabVerdict, Outcome } from '@spotcheck/domain';

/**
 * The final outcome of a sample with an issued report (docs/rules.md §3.6), kept by the worker
 * (libs/domain decideOutcome), with the dimensions rates group it by, fixed when its first
 * report was issued.
 */
@Entity('sample_outcome')
export class SampleOutcome {
  @PrimaryColumn({ name: 'sample_id', type: 'uuid' })
  sampleId!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @Column({ type: 'text', collation: 'C' })
  jurisdiction!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text' })
  sector!: string;

  @Column({ name: 'region_code', type: 'text', collation: 'C' })
  regionCode!: string;

  @Column({ name: 'enterprise_size', type: 'text' })
  enterpriseSize!: string;

  @Column({ type: 'text' })
  stage!: string;

  @Column({ name: 'period_month', type: 'date' })
  periodMonth!: string;

  /** A re-inspection's sample (复查): it decides its case and counts in no qualification rate. */
  @Column({ type: 'boolean', default: false })
  reinspection!: boolean;

  @Column({ name: 'lab_id', type: 'uuid' })
  labId!: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  verdict!: LabVerdict;

  @Column({ type: 'text' })
  outcome!: Outcome;

  @Column({ type: 'text' })
  basis!: string;

  @Column({ name: 'standing_since', type: 'integer' })
  standingSince!: number;

  @Column({ name: 'objection_deadline', type: 'date', nullable: true })
  objectionDeadline!: string | null;

  @Column({ name: 'final_on', type: 'date', nullable: true })
  finalOn!: string | null;

  @Column({ name: 'decides_at', type: 'timestamptz', nullable: true })
  decidesAt!: Date | null;

  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @Column({ name: 'decided_at', type: 'timestamptz', default: () => 'now()' })
  decidedAt!: Date;
}
