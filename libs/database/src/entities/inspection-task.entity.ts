import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { TaskState, UnableReason } from '@spotcheck/domain';

export type InspectionTaskState = TaskState;

/** 抽查任务: one selection of a draw, with its inspector pair and lab (docs/rules.md §3.2). */
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

  /** On a re-inspection (复查) task: the task whose final failure it re-inspects. */
  @Column({ name: 'reinspection_of', type: 'uuid', nullable: true })
  reinspectionOf!: string | null;

  /** Why the task could not be sampled; set exactly when the state is unable_to_sample. */
  @Column({ name: 'unable_reason', type: 'text', nullable: true })
  unableReason!: UnableReason | null;

  /** Free text of the last state change: the note of unable, the reason of a cancel. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The enterprise refused to be sampled (a violation in itself). */
  @Column({ type: 'boolean', default: false })
  violation!: boolean;

  /** When and by whom (token `sub`) the task left `assigned`; null while it is assigned. */
  @Column({ name: 'state_changed_at', type: 'timestamptz', nullable: true })
  stateChangedAt!: Date | null;

  @Column({ name: 'state_changed_by', type: 'text', nullable: true })
  stateChangedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
