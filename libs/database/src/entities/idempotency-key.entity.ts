import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An `Idempotency-Key` claimed by a write, with the answer stored in the same transaction.
 * `status` and `response` stay null only while the claiming transaction is open.
 */
@Entity('idempotency_key')
export class IdempotencyKey {
  @PrimaryColumn({ type: 'text' })
  scope!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'request_sha256', type: 'text' })
  requestSha256!: string;

  @Column({ type: 'integer', nullable: true })
  status!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  response!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
