import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { EnterpriseSize, EnterpriseStatus, RiskClass } from '@spotcheck/domain';

/** 检查对象名录库: one row per enterprise, keyed by its USCC (GB 32100). */
@Entity('enterprise')
export class Enterprise {
  @PrimaryColumn({ type: 'text' })
  uscc!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  address!: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @Column({ type: 'text' })
  size!: EnterpriseSize;

  @Column({ type: 'text', array: true })
  categories!: string[];

  @Column({ name: 'risk_class', type: 'text' })
  riskClass!: RiskClass;

  @Column({ type: 'text' })
  status!: EnterpriseStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
