import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export type InspectionTaskState = 'assigned' | 'sampled' | 'unable_to_sample' | 'cancelled';

/** 抽查任务: one selection of a draw, with its inspector pair and lab (DESIGN §3.2). */
@Entity('inspection_task')
export class InspectionTask {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @Column({ name: 'draw_id', type: 'uuid' })
  drawId!: string;

  @Column({ name: 'task_no', type: 'integer' })
  taskNo!: number;

  @Column({ type: 'text' })
  uscc!: string;

  @Column({ type: 'text' })
  category!: string;

  /** Two staff numbers in the order drawn, or null (see `unassigned`). */
  @Column({ type: 'text', array: true, nullable: true })
  inspectors!: string[] | null;

  @Column({ name: 'lab_id', type: 'uuid', nullable: true })
  labId!: string | null;

  /** Why the inspectors or the lab are missing, as in the draw record. */
  @Column({ type: 'jsonb', nullable: true })
  unassigned!: Record<string, unknown> | null;

  /** ISO date (YYYY-MM-DD). */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'text', default: 'assigned' })
  state!: InspectionTaskState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
