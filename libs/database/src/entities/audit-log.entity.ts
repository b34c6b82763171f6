import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only record of every write. `seq` is taken at insert; `chainPos`, `prevHash` and
 * `hash` are filled later by the sealing job so writers never wait on one another.
 */
@Entity('audit_log')
export class AuditLog {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  seq!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text', nullable: true })
  org!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text', nullable: true })
  entityId!: string | null;

  @Column({ name: 'before_digest', type: 'text', nullable: true })
  beforeDigest!: string | null;

  @Column({ name: 'after_digest', type: 'text', nullable: true })
  afterDigest!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  detail!: Record<string, unknown> | null;

  @Column({ name: 'chain_pos', type: 'bigint', nullable: true })
  chainPos!: string | null;

  @Column({ name: 'prev_hash', type: 'text', nullable: true })
  prevHash!: string | null;

  @Column({ type: 'text', nullable: true })
  hash!: string | null;
}
