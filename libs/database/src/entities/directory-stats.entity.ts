import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EnterpriseStatus, RiskClass } from '@spotcheck/domain';

/**
 * Enterprises counted by region, credit-risk class and status. The worker recomputes the whole
 * table after directory changes; the API only reads it.
 */
@Entity('directory_stats')
export class DirectoryStats {
  @PrimaryColumn({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @PrimaryColumn({ name: 'risk_class', type: 'text' })
  riskClass!: RiskClass;

  @PrimaryColumn({ type: 'text' })
  status!: EnterpriseStatus;

  @Column({ type: 'integer' })
  enterprises!: number;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt!: Date;
}
