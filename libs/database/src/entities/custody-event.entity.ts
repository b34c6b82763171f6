import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CustodyKind, CustodyState } from '@spotcheck/domain';

/** One custody step of a sample, append-only (a trigger refuses updates and deletes). */
@Entity('custody_event')
export class CustodyEvent {
  @PrimaryColumn({ name: 'sample_id', type: 'uuid' })
  sampleId!: string;

  /** 1, 2, … within the sample. */
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text' })
  kind!: CustodyKind;

  @Column({ name: 'state_after', type: 'text' })
  stateAfter!: CustodyState;

  /** When it happened, as reported. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  /** Token `sub`. */
  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole!: string;

  /** The lab id, for a lab. */
  @Column({ name: 'actor_org', type: 'text', nullable: true })
  actorOrg!: string | null;

  /** The inspector's staff number, when the token carries one. */
  @Column({ name: 'actor_staff_no', type: 'text', nullable: true })
  actorStaffNo!: string | null;

  @Column({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Per kind: see the Samples migration. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail!: Record<string, unknown>;
}
