import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource, ObjectLiteral } from 'typeorm';
import type { DirectoryFilter } from './directory.repository';
import type { DirectorySpec } from './specs';

/** One exported row: the spec's columns in order; a catalog limit comes as its JSON rule. */
export type ExportRow = Record<string, unknown>;

/**
 * The export's read model: a directory's rows in its file layout (one column per spec
 * column, in key order), over the caller's filtered and scoped query.
 */
@Injectable()
export class DirectoryExportQueries {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private selectSql(
    spec: DirectorySpec,
    filter: DirectoryFilter<ObjectLiteral>,
  ): [string, unknown[]] {
    const alias = filter.alias;
    if (spec.name === 'catalog') {
      const [sub, params] = filter
        .clone()
        .select(`${alias}.code`)
        .orderBy()
        .getQueryAndParameters();
      return [
        `SELECT c.code, c.name, c.sector, i->>'code' AS item_code, i->>'name' AS item_name, i->>'method' AS method,
                i->>'unit' AS unit, i->'limit' AS "limit",
                CASE WHEN (i->>'microbial')::boolean THEN '是' ELSE '否' END AS microbial
         FROM product_category c CROSS JOIN LATERAL jsonb_array_elements(c.items) i
         WHERE c.code IN (${sub}) ORDER BY c.code, i->>'code'`,
        params,
      ];
    }
    const qb = filter.clone().select([]).orderBy(`"${alias}"."${spec.key}"`);
    spec.columns.forEach((c, i) =>
      qb.addSelect(c.exportSql ? c.exportSql(`"${alias}"`) : `"${alias}"."${c.db}"`, `c${i}`),
    );
    return qb.getQueryAndParameters();
  }

  /**
   * The rows as CSV records straight from PostgreSQL's COPY, streamed. The connection is its
   * own, returned to the pool when the stream ends and discarded when the reader goes away
   * mid-COPY (it would otherwise stay stuck in COPY state).
   */
  async copyCsv(spec: DirectorySpec, filter: DirectoryFilter<ObjectLiteral>, out: PassThrough) {
    const [query, params] = this.selectSql(spec, filter);
    const pool = (this.ds.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    let released = false;
    const release = (err?: Error) => {
      if (released) return;
      released = true;
      client.release(err);
    };
    // COPY takes no parameters; the values are inlined as escaped literals.
    const sql = query.replace(/\$(\d+)/g, (_, i: string) =>
      client.escapeLiteral(String(params[Number(i) - 1])),
    );
    const copy = client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`));
    pipeline(copy, out).then(
      () => release(),
      (e: Error) => release(e),
    );
  }

  /** The rows loaded at once: for the catalog, whose rows are few. */
  async rows(spec: DirectorySpec, filter: DirectoryFilter<ObjectLiteral>): Promise<ExportRow[]> {
    const [sql, params] = this.selectSql(spec, filter);
    return (await this.ds.query(sql, params)) as ExportRow[];
  }
}
