import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EpcisEvent as EpcisEventDocument, EpcisEventType } from '@spotcheck/domain';

/** A captured EPCIS 2.0 event, append-only, stored once per owner and eventID. */
@Entity('epcis_event')
export class CapturedEpcisEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'owner_uscc', type: 'text' })
  ownerUscc!: string;

  /** Its eventID, or its content hash when it has none. */
  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_hash', type: 'text' })
  eventHash!: string;

  @Column({ name: 'capture_id', type: 'uuid' })
  captureId!: string;

  @Column({ type: 'text' })
  type!: EpcisEventType;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime!: Date;

  @Column({ name: 'event_time_zone_offset', type: 'text' })
  eventTimeZoneOffset!: string;

  @Column({ type: 'text', nullable: true })
  action!: 'ADD' | 'OBSERVE' | 'DELETE' | null;

  @Column({ name: 'biz_step', type: 'text', nullable: true })
  bizStep!: string | null;

  @Column({ type: 'text', nullable: true })
  disposition!: string | null;

  @Column({ name: 'read_point', type: 'text', nullable: true })
  readPoint!: string | null;

  @Column({ name: 'biz_location', type: 'text', nullable: true })
  bizLocation!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  epcs!: string[];

  @Column({ name: 'epc_classes', type: 'text', array: true, default: () => "'{}'" })
  epcClasses!: string[];

  /** GTIN-14s the event names. */
  @Column({ type: 'text', array: true })
  gtins!: string[];

  /** `<gtin14>/<lot>` keys of the batches the event names. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  lots!: string[];

  @Column({ name: 'biz_transactions', type: 'jsonb', default: () => "'[]'" })
  bizTransactions!: unknown[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  sources!: unknown[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  destinations!: unknown[];

  @Column({ type: 'jsonb' })
  event!: EpcisEventDocument;

  @Column({ name: 'captured_at', type: 'timestamptz', default: () => 'now()' })
  capturedAt!: Date;
}
