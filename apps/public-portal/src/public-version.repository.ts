import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What the public can see at one moment: the published versions, and how far search has got. */
export interface PublicState {
  /** Published versions that no published version supersedes: the only ones searched. */
  current: string[];
  /** How many versions are published (superseded ones included). */
  published: number;
  /** How many versions the search has indexed, and when the last was. */
  indexed: number;
  lastIndexedAt: string | null;
}

@Injectable()
export class PublicVersionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async state(): Promise<PublicState> {
    const [row] = (await this.ds.query(
      `SELECT coalesce(array_agg(p.id::text ORDER BY p.id) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM publication n WHERE n.supersedes_id = p.id AND n.state = 'published')),
              '{}') AS current,
              count(*)::int AS published,
              (SELECT count(*)::int FROM public_search_indexed) AS indexed,
              (SELECT max(indexed_at)::text FROM public_search_indexed) AS "lastIndexedAt"
         FROM publication p WHERE p.state = 'published'`,
    )) as PublicState[];
    return row;
  }
}
