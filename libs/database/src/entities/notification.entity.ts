import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationAudience, NotificationKind } from '@spotcheck/domain';

/**
 * A notification to regulators or admins (docs/rules.md §3.7), raised once per kind, subject and
 * recipient (audience, jurisdiction, addressee).
 */
@Entity('notification')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  /** A sample's id, a result notice's id, or `<queue>/<job id>`. */
  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  audience!: NotificationAudience;

  /** The regulators' office it is addressed to (GB/T 2260); null for admins. */
  @Column({ type: 'text', collation: 'C', nullable: true })
  jurisdiction!: string | null;

  /** One person (token `sub`) it is addressed to, or null for everyone of the recipient. */
  @Column({ type: 'text', nullable: true })
  addressee!: string | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt!: Date;
}

/** That `reader` (a token `sub`) has read a notification. */
@Entity('notification_read')
export class NotificationRead {
  @PrimaryColumn({ name: 'notification_id', type: 'uuid' })
  notificationId!: string;

  @PrimaryColumn({ type: 'text' })
  reader!: string;

  @Column({ name: 'read_at', type: 'timestamptz', default: () => 'now()' })
  readAt!: Date;
}
