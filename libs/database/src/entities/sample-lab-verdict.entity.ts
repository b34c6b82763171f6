import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The verdict that counts for a sample at its lab: its latest issued report version. Derived
 * by the worker from `report.issued`, for rates and publication.
 */
@Entity('sample_lab_verdict')
export class SampleLabVerdict {
  @PrimaryColumn({ name: 'sample_id', type: 'uuid' })
  sampleId!: string;

  @PrimaryColumn({ name: 'lab_id', type: 'uuid' })
  labId!: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  verdict!: string;

  @Column({ name: 'failed_items', type: 'jsonb' })
  failedItems!: unknown[];

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
