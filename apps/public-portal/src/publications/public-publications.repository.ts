import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PUBLICATION_COLUMNS, type PublicationRow } from '@spotcheck/database';

/** The published version that replaced another: what the public is told about it. */
export interface SupersededBy {
  id: string;
  kind: 'correction' | 'withdrawal';
  reason: string;
  noticeNo: string;
  publishedOn: string;
}

/** A published version as the public sees it (no staff names). */
export interface PublicPublicationRow {
  id: string;
  jurisdiction: string;
  jurisdictionName: string;
  seriesId: string;
  version: number;
  kind: string;
  reason: string | null;
  supersedesId: string | null;
  supersededBy: SupersededBy | null;
  until: string;
  failedCount: number;
  passedCount: number;
  noticeNo: string;
  publishedOn: string;
  publishedAt: Date;
  chainSeq: number;
  previousId: string | null;
  previousDigest: string | null;
  digest: string;
}

/** One link of a jurisdiction's chain, with the SHA-256 of its stored list.json if rendered. */
export interface ChainRow {
  chainSeq: number;
  id: string;
  noticeNo: string;
  publishedOn: string;
  kind: string;
  previousId: string | null;
  previousDigest: string | null;
  digest: string;
  fileSha256: string | null;
}

const PUBLIC_COLUMNS = `p.id, p.jurisdiction, p.jurisdiction_name AS "jurisdictionName",
  p.series_id AS "seriesId", p.version, p.kind, p.reason, p.supersedes_id AS "supersedesId",
  (SELECT json_build_object('id', n.id, 'kind', n.kind, 'reason', n.reason,
                            'noticeNo', n.notice_no, 'publishedOn', n.published_on)
     FROM publication n WHERE n.supersedes_id = p.id AND n.state = 'published') AS "supersededBy",
  p.until::text AS until, p.failed_count AS "failedCount", p.passed_count AS "passedCount",
  p.notice_no AS "noticeNo", p.published_on::text AS "publishedOn",
  p.published_at AS "publishedAt", p.chain_seq AS "chainSeq", p.previous_id AS "previousId",
  p.previous_digest AS "previousDigest", p.digest`;

/** Published versions only: every query here says `state = 'published'`. */
@Injectable()
export class PublicPublicationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Published versions newest first, in a jurisdiction's subtree (a prefix) or everywhere. */
  page(
    f: { jurisdictionPrefix?: string; before?: [string, string] },
    limit: number,
  ): Promise<PublicPublicationRow[]> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    let where = `p.state = 'published'`;
    if (f.jurisdictionPrefix)
      where += ` AND p.jurisdiction LIKE ${arg(`${f.jurisdictionPrefix}%`)}`;
    if (f.before)
      where += ` AND (p.published_at, p.id) < (${arg(f.before[0])}::timestamptz, ${arg(f.before[1])}::uuid)`;
    return this.ds.query(
      `SELECT ${PUBLIC_COLUMNS} FROM publication p WHERE ${where}
        ORDER BY p.published_at DESC, p.id DESC LIMIT ${arg(limit)}`,
      params,
    ) as Promise<PublicPublicationRow[]>;
  }

  async find(id: string): Promise<PublicPublicationRow | undefined> {
    const [row] = (await this.ds.query(
      `SELECT ${PUBLIC_COLUMNS} FROM publication p WHERE p.id = $1 AND p.state = 'published'`,
      [id],
    )) as PublicPublicationRow[];
    return row;
  }

  /** The full row of a published version, as the verification reads it. */
  async published(id: string): Promise<PublicationRow | undefined> {
    const [row] = (await this.ds.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM publication p WHERE p.id = $1 AND p.state = 'published'`,
      [id],
    )) as PublicationRow[];
    return row;
  }

  /** The published versions of a list, first to last. */
  series(seriesId: string): Promise<PublicPublicationRow[]> {
    return this.ds.query(
      `SELECT ${PUBLIC_COLUMNS} FROM publication p
        WHERE p.series_id = $1 AND p.state = 'published' ORDER BY p.version`,
      [seriesId],
    ) as Promise<PublicPublicationRow[]>;
  }

  /** A jurisdiction's chain of published lists, in order. */
  chain(jurisdiction: string): Promise<ChainRow[]> {
    return this.ds.query(
      `SELECT p.chain_seq AS "chainSeq", p.id, p.notice_no AS "noticeNo",
              p.published_on::text AS "publishedOn", p.kind, p.previous_id AS "previousId",
              p.previous_digest AS "previousDigest", p.digest, f.sha256 AS "fileSha256"
         FROM publication p
         LEFT JOIN publication_file f ON f.publication_id = p.id AND f.name = 'list.json'
        WHERE p.jurisdiction = $1 AND p.state = 'published'
        ORDER BY p.chain_seq`,
      [jurisdiction],
    ) as Promise<ChainRow[]>;
  }
}
