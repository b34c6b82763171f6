import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { AppException, FileFormat, idempotent, recordAudit } from '@spotcheck/common';
import { evaluateItem } from '@spotcheck/domain';
import type { TestItemTemplate } from '@spotcheck/database';
import { requireLab, staffRoles } from '../lab-access';
import { BatchError, NormalisedReport, batchRejected, validateBatch } from './batch';
import { readReportFile, reportFileRejected } from './report-file';
import { ReportItem, buildItems, fieldOf, itemInput } from './report-items';
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
 * verdict is computed and stored, the reports and items are written set-wise, and one audit
 * entry records the batch. The drafts then go through the usual review chain one by one.
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
    return this.write(p, labId, r.reports, key, sha256, 'import');
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
    const judged = new Map<string, ReturnType<typeof evaluateItem>>();
    let total = 0;
    const add = (e: BatchError) => {
      total++;
      if (errors.length < 100) errors.push(e);
    };
    const rows: {
      reportIndex: number;
      sampleId: string;
      items: ReportItem[];
      verdicts: (string | null)[];
      reasons: (object | null)[];
    }[] = [];
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
      const dtos: ReportItemDto[] = r.items.map((it) => ({
        itemCode: it.itemCode,
        ...(it.itemName !== undefined ? { itemName: it.itemName } : {}),
        ...(it.method !== undefined ? { method: it.method } : {}),
        ...(it.unit !== undefined ? { unit: it.unit } : {}),
        ...(it.limit !== undefined ? { limit: it.limit.rule, limitText: it.limit.text } : {}),
        comparison: it.comparison,
        ...(it.roundingDigits !== null ? { roundingDigits: it.roundingDigits } : {}),
        ...(it.result.kind === 'measured'
          ? { value: it.result.value }
          : { notTestedReason: it.result.reason }),
      }));
      const built = buildItems(templates.get(s.category) ?? [], dtos, true);
      for (const e of built.errors)
        add({ report: i, sampleNo: r.sampleNo, field: `${at}.${e.field}`, reason: e.reason });
      if (built.errors.length) return;
      const verdicts: (string | null)[] = [];
      const reasons: (object | null)[] = [];
      for (const item of built.items) {
        const input = itemInput(item);
        if (!input) {
          verdicts.push(null);
          reasons.push(null);
          continue;
        }
        // Lab results repeat (ND, values at the lab's precision): judge each distinct
        // limit, comparison, digits and result once per request.
        const memo = `${item.limitText}\u0000${item.comparison}\u0000${item.roundingDigits}\u0000${item.value ?? ''}\u0000${item.notTestedReason ?? ''}\u0000${item.unit ?? ''}\u0000${item.itemName}\u0000${item.itemCode}`;
        let e = judged.get(memo);
        if (e === undefined) judged.set(memo, (e = evaluateItem(input)));
        if (!e.ok) {
          add({
            report: i,
            sampleNo: r.sampleNo,
            field: `${at}.items[${item.seq - 1}].${fieldOf(e.reason)}`,
            reason: e.reason,
          });
          verdicts.push(null);
          reasons.push(null);
          continue;
        }
        verdicts.push(e.verdict.outcome);
        reasons.push(e.verdict.reason);
      }
      rows.push({ reportIndex: i, sampleId: s.id, items: built.items, verdicts, reasons });
    });
    if (total > 0) throw batchRejected(errors, total);

    // Reports, then items, each in one statement.
    const ids = (await m.query(
      `INSERT INTO lab_report (lab_id, sample_id, report_no, version, state, tested_by, created_by)
       SELECT $1, x.sample_id, x.report_no, 1, 'draft', ARRAY[$2], $2
         FROM unnest($3::uuid[], $4::text[]) WITH ORDINALITY AS x(sample_id, report_no, n)
        ORDER BY x.n
       RETURNING id, report_no AS "reportNo"`,
      [labId, p.sub, rows.map((r) => r.sampleId), rows.map((r) => reports[r.reportIndex].reportNo)],
    )) as { id: string; reportNo: string }[];
    const idOf = new Map(ids.map((r) => [r.reportNo, r.id]));
    const items: Record<string, unknown>[] = [];
    let failed = 0;
    for (const r of rows) {
      const id = idOf.get(reports[r.reportIndex].reportNo)!;
      r.items.forEach((it, k) => {
        if (r.verdicts[k] === 'fail') failed++;
        items.push({
          report_id: id,
          seq: it.seq,
          item_code: it.itemCode,
          item_name: it.itemName,
          method: it.method,
          unit: it.unit,
          limit_rule: it.limitRule,
          limit_text: it.limitText,
          comparison: it.comparison,
          rounding_digits: it.roundingDigits,
          value: it.value,
          not_tested_reason: it.notTestedReason,
          verdict: r.verdicts[k],
          reason: r.reasons[k],
        });
      });
    }
    await m.query(
      `INSERT INTO lab_report_item (report_id, seq, item_code, item_name, method, unit, limit_rule,
                                    limit_text, comparison, rounding_digits, value,
                                    not_tested_reason, verdict, reason)
       SELECT report_id, seq, item_code, item_name, method, unit, limit_rule, limit_text,
              comparison, rounding_digits, value, not_tested_reason, verdict, reason
         FROM jsonb_to_recordset($1::jsonb) AS x(report_id uuid, seq int, item_code text,
              item_name text, method text, unit text, limit_rule jsonb, limit_text text,
              comparison text, rounding_digits int, value text, not_tested_reason text,
              verdict text, reason jsonb)`,
      [JSON.stringify(items)],
    );
    const answer: BatchAnswer = {
      reports: rows.map((r) => ({
        sampleNo: reports[r.reportIndex].sampleNo,
        reportNo: reports[r.reportIndex].reportNo,
        id: idOf.get(reports[r.reportIndex].reportNo)!,
        items: r.items.length,
      })),
      items: items.length,
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
