import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which series lists a sample's result, per table: one series per sample and table. */
@Entity('publication_listing')
export class PublicationListing {
  @PrimaryColumn({ name: 'sample_id', type: 'uuid' })
  sampleId!: string;

  @PrimaryColumn({ name: 'table_kind', type: 'text' })
  tableKind!: 'failed' | 'passed';

  @Column({ name: 'series_id', type: 'uuid' })
  seriesId!: string;

  /** The version that listed it first. */
  @Column({ name: 'publication_id', type: 'uuid' })
  publicationId!: string;
}
