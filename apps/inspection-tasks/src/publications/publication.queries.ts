import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Scope, ScopeColumns, scopeSql } from '@spotcheck/auth';
import { PUBLICATION_COLUMNS, type PublicationRow } from '@spotcheck/database';
import type { PublicationState } from '@spotcheck/domain';

/** A list is its jurisdiction's: regulators of that subtree see it. */
const PUBLICATION_SCOPE: ScopeColumns = { region: 'p.jurisdiction' };

/** One row of a list's table, as the API pages it. */
export interface EntryRow {
  serial: number;
  sampleNo: string;
  manufacturerName: string;
  manufacturerAddress: string | null;
  sampledUnitName: string;
  sampledUnitAddress: string | null;
  sampledUnitRegion: string;
  productName: string;
  spec: string | null;
  brand: string | null;
  productionDate: string | null;
  batchNo: string | null;
  failedItems: unknown[];
  category: string;
  lab: string | null;
  taskSource: string;
  remark: string | null;
}

/** Published lists as regulators read them: every query applies the caller's scope. */
@Injectable()
export class PublicationQueries {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The newest 200 versions in scope. */
  list(
    scope: Scope,
    f: { jurisdiction?: string; state?: PublicationState },
  ): Promise<PublicationRow[]> {
    const params: unknown[] = [f.jurisdiction ?? null, f.state ?? null];
    const arg = (v: unknown) => `$${params.push(v)}`;
    return this.ds.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM publication p
        WHERE ($1::text IS NULL OR p.jurisdiction = $1) AND ($2::text IS NULL OR p.state = $2)
          AND ${scopeSql(scope, PUBLICATION_SCOPE, arg)}
        ORDER BY p.compiled_at DESC, p.id LIMIT 200`,
      params,
    ) as Promise<PublicationRow[]>;
  }

  /** The version `id` if in scope, locked for the caller's transaction with `lock`. */
  async find(
    m: EntityManager,
    scope: Scope,
    id: string,
    lock = false,
  ): Promise<PublicationRow | undefined> {
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM publication p
        WHERE p.id = $1 AND ${scopeSql(scope, PUBLICATION_SCOPE, arg)}${lock ? ' FOR UPDATE OF p' : ''}`,
      params,
    )) as PublicationRow[];
    return row;
  }

  /** Up to `limit` rows of one table of version `id` after serial `after`. */
  entries(
    id: string,
    table: 'failed' | 'passed',
    after: number,
    limit: number,
  ): Promise<EntryRow[]> {
    return this.ds.query(
      `SELECT e.serial, e.sample_no AS "sampleNo", e.manufacturer_name AS "manufacturerName",
              e.manufacturer_address AS "manufacturerAddress",
              e.sampled_unit_name AS "sampledUnitName",
              CASE WHEN e.table_kind = 'failed' THEN e.sampled_unit_address END
                AS "sampledUnitAddress",
              e.sampled_unit_region AS "sampledUnitRegion", e.product_name AS "productName",
              e.spec, e.brand, e.production_date::text AS "productionDate",
              e.batch_no AS "batchNo", e.failed_items AS "failedItems", e.category,
              CASE WHEN e.table_kind = 'failed' THEN e.lab END AS lab,
              e.task_source AS "taskSource", e.remark
         FROM publication_entry e
        WHERE e.publication_id = $1 AND e.table_kind = $2 AND e.serial > $3
        ORDER BY e.serial LIMIT $4`,
      [id, table, after, limit],
    ) as Promise<EntryRow[]>;
  }
}
