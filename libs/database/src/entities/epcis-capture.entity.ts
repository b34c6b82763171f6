import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One EPCIS document an enterprise sent, with how many of its events were new. */
@Entity('epcis_capture')
export class EpcisCapture {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'owner_uscc', type: 'text' })
  ownerUscc!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount!: number;

  @Column({ name: 'new_count', type: 'integer' })
  newCount!: number;

  @Column({ name: 'duplicate_count', type: 'integer' })
  duplicateCount!: number;

  @Column({ name: 'body_sha256', type: 'text' })
  bodySha256!: string;
}
