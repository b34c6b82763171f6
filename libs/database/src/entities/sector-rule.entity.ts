import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Sector, SectorRuleSet } from '@spotcheck/domain';

/** One version of one sector's rules (libs/domain sector-rules.ts); never changed once written. */
@Entity('sector_rule')
export class SectorRule {
  @PrimaryColumn({ type: 'text' })
  sector!: Sector;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  rules!: SectorRuleSet;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'set_by', type: 'text' })
  setBy!: string;

  @Column({ name: 'set_at', type: 'timestamptz', default: () => 'now()' })
  setAt!: Date;
}
