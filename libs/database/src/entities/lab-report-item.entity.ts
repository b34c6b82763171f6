import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A result item of a report version, in order (`seq`). Its limit is `limit_rule` (libs/domain's
 * LimitRule as JSON) and `limit_text` as the standard writes it; `verdict` and `reason` are
 * stored when the version is issued. No foreign key to lab_report: a statement-level trigger
 * checks inserted items against their report, which keeps bulk COPY fast.
 */
@Entity('lab_report_item')
export class LabReportItem {
  @PrimaryColumn({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ name: 'item_code', type: 'text' })
  itemCode!: string;

  @Column({ name: 'item_name', type: 'text' })
  itemName!: string;

  @Column({ type: 'text', nullable: true })
  method!: string | null;

  @Column({ type: 'text', nullable: true })
  unit!: string | null;

  @Column({ name: 'limit_rule', type: 'jsonb' })
  limitRule!: Record<string, unknown>;

  @Column({ name: 'limit_text', type: 'text' })
  limitText!: string;

  @Column({ type: 'text', default: 'full' })
  comparison!: 'full' | 'rounded';

  @Column({ name: 'rounding_digits', type: 'integer', nullable: true })
  roundingDigits!: number | null;

  @Column({ type: 'text', nullable: true })
  value!: string | null;

  @Column({ name: 'not_tested_reason', type: 'text', nullable: true })
  notTestedReason!: string | null;

  /** Judged by the enterprise's stricter declared standard instead of the template's limit. */
  @Column({ name: 'limit_basis', type: 'jsonb', nullable: true })
  limitBasis!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  verdict!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  reason!: unknown;
}
