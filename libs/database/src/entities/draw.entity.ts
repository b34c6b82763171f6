import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DrawRecordHeader, StratumResult } from '@spotcheck/domain';

/** The draw (双随机抽取) of a sampling plan: one per plan, with its full record. */
@Entity('draw')
export class Draw {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid', unique: true })
  planId!: string;

  @Column({ name: 'algorithm_version', type: 'text' })
  algorithmVersion!: string;

  @Column({ type: 'text' })
  seed!: string;

  @Column({ type: 'text' })
  commitment!: string;

  @Column({ name: 'eligible_digest', type: 'text' })
  eligibleDigest!: string;

  @Column({ type: 'jsonb' })
  strata!: StratumResult[];

  /** The record without its eligible list; with it, verifyDraw recomputes the draw. */
  @Column({ type: 'jsonb' })
  record!: DrawRecordHeader;

  /**
   * The eligible list as gzipped snapshot text (libs/domain/src/draw/snapshot.ts; see
   * encodeEligible), megabytes for a large draw: never loaded unless asked for.
   */
  @Column({ type: 'bytea', select: false })
  eligible!: Buffer;

  @Column({ name: 'drawn_at', type: 'timestamptz' })
  drawnAt!: Date;

  @Column({ name: 'drawn_by', type: 'text' })
  drawnBy!: string;
}

/** Why an enterprise was left out of a draw's eligible set for a category. */
@Entity('draw_exclusion')
export class DrawExclusion {
  @PrimaryColumn({ name: 'draw_id', type: 'uuid' })
  drawId!: string;

  @PrimaryColumn({ type: 'text' })
  uscc!: string;

  @PrimaryColumn({ type: 'text' })
  category!: string;

  @Column({ type: 'text' })
  code!: 'RECENTLY_CHECKED' | 'HIGHER_LEVEL_PLAN';

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'by_plan_id', type: 'uuid', nullable: true })
  byPlanId!: string | null;
}
