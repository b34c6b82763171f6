import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One day of the working-day calendar whose status is known: `workday` true for a working day
 * (a make-up Saturday or Sunday, 调休上班, included). Days without a row follow the weekday rule.
 */
@Entity('work_calendar')
export class WorkCalendarDay {
  /** YYYY-MM-DD; read as text so no time zone can move it to the previous day. */
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ type: 'boolean' })
  workday!: boolean;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  /** `chinese-days` (the package's data) or `admin` (an edit the seed never overwrites). */
  @Column({ type: 'text' })
  source!: 'chinese-days' | 'admin';

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}
