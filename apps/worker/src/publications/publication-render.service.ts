import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  PUBLICATION_FILE_NAMES,
  PublicationDocuments,
  PublicationFileStore,
  PublicationRepository,
} from '@spotcheck/database';
import { renderPublication } from './publication-files';

/**
 * Renders a published list once to its files (JSON, CSV with BOM, XLSX) and stores them with
 * their digests. Idempotent: a list whose files are stored is left alone, and a file stored
 * meanwhile by another worker is kept. Before anything is stored, the JSON rendered from the
 * stored rows must hash to the digest the list was published with.
 */
@Injectable()
export class PublicationRenderService {
  private readonly logger = new Logger(PublicationRenderService.name);
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly lists: PublicationRepository,
    private readonly documents: PublicationDocuments,
    private readonly files: PublicationFileStore,
  ) {}

  async render(publicationId: string): Promise<{ stored: string[] } | { skipped: string }> {
    const row = await this.lists.find(this.ds.manager, publicationId);
    if (!row) return { skipped: 'absent' };
    if (row.state !== 'published') return { skipped: row.state };
    const have = new Set((await this.files.list(publicationId)).map((f) => f.name));
    if (PUBLICATION_FILE_NAMES.every((n) => have.has(n))) return { skipped: 'rendered' };
    const started = Date.now();
    const doc = await this.documents.of(this.ds.manager, row);
    const read = Date.now();
    const files = await renderPublication(doc);
    const rendered = Date.now();
    const json = files.find((f) => f.name === 'list.json')!;
    if (json.sha256 !== row.digest)
      throw new Error(
        `publication ${row.id}: its rows hash to ${json.sha256}, not the published digest ${row.digest}; nothing rendered`,
      );
    const missing = files.filter((f) => !have.has(f.name));
    await this.files.put(publicationId, missing);
    this.logger.log(
      `publication ${row.noticeNo}: stored ${missing.map((f) => f.name).join(', ')} ` +
        `(${doc.failed.length + doc.passed.length} rows read in ${read - started} ms, ` +
        `rendered in ${rendered - read} ms, stored in ${Date.now() - rendered} ms)`,
    );
    return { stored: missing.map((f) => f.name) };
  }
}
