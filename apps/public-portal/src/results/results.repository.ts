import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CountField, Sort } from './results.dto';

/** The filters of a search, checked already. */
export interface ResultFilter {
  /** The versions searched: published and not superseded (PublicAnswers). */
  current: readonly string[];
  q?: string;
  table?: 'failed' | 'passed';
  /** Prefixes of GB/T 2260 codes (regionPrefix). */
  regionPrefix?: string;
  jurisdictionPrefix?: string;
  category?: string;
  sector?: string;
  from?: string;
  to?: string;
  lab?: string;
  plan?: string;
  noticeNo?: string;
  uscc?: string;
}

/** A row of a public table as the API shows it, with the keys its page ends on. */
export interface ResultRow {
  /** The sort key and id the page's cursor carries. */
  cursorKey: string;
  cursorId: string;
  publicationId: string;
  result: 'failed' | 'passed';
  serial: number;
  noticeNo: string;
  publishedOn: string;
  jurisdiction: string;
  jurisdictionName: string;
  sampleNo: string;
  productName: string;
  brand: string | null;
  spec: string | null;
  productionDate: string | null;
  batchNo: string | null;
  manufacturerName: string;
  manufacturerAddress: string | null;
  sampledUnitName: string;
  sampledUnitAddress: string | null;
  sampledUnitRegionCode: string;
  sampledUnitRegion: string;
  category: string;
  categoryCode: string;
  sector: string | null;
  lab: string | null;
  labId: string | null;
  planId: string;
  taskSource: string;
  failedItems: unknown[];
  remark: string | null;
}

export interface EntryRow extends Omit<ResultRow, 'cursorKey' | 'cursorId'> {
  supersededBy: {
    id: string;
    kind: string;
    reason: string;
    noticeNo: string;
    publishedOn: string;
  } | null;
}

/** Escapes LIKE's wildcards and its escape character, so a query is matched as written. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * What a public row shows: the official columns of its table (a pass row names no address, no
 * items and no lab: docs/publication.md).
 */
const ROW = `
  e.publication_id AS "publicationId", e.table_kind AS result, e.serial,
  p.notice_no AS "noticeNo", p.published_on::text AS "publishedOn", p.jurisdiction,
  p.jurisdiction_name AS "jurisdictionName", e.sample_no AS "sampleNo",
  e.product_name AS "productName", e.brand, e.spec, e.production_date::text AS "productionDate",
  e.batch_no AS "batchNo", e.manufacturer_name AS "manufacturerName",
  e.manufacturer_address AS "manufacturerAddress", e.sampled_unit_name AS "sampledUnitName",
  CASE WHEN e.table_kind = 'failed' THEN e.sampled_unit_address END AS "sampledUnitAddress",
  e.sampled_unit_region_code AS "sampledUnitRegionCode", e.sampled_unit_region AS "sampledUnitRegion",
  e.category, e.category_code AS "categoryCode", c.sector,
  CASE WHEN e.table_kind = 'failed' THEN e.lab END AS lab,
  CASE WHEN e.table_kind = 'failed' THEN e.lab_id END AS "labId",
  e.plan_id AS "planId", e.task_source AS "taskSource", e.failed_items AS "failedItems", e.remark`;

/** How each sort orders the search rows, and the key its cursor carries. */
const SORT_SQL: Record<Sort, { order: string; key: string; cmp: '<' | '>'; type: string }> = {
  '-publishedOn': { order: 's.published_on DESC, s.id DESC', key: 's.published_on', cmp: '<', type: 'date' },
  publishedOn: { order: 's.published_on, s.id', key: 's.published_on', cmp: '>', type: 'date' },
  productName: { order: 's.product_name, s.id', key: 's.product_name', cmp: '>', type: 'text' },
  '-productName': { order: 's.product_name DESC, s.id DESC', key: 's.product_name', cmp: '<', type: 'text' },
}; // prettier-ignore

/** How `count` reads each field from a search row, and its label where it has one. */
const COUNT_SQL: Record<CountField, { value: string; label?: string; failedOnly?: boolean }> = {
  productName: { value: 's.product_name' },
  brand: { value: 's.brand' },
  manufacturer: { value: 's.manufacturer_name' },
  sampledUnit: { value: 's.sampled_unit_name' },
  category: { value: 's.category_code', label: 'min(s.category)' },
  sector: { value: 's.sector' },
  prefecture: { value: "left(s.region_code, 4) || '00'" },
  lab: { value: 's.lab_id::text', label: 'min(s.lab)', failedOnly: true },
  noticeNo: { value: 's.notice_no' },
  month: { value: "to_char(s.published_on, 'YYYY-MM')" },
  result: { value: 's.table_kind' },
};

/**
 * Published results as the public searches them: `public_entry` (ADR 0024) for the matching,
 * restricted every time to the versions the caller names as current, and the published rows
 * themselves (`publication_entry` of a published version) for what is shown.
 */
@Injectable()
export class PublicResultsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private where(f: ResultFilter, arg: (v: unknown) => string, failedOnly = false): string {
    const w = [`s.publication_id = ANY(${arg(f.current)}::uuid[])`];
    if (f.q !== undefined) {
      w.push(`s.grams @> public_search_query_grams(lower(${arg(f.q)}))`);
      w.push(`s.search LIKE '%' || lower(${arg(likeLiteral(f.q))}) || '%'`);
    }
    const table = failedOnly || f.lab !== undefined ? 'failed' : f.table;
    if (table !== undefined) w.push(`s.table_kind = ${arg(table)}`);
    if (f.regionPrefix !== undefined) w.push(`s.region_code LIKE ${arg(`${f.regionPrefix}%`)}`);
    if (f.jurisdictionPrefix !== undefined)
      w.push(`s.jurisdiction LIKE ${arg(`${f.jurisdictionPrefix}%`)}`);
    if (f.category !== undefined) w.push(`s.category_code = ${arg(f.category)}`);
    if (f.sector !== undefined) w.push(`s.sector = ${arg(f.sector)}`);
    if (f.from !== undefined) w.push(`s.published_on >= ${arg(f.from)}::date`);
    if (f.to !== undefined) w.push(`s.published_on <= ${arg(f.to)}::date`);
    if (f.lab !== undefined) w.push(`s.lab_id = ${arg(f.lab)}::uuid`);
    if (f.plan !== undefined) w.push(`s.plan_id = ${arg(f.plan)}::uuid`);
    if (f.noticeNo !== undefined) w.push(`s.notice_no = ${arg(f.noticeNo)}`);
    if (f.uscc !== undefined) {
      const u = arg(f.uscc);
      w.push(`(s.manufacturer_uscc = ${u} OR s.sampled_uscc = ${u})`);
    }
    return w.join(' AND ');
  }

  /** Up to `limit` matching rows in `sort` order after the cursor's (key, id). */
  async search(
    f: ResultFilter,
    sort: Sort,
    after: [string, string] | undefined,
    limit: number,
  ): Promise<ResultRow[]> {
    if (f.current.length === 0) return [];
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const o = SORT_SQL[sort];
    let where = this.where(f, arg);
    if (after)
      where += ` AND (${o.key}, s.id) ${o.cmp} (${arg(after[0])}::${o.type}, ${arg(after[1])}::bigint)`;
    const order = o.order.replace(/s\./g, 'h.');
    return (await this.ds.query(
      `WITH h AS (
         SELECT s.id, s.publication_id, s.table_kind, s.serial, s.published_on, s.product_name
           FROM public_entry s WHERE ${where} ORDER BY ${o.order} LIMIT ${arg(limit)})
       SELECT ${o.key.replace('s.', 'h.')}::text AS "cursorKey", h.id::text AS "cursorId",
              ${ROW}
         FROM h
         JOIN publication_entry e
           ON e.publication_id = h.publication_id AND e.table_kind = h.table_kind
          AND e.serial = h.serial
         JOIN publication p ON p.id = e.publication_id AND p.state = 'published'
         LEFT JOIN product_category c ON c.code = e.category_code
        ORDER BY ${order}`,
      params,
    )) as ResultRow[];
  }

  /** The `limit` most frequent values of `field` over the matching rows, most frequent first. */
  async count(
    f: ResultFilter,
    field: CountField,
    limit: number,
  ): Promise<{ value: string; label: string | null; count: number }[]> {
    if (f.current.length === 0) return [];
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const c = COUNT_SQL[field];
    return (await this.ds.query(
      `SELECT ${c.value} AS value, ${c.label ?? 'NULL::text'} AS label, count(*)::int AS count
         FROM public_entry s
        WHERE ${this.where(f, arg, c.failedOnly)} AND ${c.value} IS NOT NULL
        GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT ${arg(limit)}`,
      params,
    )) as { value: string; label: string | null; count: number }[];
  }

  /** One row of a published version's table, with the version that superseded it if any. */
  async entry(
    publicationId: string,
    table: 'failed' | 'passed',
    serial: number,
  ): Promise<EntryRow | undefined> {
    const [row] = (await this.ds.query(
      `SELECT ${ROW},
              (SELECT json_build_object('id', n.id, 'kind', n.kind, 'reason', n.reason,
                                        'noticeNo', n.notice_no, 'publishedOn', n.published_on)
                 FROM publication n
                WHERE n.supersedes_id = p.id AND n.state = 'published') AS "supersededBy"
         FROM publication_entry e
         JOIN publication p ON p.id = e.publication_id AND p.state = 'published'
         LEFT JOIN product_category c ON c.code = e.category_code
        WHERE e.publication_id = $1 AND e.table_kind = $2 AND e.serial = $3`,
      [publicationId, table, serial],
    )) as EntryRow[];
    return row;
  }
}
