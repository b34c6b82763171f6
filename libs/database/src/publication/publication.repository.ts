import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  FailedEntry,
  IsoDate,
  PassedEntry,
  PublicationKind,
  PublicationState,
} from '@spotcheck/domain';

/**
 * Namespace of the per-jurisdiction advisory locks (two-key form): compiling and publishing in
 * one jurisdiction take turns, so its lists never claim the same result twice and its chain
 * stays a line.
 */
const JURISDICTION_LOCK = 734_921;

/**
 * What a list may list, over `sample_outcome o`: the random spot checks' results, not a
 * re-inspection's (复查). A re-inspection's result decides its follow-up case, whose ladder
 * makes a failed one public by its own announcement; a list carries each failure of the spot
 * checks once, as the rates count it (docs/adr/0027, its addendum).
 */
const LISTABLE = 'NOT o.reinspection';

/** The two tables of a list. */
export type PublicationTable = 'failed' | 'passed';

/** A version of a list, as stored, with the published version that replaced it, if any. */
export interface PublicationRow {
  id: string;
  jurisdiction: string;
  jurisdictionName: string;
  seriesId: string;
  version: number;
  kind: PublicationKind;
  reason: string | null;
  supersedesId: string | null;
  supersededBy: string | null;
  state: PublicationState;
  until: IsoDate;
  failedCount: number;
  passedCount: number;
  compiledBy: string;
  compiledAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  publishedBy: string | null;
  publishedAt: Date | null;
  discardedBy: string | null;
  discardedAt: Date | null;
  discardReason: string | null;
  noticeNo: string | null;
  noticeYear: number | null;
  noticeSeq: number | null;
  publishedOn: IsoDate | null;
  chainSeq: number | null;
  previousId: string | null;
  previousDigest: string | null;
  digest: string | null;
}

/** The SELECT list giving a {@link PublicationRow} from `publication p`. */
export const PUBLICATION_COLUMNS = `p.id, p.jurisdiction, p.jurisdiction_name AS "jurisdictionName",
  p.series_id AS "seriesId", p.version, p.kind, p.reason, p.supersedes_id AS "supersedesId",
  (SELECT n.id FROM publication n WHERE n.supersedes_id = p.id AND n.state = 'published')
    AS "supersededBy",
  p.state, p.until::text AS until, p.failed_count AS "failedCount",
  p.passed_count AS "passedCount", p.compiled_by AS "compiledBy", p.compiled_at AS "compiledAt",
  p.approved_by AS "approvedBy", p.approved_at AS "approvedAt",
  p.published_by AS "publishedBy", p.published_at AS "publishedAt",
  p.discarded_by AS "discardedBy", p.discarded_at AS "discardedAt",
  p.discard_reason AS "discardReason", p.notice_no AS "noticeNo", p.notice_year AS "noticeYear",
  p.notice_seq AS "noticeSeq", p.published_on::text AS "publishedOn", p.chain_seq AS "chainSeq",
  p.previous_id AS "previousId", p.previous_digest AS "previousDigest", p.digest`;

export interface NewVersion {
  jurisdiction: string;
  jurisdictionName: string;
  /** Null for a first list: it starts its own series. */
  series: { id: string; version: number; supersedesId: string } | null;
  kind: PublicationKind;
  reason: string | null;
  until: IsoDate;
  compiledBy: string;
}

export interface PublishFields {
  publishedBy: string;
  noticeNo: string;
  noticeYear: number;
  noticeSeq: number;
  publishedOn: IsoDate;
  chainSeq: number;
  previousId: string | null;
  previousDigest: string | null;
  digest: string;
}

/** The last published list of a jurisdiction: where the next one joins the chain. */
export interface ChainHead {
  id: string;
  chainSeq: number;
  digest: string;
}

/** The columns every entry row maps to, by table. */
const ENTRY_BASE = `e.serial, e.sample_no AS "sampleNo", e.manufacturer_name AS "manufacturerName",
  e.manufacturer_address AS "manufacturerAddress", e.sampled_unit_name AS "sampledUnitName",
  e.sampled_unit_region AS "sampledUnitRegion", e.product_name AS "productName", e.spec, e.brand,
  e.production_date::text AS "productionDate", e.batch_no AS "batchNo", e.category,
  e.task_source AS "taskSource", e.remark`;
const FAILED_ONLY = `e.sampled_unit_address AS "sampledUnitAddress", e.failed_items AS "failedItems",
  e.lab`;

/**
 * What a list's rows copy from the records, given `x(sample_id)` the samples to list: the
 * official columns (docs/rules.md §3.6). `$1` publication, `$2` series, `$3` table, `$4` region
 * names by code (jsonb).
 */
const ENTRY_PROJECTION = `
  SELECT $1::uuid, $3::text, row_number() OVER (ORDER BY s.sample_no), s.id, $2::uuid,
         s.sample_no, s.plan_id, pl.title, s.manufacturer_name, s.manufacturer_address,
         s.manufacturer_uscc, s.sampled_uscc, en.name, s.place_address, s.place_region_code,
         coalesce($4::jsonb ->> s.place_region_code, s.place_region_code), s.product_name, s.spec,
         s.brand, s.production_date, s.batch_no, s.category, c.name, o.lab_id, l.name,
         o.report_id, o.final_on,
         CASE WHEN $3::text = 'failed' THEN coalesce((
           SELECT jsonb_agg(jsonb_build_object('item', f ->> 'itemName', 'value', f ->> 'value',
                                               'unit', f -> 'unit', 'limit', f ->> 'limit')
                            ORDER BY n)
             FROM jsonb_array_elements(r.failed_items) WITH ORDINALITY AS t(f, n)), '[]')
         ELSE '[]' END,
         CASE WHEN s.stage = 'online'
              THEN '网络平台：' || s.online_platform || '；网店：' || s.online_shop END
    FROM x
    JOIN sample s ON s.id = x.sample_id
    JOIN sample_outcome o ON o.sample_id = s.id
    JOIN sampling_plan pl ON pl.id = s.plan_id
    JOIN product_category c ON c.code = s.category
    JOIN lab l ON l.id = o.lab_id
    JOIN enterprise en ON en.uscc = s.sampled_uscc
    JOIN lab_report r ON r.id = o.report_id`;

const ENTRY_COLUMNS = `(publication_id, table_kind, serial, sample_id, series_id, sample_no, plan_id,
  task_source, manufacturer_name, manufacturer_address, manufacturer_uscc, sampled_uscc,
  sampled_unit_name, sampled_unit_address, sampled_unit_region_code, sampled_unit_region,
  product_name, spec, brand, production_date, batch_no, category_code, category, lab_id, lab,
  report_id, final_on, failed_items, remark)`;

/** The outcome each table lists. */
const OUTCOME_OF: Record<PublicationTable, 'fail' | 'pass'> = { failed: 'fail', passed: 'pass' };

/**
 * The SQL of published lists shared by the apps: compiling, the chain, the document's rows.
 * What a caller may see is decided before these are called (the apps' scoped repositories);
 * here every method takes ids.
 */
@Injectable()
export class PublicationRepository {
  /** Compiling and publishing in `jurisdiction` take turns until `m`'s transaction ends. */
  async lockJurisdiction(m: EntityManager, jurisdiction: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock($1::int, hashtext($2))`, [
      JURISDICTION_LOCK,
      jurisdiction,
    ]);
  }

  /**
   * Lets the rest of `m`'s transaction sort a list's rows in memory: numbering 100,000 entries
   * sorts about 80 MB, which the default `work_mem` (4 MB) sends to disk.
   */
  async sortInMemory(m: EntityManager): Promise<void> {
    await m.query(`SET LOCAL work_mem = '128MB'`);
  }

  async find(m: EntityManager, id: string, lock = false): Promise<PublicationRow | undefined> {
    const [row] = (await m.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM publication p WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`,
      [id],
    )) as PublicationRow[];
    return row;
  }

  /** The open (draft or approved) first list of a jurisdiction, locked. */
  async openList(m: EntityManager, jurisdiction: string): Promise<PublicationRow | undefined> {
    const [row] = (await m.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM publication p
        WHERE p.jurisdiction = $1 AND p.kind = 'list' AND p.state IN ('draft','approved')
        FOR UPDATE OF p`,
      [jurisdiction],
    )) as PublicationRow[];
    return row;
  }

  /** The open (draft or approved) new version of a series, if any. */
  async openVersion(m: EntityManager, seriesId: string): Promise<PublicationRow | undefined> {
    const [row] = (await m.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM publication p
        WHERE p.series_id = $1 AND p.version > 1 AND p.state IN ('draft','approved')`,
      [seriesId],
    )) as PublicationRow[];
    return row;
  }

  /** The series' latest published version. */
  async seriesHead(m: EntityManager, seriesId: string): Promise<PublicationRow | undefined> {
    const [row] = (await m.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM publication p
        WHERE p.series_id = $1 AND p.state = 'published' ORDER BY p.version DESC LIMIT 1`,
      [seriesId],
    )) as PublicationRow[];
    return row;
  }

  /** Inserts a draft header; a first list is its own series. Returns its id. */
  async insertDraft(m: EntityManager, v: NewVersion): Promise<string> {
    const [row] = (await m.query(
      `WITH k AS (SELECT gen_random_uuid() AS id)
       INSERT INTO publication (id, jurisdiction, jurisdiction_name, series_id, version, kind,
                                reason, supersedes_id, state, until, compiled_by)
       SELECT k.id, $1, $2, coalesce($3::uuid, k.id), $4, $5, $6, $7, 'draft', $8, $9 FROM k
       RETURNING id`,
      [
        v.jurisdiction,
        v.jurisdictionName,
        v.series?.id ?? null,
        v.series?.version ?? 1,
        v.kind,
        v.reason,
        v.series?.supersedesId ?? null,
        v.until,
        v.compiledBy,
      ],
    )) as { id: string }[];
    return row.id;
  }

  /** Empties a draft for compiling it again: its entries and the listings it made. */
  async clearDraft(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM publication_entry WHERE publication_id = $1`, [id]);
    await m.query(`DELETE FROM publication_listing WHERE publication_id = $1`, [id]);
  }

  async recompiled(m: EntityManager, id: string, until: IsoDate, by: string): Promise<void> {
    await m.query(
      `UPDATE publication SET until = $2, compiled_by = $3, compiled_at = now() WHERE id = $1`,
      [id, until, by],
    );
  }

  /** The region codes where the jurisdiction's listable outcomes up to `until` were sampled. */
  async regionCodes(m: EntityManager, jurisdiction: string, until: IsoDate): Promise<string[]> {
    const rows = (await m.query(
      `SELECT DISTINCT s.place_region_code AS code
         FROM sample_outcome o JOIN sample s ON s.id = o.sample_id
        WHERE o.jurisdiction = $1 AND o.outcome IN ('pass','fail') AND o.final_on <= $2
          AND ${LISTABLE}`,
      [jurisdiction, until],
    )) as { code: string }[];
    return rows.map((r) => r.code);
  }

  /** The region codes of the samples a version lists. */
  async regionCodesOf(m: EntityManager, publicationId: string): Promise<string[]> {
    const rows = (await m.query(
      `SELECT DISTINCT sampled_unit_region_code AS code FROM publication_entry
        WHERE publication_id = $1`,
      [publicationId],
    )) as { code: string }[];
    return rows.map((r) => r.code);
  }

  /**
   * Lists in `table` of draft `id` every final outcome of the jurisdiction's plans (pass for
   * the pass table, fail for the failed table) final by `until` and listed nowhere yet, except
   * re-inspections' ({@link LISTABLE}), claiming
   * each for the series first (a result another list claimed meanwhile is skipped). Returns
   * how many it listed.
   *
   * A result already listed is skipped by the claim's conflict (one index lookup each), not by
   * a `NOT EXISTS` on `publication_listing`: that would read the table the same statement
   * inserts into, and when its statistics call it small (before the first list, say) the plan
   * scans it once per candidate, reading every row inserted so far: 100,000 results took
   * minutes instead of seconds.
   */
  async listEligible(
    m: EntityManager,
    d: { id: string; seriesId: string; jurisdiction: string; until: IsoDate },
    table: PublicationTable,
    regionNames: Record<string, string>,
  ): Promise<number> {
    const [, n] = (await m.query(
      `WITH candidate AS (
         SELECT o.sample_id FROM sample_outcome o
          WHERE o.jurisdiction = $5 AND o.outcome = $6 AND o.final_on <= $7 AND ${LISTABLE}),
       x AS (
         INSERT INTO publication_listing (sample_id, table_kind, series_id, publication_id)
         SELECT sample_id, $3, $2, $1 FROM candidate
         ON CONFLICT DO NOTHING RETURNING sample_id)
       INSERT INTO publication_entry ${ENTRY_COLUMNS} ${ENTRY_PROJECTION}`,
      [
        d.id,
        d.seriesId,
        table,
        JSON.stringify(regionNames),
        d.jurisdiction,
        OUTCOME_OF[table],
        d.until,
      ],
    )) as [unknown, number];
    return n;
  }

  /**
   * Lists in `table` of a new version `id` the samples of the version it supersedes, as their
   * records and final outcomes stand now, except `removed`: a sample whose outcome is now the
   * other one moves to the other table (unless another series already lists it there); one no
   * longer final is left out.
   */
  async listFromPrevious(
    m: EntityManager,
    d: { id: string; seriesId: string; supersedesId: string },
    table: PublicationTable,
    regionNames: Record<string, string>,
    removed: readonly string[],
  ): Promise<number> {
    const [, n] = (await m.query(
      `WITH candidate AS (
         SELECT o.sample_id FROM publication_entry pe
           JOIN sample_outcome o ON o.sample_id = pe.sample_id
          WHERE pe.publication_id = $5 AND o.outcome = $6 AND pe.sample_id <> ALL($7::uuid[])),
       claimed AS (
         INSERT INTO publication_listing (sample_id, table_kind, series_id, publication_id)
         SELECT sample_id, $3, $2, $1 FROM candidate
         ON CONFLICT DO NOTHING RETURNING sample_id),
       x AS (
         SELECT sample_id FROM claimed
         UNION
         SELECT l.sample_id FROM publication_listing l JOIN candidate c USING (sample_id)
          WHERE l.table_kind = $3 AND l.series_id = $2)
       INSERT INTO publication_entry ${ENTRY_COLUMNS} ${ENTRY_PROJECTION}`,
      [
        d.id,
        d.seriesId,
        table,
        JSON.stringify(regionNames),
        d.supersedesId,
        OUTCOME_OF[table],
        removed,
      ],
    )) as [unknown, number];
    return n;
  }

  /** Stores how many rows each table of version `id` holds, and returns the counts. */
  async counted(m: EntityManager, id: string): Promise<{ failed: number; passed: number }> {
    const [row] = (await m.query(
      `UPDATE publication p SET
         failed_count = (SELECT count(*) FROM publication_entry
                          WHERE publication_id = p.id AND table_kind = 'failed'),
         passed_count = (SELECT count(*) FROM publication_entry
                          WHERE publication_id = p.id AND table_kind = 'passed')
        WHERE p.id = $1 RETURNING failed_count AS failed, passed_count AS passed`,
      [id],
    )) as [{ failed: number; passed: number }[], number];
    return row[0];
  }

  /** Sample ids among `sampleNos` that version `id` lists, by sample number. */
  async sampleIdsByNo(
    m: EntityManager,
    id: string,
    sampleNos: readonly string[],
  ): Promise<Map<string, string>> {
    const rows = (await m.query(
      `SELECT sample_no AS "sampleNo", sample_id AS "sampleId" FROM publication_entry
        WHERE publication_id = $1 AND sample_no = ANY($2::text[])`,
      [id, sampleNos],
    )) as { sampleNo: string; sampleId: string }[];
    return new Map(rows.map((r) => [r.sampleNo, r.sampleId]));
  }

  async approve(m: EntityManager, id: string, by: string): Promise<void> {
    await m.query(
      `UPDATE publication SET state = 'approved', approved_by = $2, approved_at = now() WHERE id = $1`,
      [id, by],
    );
  }

  /** Discards a draft or approved version and frees the results it alone listed. */
  async discard(m: EntityManager, id: string, by: string, reason: string | null): Promise<void> {
    await m.query(
      `UPDATE publication SET state = 'discarded', discarded_by = $2, discarded_at = now(),
              discard_reason = $3 WHERE id = $1`,
      [id, by, reason],
    );
    await this.clearDraft(m, id);
  }

  /** The jurisdiction's last published list, or undefined before its first. */
  async chainHead(m: EntityManager, jurisdiction: string): Promise<ChainHead | undefined> {
    const [row] = (await m.query(
      `SELECT id, chain_seq AS "chainSeq", digest FROM publication
        WHERE jurisdiction = $1 AND state = 'published' ORDER BY chain_seq DESC LIMIT 1`,
      [jurisdiction],
    )) as ChainHead[];
    return row;
  }

  /** The next notice number of the jurisdiction in `year`: 1 + the highest so far. */
  async nextNoticeSeq(m: EntityManager, jurisdiction: string, year: number): Promise<number> {
    const [row] = (await m.query(
      `SELECT coalesce(max(notice_seq), 0) + 1 AS n FROM publication
        WHERE jurisdiction = $1 AND notice_year = $2`,
      [jurisdiction, year],
    )) as { n: number }[];
    return row.n;
  }

  async publish(m: EntityManager, id: string, f: PublishFields): Promise<void> {
    await m.query(
      `UPDATE publication SET state = 'published', published_by = $2, published_at = now(),
              notice_no = $3, notice_year = $4, notice_seq = $5, published_on = $6,
              chain_seq = $7, previous_id = $8, previous_digest = $9, digest = $10
        WHERE id = $1`,
      [
        id,
        f.publishedBy,
        f.noticeNo,
        f.noticeYear,
        f.noticeSeq,
        f.publishedOn,
        f.chainSeq,
        f.previousId,
        f.previousDigest,
        f.digest,
      ],
    );
  }

  /** The list published in the jurisdiction's chain at `chainSeq`. */
  async atChain(
    m: EntityManager,
    jurisdiction: string,
    chainSeq: number,
  ): Promise<PublicationRow | undefined> {
    const [row] = (await m.query(
      `SELECT ${PUBLICATION_COLUMNS} FROM publication p
        WHERE p.jurisdiction = $1 AND p.chain_seq = $2`,
      [jurisdiction, chainSeq],
    )) as PublicationRow[];
    return row;
  }

  /** A version's failed-product table, in serial order, as the document shows it. */
  failedEntries(m: EntityManager, id: string): Promise<FailedEntry[]> {
    return m.query(
      `SELECT ${ENTRY_BASE}, ${FAILED_ONLY} FROM publication_entry e
        WHERE e.publication_id = $1 AND e.table_kind = 'failed' ORDER BY e.serial`,
      [id],
    ) as Promise<FailedEntry[]>;
  }

  /** A version's pass table, in serial order, as the document shows it. */
  passedEntries(m: EntityManager, id: string): Promise<PassedEntry[]> {
    return m.query(
      `SELECT ${ENTRY_BASE} FROM publication_entry e
        WHERE e.publication_id = $1 AND e.table_kind = 'passed' ORDER BY e.serial`,
      [id],
    ) as Promise<PassedEntry[]>;
  }

  /**
   * The version in force (published, not superseded, not a withdrawal) of every series that
   * lists `sampleId` in `table`.
   */
  async headsListing(
    m: EntityManager,
    sampleId: string,
    table: PublicationTable,
  ): Promise<{ id: string; jurisdiction: string; seriesId: string }[]> {
    return (await m.query(
      `SELECT DISTINCT p.id, p.jurisdiction, p.series_id AS "seriesId"
         FROM publication_entry e JOIN publication p ON p.id = e.publication_id
        WHERE e.sample_id = $1 AND e.table_kind = $2 AND p.state = 'published'
          AND p.kind <> 'withdrawal'
          AND NOT EXISTS (SELECT 1 FROM publication n
                           WHERE n.supersedes_id = p.id AND n.state = 'published')`,
      [sampleId, table],
    )) as { id: string; jurisdiction: string; seriesId: string }[];
  }

  /** The samples a version lists, in either table. */
  async sampleIdsOf(m: EntityManager, id: string): Promise<string[]> {
    const rows = (await m.query(
      `SELECT DISTINCT sample_id AS "sampleId" FROM publication_entry WHERE publication_id = $1`,
      [id],
    )) as { sampleId: string }[];
    return rows.map((r) => r.sampleId);
  }

  /** A draft's reason (a correction's reason grows with each result it corrects). */
  async setDraftReason(m: EntityManager, id: string, reason: string): Promise<void> {
    await m.query(`UPDATE publication SET reason = $2 WHERE id = $1 AND state = 'draft'`, [
      id,
      reason,
    ]);
  }

  /** Jurisdictions with a listable final outcome up to `until` that no list claims yet. */
  async jurisdictionsWithEligible(m: EntityManager, until: IsoDate): Promise<string[]> {
    const rows = (await m.query(
      `SELECT DISTINCT o.jurisdiction FROM sample_outcome o
        WHERE o.outcome IN ('pass','fail') AND o.final_on <= $1 AND ${LISTABLE}
          AND NOT EXISTS (SELECT 1 FROM publication_listing l
                           WHERE l.sample_id = o.sample_id
                             AND l.table_kind = CASE o.outcome WHEN 'fail' THEN 'failed' ELSE 'passed' END)
        ORDER BY 1`,
      [until],
    )) as { jurisdiction: string }[];
    return rows.map((r) => r.jurisdiction);
  }
}
