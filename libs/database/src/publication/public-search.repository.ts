import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The public portal's search rows (`public_entry`, ADR 0024): a published version's entries go
 * in and those of the versions it supersedes go out, in one transaction under the series'
 * lock (`public_search_index`, migration PublicSearch). Once per version; a version that is not
 * published is never indexed.
 */
@Injectable()
export class PublicSearchRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Indexes a published version: the number of its entries made searchable, 0 when it was
   * indexed before or is superseded already, -1 when it is not published.
   */
  async index(publicationId: string): Promise<number> {
    const [row] = (await this.ds.query(`SELECT public_search_index($1) AS n`, [publicationId])) as {
      n: number;
    }[];
    return row.n;
  }
}
