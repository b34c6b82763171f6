import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One changed member of a task's inspector pair, append-only. The draw record keeps the pair
 * as drawn; these rows explain every difference between it and the task's current pair.
 */
@Entity('task_reassignment')
export class TaskReassignment {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  /** 1 or 2: the position in `inspection_task.inspectors`. */
  @Column({ type: 'smallint' })
  slot!: number;

  /** Null when the task had no pair (the draw found none) and got one. */
  @Column({ name: 'old_staff_no', type: 'text', nullable: true })
  oldStaffNo!: string | null;

  @Column({ name: 'new_staff_no', type: 'text' })
  newStaffNo!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** Token `sub` of who reassigned. */
  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
