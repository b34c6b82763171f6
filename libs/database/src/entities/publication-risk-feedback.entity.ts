import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RiskClass } from '@spotcheck/domain';

/** The credit-risk class a published list raised an enterprise to: once per list and enterprise. */
@Entity('publication_risk_feedback')
export class PublicationRiskFeedback {
  @PrimaryColumn({ name: 'series_id', type: 'uuid' })
  seriesId!: string;

  @PrimaryColumn({ type: 'text', collation: 'C' })
  uscc!: string;

  @Column({ name: 'publication_id', type: 'uuid' })
  publicationId!: string;

  @Column({ name: 'from_class', type: 'text' })
  fromClass!: RiskClass;

  @Column({ name: 'to_class', type: 'text' })
  toClass!: RiskClass;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt!: Date;
}
