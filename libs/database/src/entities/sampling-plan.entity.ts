import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { PlanState, RiskClass } from '@spotcheck/domain';

export type PlanLevel = 'national' | 'provincial' | 'prefecture';
export type SamplingStage = 'production' | 'distribution' | 'online';

/** 抽查计划: a sampling plan and, once committed, its seed commitment (docs/rules.md §3.2). */
@Entity('sampling_plan')
export class SamplingPlan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  level!: PlanLevel;

  /** GB/T 2260 code of the plan's area; '000000' for a national plan. */
  @Column({ type: 'text' })
  jurisdiction!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text', array: true })
  categories!: string[];

  @Column({ type: 'text', array: true })
  stages!: SamplingStage[];

  /** Risk class → basis points (300 = 3 %), every class present. */
  @Column({ type: 'jsonb' })
  ratios!: Record<RiskClass, number>;

  @Column({ name: 'stratify_by_prefecture', type: 'boolean', default: false })
  stratifyByPrefecture!: boolean;

  @Column({ name: 'max_tasks', type: 'integer', nullable: true })
  maxTasks!: number | null;

  /** Workload cap: the most tasks the draw gives one inspector; null for none. */
  @Column({ name: 'max_tasks_per_inspector', type: 'integer', nullable: true })
  maxTasksPerInspector!: number | null;

  /** ISO date (YYYY-MM-DD). */
  @Column({ name: 'sampling_deadline', type: 'date', nullable: true })
  samplingDeadline!: string | null;

  @Column({ name: 'report_deadline', type: 'date', nullable: true })
  reportDeadline!: string | null;

  @Column({ type: 'text', default: 'draft' })
  state!: PlanState;

  /** sha256(seed), 64 lowercase hex digits; set once by the commit. */
  @Column({ type: 'text', nullable: true })
  commitment!: string | null;

  @Column({ type: 'text', nullable: true })
  witness!: string | null;

  @Column({ name: 'committed_at', type: 'timestamptz', nullable: true })
  committedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
