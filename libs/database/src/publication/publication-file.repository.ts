import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The files a published list is rendered to, by name. */
export const PUBLICATION_FILES = {
  'list.json': 'application/json; charset=utf-8',
  'failed.csv': 'text/csv; charset=utf-8',
  'passed.csv': 'text/csv; charset=utf-8',
  'list.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type PublicationFileName = keyof typeof PUBLICATION_FILES;
export const PUBLICATION_FILE_NAMES = Object.keys(PUBLICATION_FILES) as PublicationFileName[];

export interface StoredFileInfo {
  name: PublicationFileName;
  mediaType: string;
  /** SHA-256 of the bytes, lower-case hex. */
  sha256: string;
  size: number;
  createdAt: Date;
}

export interface StoredFile extends StoredFileInfo {
  content: Buffer;
}

export interface NewFile {
  name: PublicationFileName;
  sha256: string;
  content: Buffer;
}

/**
 * Where the rendered files of published lists are kept: written once, read many times. The
 * apps depend on this interface; {@link DatabaseFileStore} keeps them in PostgreSQL (one
 * backup, every replica reads them), and a store on disk or in an object store can replace it
 * by providing another implementation under this token.
 */
export abstract class PublicationFileStore {
  /** Stores the files not stored yet; a file already there is kept as it is (written once). */
  abstract put(publicationId: string, files: readonly NewFile[]): Promise<void>;
  abstract get(publicationId: string, name: PublicationFileName): Promise<StoredFile | undefined>;
  abstract list(publicationId: string): Promise<StoredFileInfo[]>;
}

/** `publication_file`: the bytes in a bytea column, never changed (trigger). */
@Injectable()
export class DatabaseFileStore extends PublicationFileStore {
  constructor(@InjectDataSource() private readonly ds: DataSource) {
    super();
  }

  async put(publicationId: string, files: readonly NewFile[]): Promise<void> {
    for (const f of files)
      await this.ds.query(
        `INSERT INTO publication_file (publication_id, name, media_type, sha256, size, content)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [publicationId, f.name, PUBLICATION_FILES[f.name], f.sha256, f.content.length, f.content],
      );
  }

  async get(publicationId: string, name: PublicationFileName): Promise<StoredFile | undefined> {
    const [row] = (await this.ds.query(
      `SELECT name, media_type AS "mediaType", sha256, size::int AS size, created_at AS "createdAt",
              content
         FROM publication_file WHERE publication_id = $1 AND name = $2`,
      [publicationId, name],
    )) as StoredFile[];
    return row;
  }

  list(publicationId: string): Promise<StoredFileInfo[]> {
    return this.ds.query(
      `SELECT name, media_type AS "mediaType", sha256, size::int AS size, created_at AS "createdAt"
         FROM publication_file WHERE publication_id = $1 ORDER BY name`,
      [publicationId],
    ) as Promise<StoredFileInfo[]>;
  }
}
