import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A published version whose entries are in `public_entry`: how many, and when indexed. */
@Entity('public_search_indexed')
export class PublicSearchIndexed {
  @PrimaryColumn({ name: 'publication_id', type: 'uuid' })
  publicationId!: string;

  @Column({ type: 'integer' })
  entries!: number;

  @Column({ name: 'indexed_at', type: 'timestamptz' })
  indexedAt!: Date;
}
