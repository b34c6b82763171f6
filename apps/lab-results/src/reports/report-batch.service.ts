import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { AppException, FileFormat, idempotent, recordAudit } from '@spotcheck/common';
import type { LimitRule, LimitRuleResult } from '@spotcheck/domain';
import { CopyBuffer, copyIn, copyValue, type TestItemTemplate } from '@spotcheck/database';
import { requireLab, staffRoles } from '../lab-access';
import {
  BatchError,
  ItemJudges,
  NormalisedItem,
  NormalisedReport,
  batchRejected,
  validateBatch,
} from './batch';
import { readReportFile, reportFileRejected } from './report-file';
import { ReportItem, buildItems } from './report-items';
import type { ReportItemDto } from './report.dto';

export interface BatchAnswer {
  reports: { sampleNo: string; reportNo: string; id: string; items: number }[];
  items: number;
  /** Items whose result fails their limit, in the drafts just written. */
  failedItems: number;
}

/**
 * Bulk upload of results (issue 5): many draft reports in one request, all or nothing. The
 * body is checked by validateBatch (or read from CSV/XLSX by readReportFile); then, in one
 * transaction claimed by the Idempotency-Key: every sample must be received at the caller's
 * lab and have no report yet, items are completed from the category's template, each item's
 * result is judged against its limit (a result that cannot be judged is refused; the answer
 * counts the failures), the reports are written in one statement and their items with COPY,
 * and one audit entry records the batch. The drafts then go through the usual review chain
 * one by one; as for a report entered by hand, the verdicts are stored when it is issued.
 */
@Injectable()
export class ReportBatchService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async batch(p: Principal, body: unknown, key: string | undefined, sha256: string) {
    const labId = requireLab(p, 'a report batch');
    const v = validateBatch(body);
    if (!v.ok) throw batchRejected(v.errors, v.total);
    return this.write(p, labId, v.reports, key, sha256, 'batch');
  }

  async import(
    p: Principal,
    file: Readable,
    format: FileFormat,
    key: string | undefined,
    sha256: string,
  ) {
    const labId = requireLab(p, 'a report import');
    const r = await readReportFile(file, format);
    if (!r.ok) throw reportFileRejected(r.errors, r.total);
    try {
      return await this.write(p, labId, r.reports, key, sha256, 'import');
    } catch (e) {
      // What the database refused, in the file's terms: rows and columns, not reports[i].
      const body = e instanceof AppException ? e.getResponse() : undefined;
      if (!isBatchRejection(body)) throw e;
      const rows = body.errors.map((b) => r.rowError(b)).sort((a, b) => a.row - b.row);
      throw reportFileRejected(rows, body.errorCount);
    }
  }

  private async write(
    p: Principal,
    labId: string,
    reports: NormalisedReport[],
    key: string | undefined,
    sha256: string,
    how: 'batch' | 'import',
  ) {
    const answer = await idempotent<BatchAnswer>(
      this.ds,
      { scope: `lab:${labId}:${p.sub}:reports.${how}`, key, requestSha256: sha256 },
      async (m) => ({ status: 201, body: await this.store(m, p, labId, reports, sha256, how) }),
    );
    return answer;
  }

  private async store(
    m: EntityManager,
    p: Principal,
    labId: string,
    reports: NormalisedReport[],
    sha256: string,
    how: string,
  ): Promise<BatchAnswer> {
    const roles = await staffRoles(m, labId, p.sub);
    if (!roles.includes('tester'))
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'REPORT_ROLE_REQUIRED',
        "to upload results needs the role tester on the lab's active staff",
        { requiredRoles: ['tester'] },
      );
    const sampleNos = reports.map((r) => r.sampleNo);
    // The samples, locked so a concurrent single-report create cannot slip in between.
    const samples = (await m.query(
      `SELECT s.sample_no AS "sampleNo", s.id, s.category, r.outcome,
              EXISTS (SELECT 1 FROM lab_report x WHERE x.sample_id = s.id AND x.lab_id = $2) AS reported
         FROM sample s
         LEFT JOIN lab_receipt r ON r.sample_id = s.id AND r.lab_id = s.lab_id
        WHERE s.sample_no = ANY($1::text[]) AND s.lab_id = $2
        ORDER BY s.sample_no FOR UPDATE OF s`,
      [sampleNos, labId],
    )) as {
      sampleNo: string;
      id: string;
      category: string;
      outcome: string | null;
      reported: boolean;
    }[];
    const bySample = new Map(samples.map((s) => [s.sampleNo, s]));
    const taken = new Set(
      (
        (await m.query(
          `SELECT report_no AS "reportNo" FROM lab_report WHERE lab_id = $1 AND report_no = ANY($2::text[])`,
          [labId, reports.map((r) => r.reportNo)],
        )) as { reportNo: string }[]
      ).map((r) => r.reportNo),
    );
    const categories = [...new Set(samples.map((s) => s.category))];
    const templates = new Map(
      (
        (await m.query(`SELECT code, items FROM product_category WHERE code = ANY($1::text[])`, [
          categories,
        ])) as { code: string; items: TestItemTemplate[] }[]
      ).map((c) => [c.code, c.items]),
    );

    const errors: BatchError[] = [];
    let total = 0;
    const add = (e: BatchError) => {
      total++;
      if (errors.length < 100) errors.push(e);
    };
    const rows: { reportIndex: number; sampleId: string; items: ReportItem[] }[] = [];
    let failed = 0;
    // Items whose limit came with the request were judged by validateBatch; the template's
    // limits are judged here, each distinct limit prepared once for the whole request.
    const judges = new ItemJudges();
    const limitChecks = new Map<unknown, LimitRuleResult>();
    reports.forEach((r, i) => {
      const s = bySample.get(r.sampleNo);
      const at = `reports[${i}]`;
      if (!s)
        return add({
          report: i,
          field: `${at}.sampleNo`,
          reason: `sample ${r.sampleNo} is not one of this lab's samples`,
        });
      if (s.outcome !== 'received')
        return add({
          report: i,
          sampleNo: r.sampleNo,
          field: `${at}.sampleNo`,
          reason: s.outcome
            ? 'the sample was rejected at receipt'
            : 'the sample has not been received yet',
        });
      if (s.reported)
        return add({
          report: i,
          sampleNo: r.sampleNo,
          field: `${at}.sampleNo`,
          reason: 'the sample already has a report at this lab; correct or amend it',
        });
      if (taken.has(r.reportNo))
        return add({
          report: i,
          sampleNo: r.sampleNo,
          field: `${at}.reportNo`,
          reason: `report number ${r.reportNo} is already used in this lab`,
        });
      const given = new Map<string, NormalisedItem>();
      const dtos = r.items.map((it) => {
        given.set(it.itemCode, it);
        return itemDto(it);
      });
      const built = buildItems(templates.get(s.category) ?? [], dtos, true, {
        judge: false,
        limits: limitChecks,
      });
      for (const e of built.errors)
        add({ report: i, sampleNo: r.sampleNo, field: `${at}.${e.field}`, reason: e.reason });
      if (built.errors.length) return;
      for (const item of built.items) {
        const g = given.get(item.itemCode);
        const result = g?.result;
        if (!result) continue;
        const j =
          g.judgement ??
          judges.judge(
            item.itemCode,
            { text: item.limitText, rule: item.limitRule },
            item.comparison,
            item.roundingDigits,
            result,
          );
        if ('error' in j) {
          add({
            report: i,
            sampleNo: r.sampleNo,
            field: `${at}.items[${r.items.indexOf(g)}].${j.field}`,
            reason: j.error,
          });
          continue;
        }
        if (j.outcome === 'fail') failed++;
      }
      rows.push({ reportIndex: i, sampleId: s.id, items: built.items });
    });
    if (total > 0) throw batchRejected(errors, total);

    // The reports in one statement, then their items with COPY.
    const ids = (await m.query(
      `INSERT INTO lab_report (lab_id, sample_id, report_no, version, state, tested_by, created_by)
       SELECT $1, x.sample_id, x.report_no, 1, 'draft', ARRAY[$2], $2
         FROM unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS x(sample_id, report_no, n)
        ORDER BY x.n
       RETURNING id, report_no AS "reportNo"`,
      [labId, p.sub, rows.map((r) => r.sampleId), rows.map((r) => reports[r.reportIndex].reportNo)],
    )) as { id: string; reportNo: string }[];
    const idOf = new Map(ids.map((r) => [r.reportNo, r.id]));
    let itemCount = 0;
    for (const r of rows) itemCount += r.items.length;
    await copyIn(
      m,
      `COPY lab_report_item (report_id, seq, item_code, item_name, method, unit, limit_rule,
                             limit_text, comparison, rounding_digits, value, not_tested_reason)
       FROM STDIN`,
      itemRows(
        rows.map((r) => ({ id: idOf.get(reports[r.reportIndex].reportNo)!, items: r.items })),
      ),
    );
    const answer: BatchAnswer = {
      reports: rows.map((r) => ({
        sampleNo: reports[r.reportIndex].sampleNo,
        reportNo: reports[r.reportIndex].reportNo,
        id: idOf.get(reports[r.reportIndex].reportNo)!,
        items: r.items.length,
      })),
      items: itemCount,
      failedItems: failed,
    };
    await recordAudit(m, p, [
      {
        action: `upload_${how}`,
        entityType: 'lab_report_batch',
        entityId: sha256,
        detail: {
          reports: answer.reports.length,
          items: answer.items,
          failedItems: failed,
          bodySha256: sha256,
        },
      },
    ]);
    return answer;
  }
}

/** The single-report item shape of a normalised batch item, for buildItems. */
function itemDto(it: NormalisedItem): ReportItemDto {
  const dto: ReportItemDto = { itemCode: it.itemCode, comparison: it.comparison };
  if (it.itemName !== undefined) dto.itemName = it.itemName;
  if (it.method !== undefined) dto.method = it.method;
  if (it.unit !== undefined) dto.unit = it.unit;
  if (it.limit !== undefined) {
    dto.limit = it.limit.rule;
    dto.limitText = it.limit.text;
  }
  if (it.roundingDigits !== null) dto.roundingDigits = it.roundingDigits;
  if (it.result.kind === 'measured') dto.value = it.result.value;
  else dto.notTestedReason = it.result.reason;
  return dto;
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
      out.text(item.value).tab().text(item.notTestedReason).end();
    }
    yield* out.full();
  }
  yield* out.finish();
}

/** The body of batchRejected: errors about `reports[i]…`, and how many there were in all. */
function isBatchRejection(
  body: unknown,
): body is { code: 'BATCH_REJECTED'; errors: BatchError[]; errorCount: number } {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { code?: unknown }).code === 'BATCH_REJECTED' &&
    Array.isArray((body as { errors?: unknown }).errors)
  );
}
