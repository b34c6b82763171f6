import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type IsoDate, type PublicationDocument, publicationDocument } from '@spotcheck/domain';
import { PublicationRepository, type PublicationRow } from './publication.repository';

/** What publishing adds to a version, before it is stored. */
export interface NoticeFields {
  noticeNo: string;
  publishedOn: IsoDate;
  previousDigest: string | null;
}

/**
 * The document of a version (libs/domain publication-document.ts) from its stored rows: what
 * its digest is computed over when it is published, recomputed over by the verification, and
 * rendered to files by the worker.
 */
@Injectable()
export class PublicationDocuments {
  constructor(private readonly lists: PublicationRepository) {}

  /**
   * The document of `row`: as published, or, with `notice`, as it will be once published with
   * those fields.
   */
  async of(
    m: EntityManager,
    row: PublicationRow,
    notice?: NoticeFields,
  ): Promise<PublicationDocument> {
    const noticeNo = notice?.noticeNo ?? row.noticeNo;
    const publishedOn = notice?.publishedOn ?? row.publishedOn;
    if (noticeNo === null || publishedOn === null)
      throw new Error(`publication ${row.id} is not published`);
    let supersedes = null;
    if (row.supersedesId) {
      const old = await this.lists.find(m, row.supersedesId);
      if (!old?.noticeNo || !old.digest)
        throw new Error(`publication ${row.id} supersedes ${row.supersedesId}, not published`);
      supersedes = { id: old.id, noticeNo: old.noticeNo, digest: old.digest };
    }
    const [failed, passed] = [
      await this.lists.failedEntries(m, row.id),
      await this.lists.passedEntries(m, row.id),
    ];
    return publicationDocument(
      {
        id: row.id,
        jurisdiction: row.jurisdiction,
        jurisdictionName: row.jurisdictionName,
        series: row.seriesId,
        version: row.version,
        kind: row.kind,
        reason: row.reason,
        supersedes,
        noticeNo,
        publishedOn,
        until: row.until,
        previousDigest: notice ? notice.previousDigest : row.previousDigest,
      },
      failed,
      passed,
    );
  }
}
