import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { AppException, FileFormat, idempotent, recordAudit } from '@spotcheck/common';
import type { LimitRuleResult } from '@spotcheck/domain';
import { requireLab, requireRole } from '../lab-access';
import { LabStaffRepository } from '../staff/lab-staff.repository';
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
import { ReportRepository } from './report.repository';

export interface BatchAnswer {
  reports: { sampleNo: string; reportNo: string; id: string; items: number }[];
  items: number;
  /** Items whose result fails their limit, in the drafts just written. */
  failedItems: number;
}

/**
 * Bulk upload of results: many draft reports in one request, all or nothing. The
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
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reports: ReportRepository,
    private readonly staff: LabStaffRepository,
  ) {}

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
    await requireRole(this.staff, m, labId, p.sub, ['tester'], 'upload results');
    // The samples, locked so a concurrent single-report create cannot slip in between.
    const samples = await this.reports.lockBatchSamples(
      m,
      labId,
      reports.map((r) => r.sampleNo),
    );
    const bySample = new Map(samples.map((s) => [s.sampleNo, s]));
    const taken = await this.reports.takenReportNos(
      m,
      labId,
      reports.map((r) => r.reportNo),
    );
    const templates = await this.reports.templates(m, [...new Set(samples.map((s) => s.category))]);

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
    const idOf = await this.reports.insertDrafts(
      m,
      labId,
      p.sub,
      rows.map((r) => ({ sampleId: r.sampleId, reportNo: reports[r.reportIndex].reportNo })),
    );
    let itemCount = 0;
    for (const r of rows) itemCount += r.items.length;
    await this.reports.copyItems(
      m,
      rows.map((r) => ({ id: idOf.get(reports[r.reportIndex].reportNo)!, items: r.items })),
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
  if (it.limitBasis !== undefined) dto.limitBasis = it.limitBasis;
  if (it.roundingDigits !== null) dto.roundingDigits = it.roundingDigits;
  if (it.result.kind === 'measured') dto.value = it.result.value;
  else dto.notTestedReason = it.result.reason;
  return dto;
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
