import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PublicationKind, PublicationState } from '@spotcheck/domain';

/**
 * One version of a published list of results (不合格产品名单 with the pass results beside it),
 * docs/rules.md §3.6; immutable once published or discarded (trigger).
 */
@Entity('publication')
export class Publication {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', collation: 'C' })
  jurisdiction!: string;

  @Column({ name: 'jurisdiction_name', type: 'text' })
  jurisdictionName!: string;

  @Column({ name: 'series_id', type: 'uuid' })
  seriesId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  kind!: PublicationKind;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true })
  supersedesId!: string | null;

  @Column({ type: 'text' })
  state!: PublicationState;

  @Column({ type: 'date' })
  until!: string;

  @Column({ name: 'failed_count', type: 'integer', default: 0 })
  failedCount!: number;

  @Column({ name: 'passed_count', type: 'integer', default: 0 })
  passedCount!: number;

  @Column({ name: 'compiled_by', type: 'text' })
  compiledBy!: string;

  @Column({ name: 'compiled_at', type: 'timestamptz', default: () => 'now()' })
  compiledAt!: Date;

  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'published_by', type: 'text', nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'discarded_by', type: 'text', nullable: true })
  discardedBy!: string | null;

  @Column({ name: 'discarded_at', type: 'timestamptz', nullable: true })
  discardedAt!: Date | null;

  @Column({ name: 'discard_reason', type: 'text', nullable: true })
  discardReason!: string | null;

  @Column({ name: 'notice_no', type: 'text', nullable: true })
  noticeNo!: string | null;

  @Column({ name: 'notice_year', type: 'integer', nullable: true })
  noticeYear!: number | null;

  @Column({ name: 'notice_seq', type: 'integer', nullable: true })
  noticeSeq!: number | null;

  @Column({ name: 'published_on', type: 'date', nullable: true })
  publishedOn!: string | null;

  @Column({ name: 'chain_seq', type: 'integer', nullable: true })
  chainSeq!: number | null;

  @Column({ name: 'previous_id', type: 'uuid', nullable: true })
  previousId!: string | null;

  @Column({ name: 'previous_digest', type: 'text', nullable: true })
  previousDigest!: string | null;

  @Column({ type: 'text', nullable: true })
  digest!: string | null;
}
