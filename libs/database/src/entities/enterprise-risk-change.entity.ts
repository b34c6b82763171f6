import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RiskClass } from '@spotcheck/domain';

/**
 * One change of an enterprise's credit-risk class, written by a database trigger whatever path
 * changed it (API, import, risk feedback), with the reason its writer gave, if any.
 * Registration writes no row.
 */
@Entity('enterprise_risk_change')
export class EnterpriseRiskChange {
  /** bigserial: node-postgres returns int8 as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  uscc!: string;

  @Column({ name: 'from_class', type: 'text' })
  fromClass!: RiskClass;

  @Column({ name: 'to_class', type: 'text' })
  toClass!: RiskClass;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;

  /** Why, when the writer said: e.g. the published list that raised it. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'publication_id', type: 'uuid', nullable: true })
  publicationId!: string | null;
}
