import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A downstream holder's confirmation that it withdrew a failed batch (by API or EPCIS event). */
@Entity('recall_confirmation')
export class RecallConfirmation {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The holder. */
  @PrimaryColumn({ type: 'text' })
  uscc!: string;

  @Column({ name: 'confirmed_by', type: 'text' })
  confirmedBy!: string;

  @Column({ name: 'confirmed_at', type: 'timestamptz' })
  confirmedAt!: Date;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
