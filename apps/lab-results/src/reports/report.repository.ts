import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Scope, scopeSql } from '@spotcheck/auth';
import { CopyBuffer, copyIn, copyValue, type TestItemTemplate } from '@spotcheck/database';
import type { FailedItem, LimitRule, ReportState } from '@spotcheck/domain';
import { ReportItem } from './report-items';

/** One version of a report as the API shows it. */
export interface ReportView {
  id: string;
  labId: string;
  sampleNo: string;
  reportNo: string;
  version: number;
  amendsId: string | null;
  amendmentReason: string | null;
  /** A retest lab's report: the objection it concludes (null for a first test). */
  objectionId: string | null;
  state: ReportState;
  verdict: string | null;
  failedItems: FailedItem[] | null;
  testedBy: string[];
  submittedBy: string | null;
  submittedAt: Date | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  issuedBy: string | null;
  issuedAt: Date | null;
  returnedBy: string | null;
  returnedAt: Date | null;
  returnedReason: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReportRow extends ReportView {
  sampleId: string;
}

/** A stored item with the verdict written at issue. */
export interface StoredItem extends ReportItem {
  verdict: string | null;
  reason: { zh: string; en: string } | null;
}

/**
 * A sample a report is created for: its template, what the caller's lab recorded at receipt,
 * and, when the caller is its retest lab, the objection it retests.
 */
export interface ReportableSample {
  id: string;
  custodyState: string;
  items: TestItemTemplate[];
  outcome: string | null;
  labId: string;
  retestLabId: string | null;
  objectionId: string | null;
  objectionItems: string[] | null;
}

/** A sample named in a bulk upload, locked. */
export interface BatchSample {
  sampleNo: string;
  id: string;
  category: string;
  outcome: string | null;
  reported: boolean;
}

export interface ChainVersion {
  id: string;
  version: number;
  state: ReportState;
  amendmentReason: string | null;
}

const COLUMNS = `r.id, r.lab_id AS "labId", s.sample_no AS "sampleNo", r.report_no AS "reportNo",
  r.version, r.amends_id AS "amendsId", r.amendment_reason AS "amendmentReason",
  r.objection_id AS "objectionId", r.state,
  r.verdict, r.failed_items AS "failedItems", r.tested_by AS "testedBy",
  r.submitted_by AS "submittedBy", r.submitted_at AS "submittedAt",
  r.reviewed_by AS "reviewedBy", r.reviewed_at AS "reviewedAt", r.issued_by AS "issuedBy",
  r.issued_at AS "issuedAt", r.returned_by AS "returnedBy", r.returned_at AS "returnedAt",
  r.returned_reason AS "returnedReason", r.created_by AS "createdBy",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

const ITEM_COLUMNS = `seq, item_code AS "itemCode", item_name AS "itemName", method, unit,
  limit_rule AS "limitRule", limit_text AS "limitText", comparison,
  rounding_digits AS "roundingDigits", value, not_tested_reason AS "notTestedReason", verdict,
  reason, limit_basis AS "limitBasis"`;

/** A lab reports on the samples assigned to it and on those it was drawn to retest. */
const SAMPLE_LABS = { lab: ['s.lab_id', 's.retest_lab_id'] } as const;

const ITEM_INSERT_COLUMNS = `report_id, seq, item_code, item_name, method, unit, limit_rule,
  limit_text, comparison, rounding_digits, value, not_tested_reason, limit_basis`;

/** `lab_report` and `lab_report_item`: report versions, their items and the review chain. */
@Injectable()
export class ReportRepository {
  /** The version, when the scope sees it; `lock` holds it until the transaction ends. */
  async find(m: EntityManager, scope: Scope, id: string, lock = false): Promise<ReportRow | null> {
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `SELECT ${COLUMNS}, r.sample_id AS "sampleId"
         FROM lab_report r JOIN sample s ON s.id = r.sample_id
        WHERE r.id = $1 AND ${scopeSql(scope, { lab: 'r.lab_id' }, arg)}
        ${lock ? 'FOR UPDATE OF r' : ''}`,
      params,
    )) as ReportRow[];
    return row ?? null;
  }

  items(m: EntityManager, id: string): Promise<StoredItem[]> {
    return m.query(
      `SELECT ${ITEM_COLUMNS} FROM lab_report_item WHERE report_id = $1 ORDER BY seq`,
      [id],
    ) as Promise<StoredItem[]>;
  }

  /**
   * The sample by number, locked, when the scope sees it at its assigned lab or as its retest
   * lab, with what lab `labId` recorded at receipt.
   */
  async lockReportable(
    m: EntityManager,
    scope: Scope,
    labId: string,
    sampleNo: string,
  ): Promise<ReportableSample | null> {
    const params: unknown[] = [sampleNo, labId];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `SELECT s.id, s.custody_state AS "custodyState", c.items, r.outcome, s.lab_id AS "labId",
              s.retest_lab_id AS "retestLabId", o.id AS "objectionId",
              o.items AS "objectionItems"
         FROM sample s JOIN product_category c ON c.code = s.category
         LEFT JOIN lab_receipt r ON r.sample_id = s.id AND r.lab_id = $2::uuid
         LEFT JOIN objection o ON o.sample_id = s.id AND o.retest_lab_id = $2::uuid
        WHERE s.sample_no = $1 AND ${scopeSql(scope, SAMPLE_LABS, arg)}
        FOR UPDATE OF s`,
      params,
    )) as ReportableSample[];
    return row ?? null;
  }

  /** The contested items of an objection: what its retest tests. */
  async contested(m: EntityManager, objectionId: string): Promise<string[]> {
    const [row] = (await m.query(`SELECT items FROM objection WHERE id = $1`, [objectionId])) as {
      items: string[];
    }[];
    return row?.items ?? [];
  }

  /** The sample's id, when the scope sees it. */
  async sampleId(m: EntityManager, scope: Scope, sampleNo: string): Promise<string | null> {
    const params: unknown[] = [sampleNo];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `SELECT s.id FROM sample s
        WHERE s.sample_no = $1 AND ${scopeSql(scope, SAMPLE_LABS, arg)}`,
      params,
    )) as { id: string }[];
    return row?.id ?? null;
  }

  /** The category's item template of the sample a report is about. */
  async template(m: EntityManager, sampleId: string): Promise<TestItemTemplate[]> {
    const [row] = (await m.query(
      `SELECT c.items FROM sample s JOIN product_category c ON c.code = s.category
        WHERE s.id = $1`,
      [sampleId],
    )) as { items: TestItemTemplate[] }[];
    return row?.items ?? [];
  }

  /** Version 1 of the sample's chain at the lab, if any. */
  async first(
    m: EntityManager,
    sampleId: string,
    labId: string,
  ): Promise<{ id: string; reportNo: string } | null> {
    const [row] = (await m.query(
      `SELECT id, report_no AS "reportNo" FROM lab_report
        WHERE sample_id = $1 AND lab_id = $2 AND version = 1`,
      [sampleId, labId],
    )) as { id: string; reportNo: string }[];
    return row ?? null;
  }

  /** Every version of the sample's chains the scope sees, by lab and version. */
  versions(m: EntityManager, scope: Scope, sampleId: string): Promise<ReportView[]> {
    const params: unknown[] = [sampleId];
    const arg = (v: unknown) => `$${params.push(v)}`;
    return m.query(
      `SELECT ${COLUMNS} FROM lab_report r JOIN sample s ON s.id = r.sample_id
        WHERE r.sample_id = $1 AND ${scopeSql(scope, { lab: 'r.lab_id' }, arg)}
        ORDER BY r.lab_id, r.version`,
      params,
    ) as Promise<ReportView[]>;
  }

  /** The versions of one chain, locked, oldest first. */
  lockChain(m: EntityManager, sampleId: string, labId: string): Promise<ChainVersion[]> {
    return m.query(
      `SELECT id, version, state, amendment_reason AS "amendmentReason" FROM lab_report
        WHERE sample_id = $1 AND lab_id = $2 ORDER BY version FOR UPDATE`,
      [sampleId, labId],
    ) as Promise<ChainVersion[]>;
  }

  async insertDraft(
    m: EntityManager,
    r: {
      labId: string;
      sampleId: string;
      reportNo: string;
      testedBy: string[];
      createdBy: string;
      objectionId: string | null;
    },
  ): Promise<string> {
    const [{ id }] = (await m.query(
      `INSERT INTO lab_report (lab_id, sample_id, report_no, version, state, tested_by, created_by,
                               objection_id)
       VALUES ($1, $2, $3, 1, 'draft', $4, $5, $6) RETURNING id`,
      [r.labId, r.sampleId, r.reportNo, r.testedBy, r.createdBy, r.objectionId],
    )) as { id: string }[];
    return id;
  }

  /**
   * Version n + 1 of `amends`, a draft with its items. The values it copies were entered by
   * the amended version's testers: they stay its authors, so they cannot review or issue it
   * (four eyes).
   */
  async insertAmendment(
    m: EntityManager,
    a: {
      amends: ReportRow;
      version: number;
      reason: string | null;
      createdBy: string;
    },
  ): Promise<string> {
    const [{ id }] = (await m.query(
      `INSERT INTO lab_report (lab_id, sample_id, report_no, version, amends_id, amendment_reason,
                               state, tested_by, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'draft',
               (SELECT tested_by FROM lab_report WHERE id = $5), $7) RETURNING id`,
      [
        a.amends.labId,
        a.amends.sampleId,
        a.amends.reportNo,
        a.version,
        a.amends.id,
        a.reason,
        a.createdBy,
      ],
    )) as { id: string }[];
    await m.query(
      `INSERT INTO lab_report_item (${ITEM_INSERT_COLUMNS})
       SELECT $2, seq, item_code, item_name, method, unit, limit_rule, limit_text, comparison,
              rounding_digits, value, not_tested_reason, limit_basis
         FROM lab_report_item WHERE report_id = $1`,
      [a.amends.id, id],
    );
    return id;
  }

  async insertItems(m: EntityManager, reportId: string, items: ReportItem[]): Promise<void> {
    for (const i of items)
      await m.query(
        `INSERT INTO lab_report_item (${ITEM_INSERT_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          reportId,
          i.seq,
          i.itemCode,
          i.itemName,
          i.method,
          i.unit,
          JSON.stringify(i.limitRule),
          i.limitText,
          i.comparison,
          i.roundingDigits,
          i.value,
          i.notTestedReason,
          i.limitBasis ? JSON.stringify(i.limitBasis) : null,
        ],
      );
  }

  /** Replaces a draft's items; `testedBy` joins its authors. */
  async replaceItems(
    m: EntityManager,
    reportId: string,
    items: ReportItem[],
    testedBy: string,
  ): Promise<void> {
    await m.query(`DELETE FROM lab_report_item WHERE report_id = $1`, [reportId]);
    await this.insertItems(m, reportId, items);
    await m.query(
      `UPDATE lab_report SET tested_by = CASE WHEN $2 = ANY(tested_by) THEN tested_by
                                              ELSE tested_by || $2 END,
              updated_at = now() WHERE id = $1`,
      [reportId, testedBy],
    );
  }

  async submit(m: EntityManager, id: string, by: string): Promise<void> {
    await m.query(
      `UPDATE lab_report SET state = 'submitted', submitted_by = $2, submitted_at = now(),
              updated_at = now() WHERE id = $1`,
      [id, by],
    );
  }

  async review(m: EntityManager, id: string, by: string): Promise<void> {
    await m.query(
      `UPDATE lab_report SET state = 'reviewed', reviewed_by = $2, reviewed_at = now(),
              updated_at = now() WHERE id = $1`,
      [id, by],
    );
  }

  /** Back to draft for correction: the submission and review are cleared. */
  async returnToDraft(m: EntityManager, id: string, by: string, reason: string): Promise<void> {
    await m.query(
      `UPDATE lab_report SET state = 'draft', submitted_by = NULL, submitted_at = NULL,
              reviewed_by = NULL, reviewed_at = NULL, returned_by = $2, returned_at = now(),
              returned_reason = $3, updated_at = now() WHERE id = $1`,
      [id, by, reason],
    );
  }

  /**
   * Issues the version with its verdict; each item's verdict is stored first, all in one
   * statement (a statement per item made issuing wait on as many round trips to PostgreSQL).
   * Returns the issued version as {@link find} reads it.
   */
  async issue(
    m: EntityManager,
    id: string,
    by: string,
    verdict: {
      outcome: string;
      failedItems: readonly FailedItem[];
      items: { seq: number; outcome: string; reason: unknown }[];
    },
  ): Promise<ReportRow> {
    await m.query(
      `UPDATE lab_report_item i SET verdict = v.verdict, reason = v.reason
         FROM unnest($2::int[], $3::text[], $4::jsonb[]) AS v(seq, verdict, reason)
        WHERE i.report_id = $1 AND i.seq = v.seq`,
      [
        id,
        verdict.items.map((v) => v.seq),
        verdict.items.map((v) => v.outcome),
        verdict.items.map((v) => JSON.stringify(v.reason)),
      ],
    );
    // The issued version as `find` reads it, from the same statement.
    const [[row]] = (await m.query(
      `UPDATE lab_report r SET state = 'issued', issued_by = $2, issued_at = now(), verdict = $3,
              failed_items = $4, updated_at = now()
         FROM sample s
        WHERE r.id = $1 AND s.id = r.sample_id
       RETURNING ${COLUMNS}, r.sample_id AS "sampleId"`,
      [id, by, verdict.outcome, JSON.stringify(verdict.failedItems)],
    )) as [ReportRow[], number];
    return row;
  }

  /** The samples of a bulk upload assigned to the lab, locked, and whether each has a report. */
  lockBatchSamples(m: EntityManager, labId: string, sampleNos: string[]): Promise<BatchSample[]> {
    return m.query(
      `SELECT s.sample_no AS "sampleNo", s.id, s.category, r.outcome,
              EXISTS (SELECT 1 FROM lab_report x WHERE x.sample_id = s.id AND x.lab_id = $2) AS reported
         FROM sample s
         LEFT JOIN lab_receipt r ON r.sample_id = s.id AND r.lab_id = s.lab_id
        WHERE s.sample_no = ANY($1::text[]) AND s.lab_id = $2
        ORDER BY s.sample_no FOR UPDATE OF s`,
      [sampleNos, labId],
    ) as Promise<BatchSample[]>;
  }

  /** Which of the report numbers the lab already used. */
  async takenReportNos(m: EntityManager, labId: string, reportNos: string[]): Promise<Set<string>> {
    const rows = (await m.query(
      `SELECT report_no AS "reportNo" FROM lab_report WHERE lab_id = $1 AND report_no = ANY($2::text[])`,
      [labId, reportNos],
    )) as { reportNo: string }[];
    return new Set(rows.map((r) => r.reportNo));
  }

  /** The item templates of the categories, by code. */
  async templates(m: EntityManager, codes: string[]): Promise<Map<string, TestItemTemplate[]>> {
    const rows = (await m.query(
      `SELECT code, items FROM product_category WHERE code = ANY($1::text[])`,
      [codes],
    )) as { code: string; items: TestItemTemplate[] }[];
    return new Map(rows.map((c) => [c.code, c.items]));
  }

  /** Version 1 drafts of the samples in one statement; their ids by report number. */
  async insertDrafts(
    m: EntityManager,
    labId: string,
    testedBy: string,
    drafts: { sampleId: string; reportNo: string }[],
  ): Promise<Map<string, string>> {
    const rows = (await m.query(
      `INSERT INTO lab_report (lab_id, sample_id, report_no, version, state, tested_by, created_by)
       SELECT $1, x.sample_id, x.report_no, 1, 'draft', ARRAY[$2], $2
         FROM unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS x(sample_id, report_no, n)
        ORDER BY x.n
       RETURNING id, report_no AS "reportNo"`,
      [labId, testedBy, drafts.map((d) => d.sampleId), drafts.map((d) => d.reportNo)],
    )) as { id: string; reportNo: string }[];
    return new Map(rows.map((r) => [r.reportNo, r.id]));
  }

  /**
   * The items of many reports with COPY: the fast way for tens of thousands of rows. A
   * statement-level trigger checks them against their reports.
   */
  async copyItems(m: EntityManager, reports: { id: string; items: ReportItem[] }[]): Promise<void> {
    await copyIn(m, `COPY lab_report_item (${ITEM_INSERT_COLUMNS}) FROM STDIN`, itemRows(reports));
  }
}

/**
 * The columns of an item that describe it rather than its result (item_code … rounding_digits),
 * as COPY text bytes. They repeat for every sample of an upload, so each item code keeps its
 * last description and reuses its bytes while the next item describes itself the same way.
 */
class ItemDescriptions {
  private readonly byCode = new Map<string, { item: ReportItem; bytes: Buffer }>();
  private readonly rules = new Map<LimitRule, string>();

  bytes(item: ReportItem): Buffer {
    const last = this.byCode.get(item.itemCode);
    if (last && sameDescription(last.item, item)) return last.bytes;
    let rule = this.rules.get(item.limitRule);
    if (rule === undefined) this.rules.set(item.limitRule, (rule = JSON.stringify(item.limitRule)));
    const columns = [
      item.itemCode,
      item.itemName,
      item.method,
      item.unit,
      rule,
      item.limitText,
      item.comparison,
      item.roundingDigits === null ? null : String(item.roundingDigits),
    ];
    const bytes = Buffer.from(columns.map(copyValue).join('\t'));
    this.byCode.set(item.itemCode, { item, bytes });
    return bytes;
  }
}

function sameDescription(a: ReportItem, b: ReportItem): boolean {
  return (
    a.itemName === b.itemName &&
    a.method === b.method &&
    a.unit === b.unit &&
    a.limitRule === b.limitRule &&
    a.limitText === b.limitText &&
    a.comparison === b.comparison &&
    a.roundingDigits === b.roundingDigits
  );
}

/** The lab_report_item rows of the reports as COPY text, in buffers of 64 KiB. */
function* itemRows(reports: { id: string; items: ReportItem[] }[]): Generator<Buffer> {
  const descriptions = new ItemDescriptions();
  const out = new CopyBuffer();
  const seqs: Buffer[] = [];
  for (const r of reports) {
    const id = Buffer.from(`${r.id}\t`, 'latin1');
    for (const item of r.items) {
      const seq = (seqs[item.seq] ??= Buffer.from(`${item.seq}\t`, 'latin1'));
      out.bytes(id).bytes(seq).bytes(descriptions.bytes(item)).tab();
      out.text(item.value).tab().text(item.notTestedReason).tab();
      out.text(item.limitBasis ? JSON.stringify(item.limitBasis) : null).end();
    }
    yield* out.full();
  }
  yield* out.finish();
}
