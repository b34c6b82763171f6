import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A published list rendered once (JSON, CSV, XLSX), with the SHA-256 of its bytes. */
@Entity('publication_file')
export class PublicationFile {
  @PrimaryColumn({ name: 'publication_id', type: 'uuid' })
  publicationId!: string;

  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ name: 'media_type', type: 'text' })
  mediaType!: string;

  @Column({ type: 'text' })
  sha256!: string;

  /** bigint: node-postgres returns int8 as a string. */
  @Column({ type: 'bigint' })
  size!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
