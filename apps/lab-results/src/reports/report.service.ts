import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import {
  AppException,
  FieldError,
  conflict,
  invalid,
  notFound,
  recordAudit,
} from '@spotcheck/common';
import { TestItemTemplate, WorkCalendarService } from '@spotcheck/database';
import {
  chinaDate,
  countingReportVersion,
  evaluateSample,
  objectionDeadline,
  reportEventsFor,
  startAmendment,
  transitionReport,
} from '@spotcheck/domain';
import type {
  FailedItem,
  ItemInput,
  ItemVerdict,
  ObjectionRegime,
  ReportEvent,
  ReportEventInput,
  ReportSnapshot,
  ReportState,
} from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { isSampleNoShape, isUuid, labScope, requireLab, staffRoles } from '../lab-access';
import { CreateReportDto, PutItemsDto } from './report.dto';
import { ReportItem, buildItems, fieldOf, itemInput } from './report-items';

export interface ReportView {
  id: string;
  labId: string;
  sampleNo: string;
  reportNo: string;
  version: number;
  amendsId: string | null;
  amendmentReason: string | null;
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

export interface StoredItem extends ReportItem {
  verdict: string | null;
  reason: { zh: string; en: string } | null;
}

export interface ReportDetail extends ReportView {
  items: StoredItem[];
  /** The verdict the items give now (issued: the stored one). */
  preview: {
    complete: boolean;
    verdict: string | null;
    items: { itemCode: string; outcome: string | null; reason: unknown }[];
    problems: FieldError[];
  };
  /** The events the caller may send now (their role and the four-eyes rules). */
  allowedEvents: readonly ReportEvent[];
}

const COLUMNS = `r.id, r.lab_id AS "labId", s.sample_no AS "sampleNo", r.report_no AS "reportNo",
  r.version, r.amends_id AS "amendsId", r.amendment_reason AS "amendmentReason", r.state,
  r.verdict, r.failed_items AS "failedItems", r.tested_by AS "testedBy",
  r.submitted_by AS "submittedBy", r.submitted_at AS "submittedAt",
  r.reviewed_by AS "reviewedBy", r.reviewed_at AS "reviewedAt", r.issued_by AS "issuedBy",
  r.issued_at AS "issuedAt", r.returned_by AS "returnedBy", r.returned_at AS "returnedAt",
  r.returned_reason AS "returnedReason", r.created_by AS "createdBy",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

const ITEM_COLUMNS = `seq, item_code AS "itemCode", item_name AS "itemName", method, unit,
  limit_rule AS "limitRule", limit_text AS "limitText", comparison,
  rounding_digits AS "roundingDigits", value, not_tested_reason AS "notTestedReason", verdict,
  reason`;

interface ReportRow extends ReportView {
  sampleId: string;
}

/**
 * Lab reports (检验报告), DESIGN §3.4 and issue 5. One chain per sample and lab, numbered by
 * the lab; each version goes draft → submitted → reviewed → issued under libs/domain's
 * report state machine and four-eyes rules, with the caller's roles from `lab_staff`. Issuing
 * stores the verdict and failed items (libs/domain evaluateSample), creates the result notice
 * with its objection deadline, and writes a `report.issued` outbox row, all in one
 * transaction. Issued versions are immutable (a trigger too); an amendment is version n + 1.
 */
@Injectable()
export class ReportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calendar: WorkCalendarService,
  ) {}

  async create(p: Principal, dto: CreateReportDto): Promise<ReportDetail> {
    const labId = requireLab(p, 'a report');
    try {
      return await this.ds.transaction(async (m) => {
        await this.requireRole(m, labId, p, ['tester'], 'create a report');
        const params: unknown[] = [dto.sampleNo];
        const arg = (v: unknown) => `$${params.push(v)}`;
        if (!isSampleNoShape(dto.sampleNo)) throw notFound('sample', String(dto.sampleNo));
        const [sample] = (await m.query(
          `SELECT s.id, s.custody_state AS "custodyState", c.items, r.outcome
             FROM sample s JOIN product_category c ON c.code = s.category
             LEFT JOIN lab_receipt r ON r.sample_id = s.id AND r.lab_id = s.lab_id
            WHERE s.sample_no = $1 AND ${labScope(p, 's.lab_id', arg)} FOR UPDATE OF s`,
          params,
        )) as {
          id: string;
          custodyState: string;
          items: TestItemTemplate[];
          outcome: string | null;
        }[];
        if (!sample) throw notFound('sample', dto.sampleNo);
        if (sample.outcome !== 'received')
          throw conflict(
            'SAMPLE_NOT_RECEIVED',
            sample.outcome
              ? 'the sample was rejected at receipt; it has no report'
              : 'record the receipt of the sample (POST /lab/samples/:sampleNo/receipt) first',
            { currentState: sample.custodyState },
          );
        const [existing] = (await m.query(
          `SELECT id, report_no AS "reportNo" FROM lab_report
            WHERE sample_id = $1 AND lab_id = $2 AND version = 1`,
          [sample.id, labId],
        )) as { id: string; reportNo: string }[];
        if (existing)
          throw conflict(
            'REPORT_EXISTS',
            `the sample already has report ${existing.reportNo} at this lab (${existing.id}); correct or amend it`,
            { reportId: existing.id },
          );
        const built = buildItems(sample.items, dto.items, true);
        if (built.errors.length) throw invalid(built.errors);
        const withResults = built.items.some((i) => itemInput(i) !== null);
        const [{ id }] = (await m.query(
          `INSERT INTO lab_report (lab_id, sample_id, report_no, version, state, tested_by, created_by)
           VALUES ($1, $2, $3, 1, 'draft', $4, $5) RETURNING id`,
          [labId, sample.id, dto.reportNo.trim(), withResults ? [p.sub] : [], p.sub],
        )) as { id: string }[];
        await insertItems(m, id, built.items);
        const after = await this.detail(m, p, id);
        await recordAudit(m, p, [
          {
            action: 'create',
            entityType: 'lab_report',
            entityId: id,
            after,
            detail: { sampleNo: dto.sampleNo, reportNo: after.reportNo, version: 1 },
          },
        ]);
        return after;
      });
    } catch (e) {
      throw duplicateReportNo(e, dto.reportNo);
    }
  }

  /** Replaces the items of a draft; the caller becomes one of its authors. */
  async putItems(p: Principal, id: string, dto: PutItemsDto): Promise<ReportDetail> {
    const labId = requireLab(p, 'a result');
    return this.ds.transaction(async (m) => {
      const before = await this.find(m, p, id, true);
      if (before.state !== 'draft')
        throw conflict(
          'REPORT_NOT_EDITABLE',
          before.state === 'issued'
            ? 'the report is issued and cannot change; amend it (POST /lab/reports/:id/amend)'
            : `the report is ${before.state}; only a draft's items change (a reviewer returns it for correction)`,
          { currentState: before.state },
        );
      await this.requireRole(m, labId, p, ['tester'], 'enter results');
      const [{ items: template }] = (await m.query(
        `SELECT c.items FROM sample s JOIN product_category c ON c.code = s.category WHERE s.id = $1`,
        [before.sampleId],
      )) as { items: TestItemTemplate[] }[];
      const built = buildItems(template, dto.items, false);
      if (built.errors.length) throw invalid(built.errors);
      const beforeItems = await this.items(m, id);
      await m.query(`DELETE FROM lab_report_item WHERE report_id = $1`, [id]);
      await insertItems(m, id, built.items);
      await m.query(
        `UPDATE lab_report SET tested_by = CASE WHEN $2 = ANY(tested_by) THEN tested_by
                                                ELSE tested_by || $2 END,
                updated_at = now() WHERE id = $1`,
        [id, p.sub],
      );
      const after = await this.detail(m, p, id);
      await recordAudit(m, p, [
        {
          action: 'update_items',
          entityType: 'lab_report',
          entityId: id,
          before: beforeItems,
          after: after.items,
          detail: { reportNo: before.reportNo, version: before.version, items: built.items.length },
        },
      ]);
      return after;
    });
  }

  async get(p: Principal, id: string): Promise<ReportDetail> {
    return this.detail(this.ds.manager, p, id);
  }

  /** Every version of the sample's report(s) visible to the caller, oldest first. */
  async chain(p: Principal, sampleNo: string) {
    const params: unknown[] = [sampleNo];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [sample] = isSampleNoShape(sampleNo)
      ? ((await this.ds.query(
          `SELECT s.id FROM sample s WHERE s.sample_no = $1 AND ${labScope(p, 's.lab_id', arg)}`,
          params,
        )) as { id: string }[])
      : [];
    if (!sample) throw notFound('sample', sampleNo);
    // A lab's own chain only (a retest lab's, later, is not its business).
    const vParams: unknown[] = [sample.id];
    const vArg = (v: unknown) => `$${vParams.push(v)}`;
    const versions = (await this.ds.query(
      `SELECT ${COLUMNS} FROM lab_report r JOIN sample s ON s.id = r.sample_id
        WHERE r.sample_id = $1 AND ${labScope(p, 'r.lab_id', vArg)} ORDER BY r.lab_id, r.version`,
      vParams,
    )) as ReportView[];
    const counting = countingReportVersion(
      versions.map((v) => ({
        version: v.version,
        state: v.state,
        amends: v.version > 1 ? v.version - 1 : null,
        amendmentReason: v.amendmentReason,
      })),
    );
    return {
      sampleNo,
      countingVersion: counting?.version ?? null,
      counting: versions.find((v) => v.version === counting?.version) ?? null,
      versions,
    };
  }

  async transition(p: Principal, id: string, input: ReportEventInput): Promise<ReportDetail> {
    const labId = requireLab(p, `${input.event} of a report`);
    const cal = input.event === 'issue' ? await this.calendar.calendar() : null;
    return this.ds.transaction(async (m) => {
      const before = await this.find(m, p, id, true);
      const roles = await staffRoles(m, labId, p.sub);
      const t = transitionReport(snapshot(before), input, { id: p.sub, roles });
      if (!t.ok) {
        const e = t.error;
        if (e.code === 'ILLEGAL_REPORT_TRANSITION')
          throw conflict(e.code, e.message, {
            currentState: e.currentState,
            allowedEvents: e.allowedEvents,
          });
        if (e.code === 'RETURN_REASON_REQUIRED')
          throw invalid([{ field: 'reason', reason: e.message }]);
        throw new AppException(HttpStatus.FORBIDDEN, e.code, e.message, {
          event: e.event,
          ...(e.code === 'FOUR_EYES_VIOLATION'
            ? { rule: e.rule }
            : { requiredRoles: e.requiredRoles }),
        });
      }
      const items = await this.items(m, id);
      const audit: Record<string, unknown> = { reportNo: before.reportNo, version: before.version };
      if (input.event === 'submit' || input.event === 'issue') {
        const verdict = judge(items);
        if (input.event === 'submit') {
          await m.query(
            `UPDATE lab_report SET state = 'submitted', submitted_by = $2, submitted_at = now(),
                    updated_at = now() WHERE id = $1`,
            [id, p.sub],
          );
        } else {
          for (const v of verdict.items)
            await m.query(
              `UPDATE lab_report_item SET verdict = $3, reason = $4 WHERE report_id = $1 AND seq = $2`,
              [id, v.seq, v.outcome, JSON.stringify(v.reason)],
            );
          await m.query(
            `UPDATE lab_report SET state = 'issued', issued_by = $2, issued_at = now(), verdict = $3,
                    failed_items = $4, updated_at = now() WHERE id = $1`,
            [id, p.sub, verdict.outcome, JSON.stringify(verdict.failedItems)],
          );
          audit.verdict = verdict.outcome;
          audit.notice = await this.notice(m, before, verdict.outcome, cal!);
          audit.outboxId = await enqueue(m, 'report.issued', {
            reportId: id,
            sampleId: before.sampleId,
            labId: before.labId,
            version: before.version,
          });
        }
      } else if (input.event === 'review') {
        await m.query(
          `UPDATE lab_report SET state = 'reviewed', reviewed_by = $2, reviewed_at = now(),
                  updated_at = now() WHERE id = $1`,
          [id, p.sub],
        );
      } else {
        await m.query(
          `UPDATE lab_report SET state = 'draft', submitted_by = NULL, submitted_at = NULL,
                  reviewed_by = NULL, reviewed_at = NULL, returned_by = $2, returned_at = now(),
                  returned_reason = $3, updated_at = now() WHERE id = $1`,
          [id, p.sub, t.returnReason],
        );
        audit.reason = t.returnReason;
      }
      const after = await this.detail(m, p, id);
      await recordAudit(m, p, [
        {
          action: input.event,
          entityType: 'lab_report',
          entityId: id,
          before,
          after,
          detail: { ...audit, from: before.state, to: after.state },
        },
      ]);
      return after;
    });
  }

  /** Starts version n + 1 of an issued report's chain, a draft with the same items. */
  async amend(p: Principal, id: string, reason: string): Promise<ReportDetail> {
    const labId = requireLab(p, 'an amendment');
    return this.ds.transaction(async (m) => {
      const target = await this.find(m, p, id, true);
      await this.requireRole(m, labId, p, ['tester', 'signatory'], 'start an amendment');
      const versions = (await m.query(
        `SELECT id, version, state, amendment_reason AS "amendmentReason" FROM lab_report
          WHERE sample_id = $1 AND lab_id = $2 ORDER BY version FOR UPDATE`,
        [target.sampleId, target.labId],
      )) as { id: string; version: number; state: ReportState; amendmentReason: string | null }[];
      const latest = versions[versions.length - 1];
      if (latest.id !== id)
        throw conflict(
          'AMENDMENT_NOT_ALLOWED',
          `version ${target.version} is not the latest; amend version ${latest.version} (${latest.id})`,
          { currentState: target.state, latestVersion: latest.version },
        );
      const started = startAmendment(
        versions.map((v) => ({
          version: v.version,
          state: v.state,
          amends: v.version > 1 ? v.version - 1 : null,
          amendmentReason: v.amendmentReason,
        })),
        reason,
      );
      if (!started.ok) {
        if (started.error.code === 'AMENDMENT_REASON_REQUIRED')
          throw invalid([{ field: 'reason', reason: started.error.message }]);
        throw conflict(started.error.code, started.error.message, { currentState: target.state });
      }
      const [{ id: newId }] = (await m.query(
        `INSERT INTO lab_report (lab_id, sample_id, report_no, version, amends_id, amendment_reason,
                                 state, tested_by, created_by)
         -- The values it copies were entered by the amended version's testers: they stay its
         -- authors, so they cannot review or issue it (four eyes).
         VALUES ($1, $2, $3, $4, $5, $6, 'draft',
                 (SELECT tested_by FROM lab_report WHERE id = $5), $7) RETURNING id`,
        [
          target.labId,
          target.sampleId,
          target.reportNo,
          started.version.version,
          id,
          started.version.amendmentReason,
          p.sub,
        ],
      )) as { id: string }[];
      await m.query(
        `INSERT INTO lab_report_item (report_id, seq, item_code, item_name, method, unit, limit_rule,
                                      limit_text, comparison, rounding_digits, value, not_tested_reason)
         SELECT $2, seq, item_code, item_name, method, unit, limit_rule, limit_text, comparison,
                rounding_digits, value, not_tested_reason
           FROM lab_report_item WHERE report_id = $1`,
        [id, newId],
      );
      const after = await this.detail(m, p, newId);
      await recordAudit(m, p, [
        {
          action: 'amend',
          entityType: 'lab_report',
          entityId: newId,
          after,
          detail: {
            reportNo: target.reportNo,
            version: started.version.version,
            amends: id,
            reason: started.version.amendmentReason,
          },
        },
      ]);
      return after;
    });
  }

  /**
   * The result notice of an issued version to the sampled enterprise (DESIGN §3.5). Served
   * electronically the day it is issued (China Standard Time); the objection deadline runs
   * from that day under the category's regime: food 7 working days, products 15 days.
   */
  private async notice(
    m: EntityManager,
    r: ReportRow,
    verdict: string,
    cal: Awaited<ReturnType<WorkCalendarService['calendar']>>,
  ) {
    const [s] = (await m.query(
      `SELECT s.sampled_uscc AS uscc, s.manufacturer_uscc AS "manufacturerUscc", c.sector
         FROM sample s JOIN product_category c ON c.code = s.category WHERE s.id = $1`,
      [r.sampleId],
    )) as { uscc: string; manufacturerUscc: string | null; sector: string }[];
    const regime: ObjectionRegime = s.sector === 'food' ? 'food' : 'product';
    const servedOn = chinaDate(new Date());
    const d = objectionDeadline(cal, regime, servedOn);
    const [row] = (await m.query(
      `INSERT INTO result_notice (sample_id, report_id, lab_id, uscc, manufacturer_uscc, verdict,
                                  regime, served_on, objection_deadline, deadline_provisional)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        r.sampleId,
        r.id,
        r.labId,
        s.uscc,
        s.manufacturerUscc,
        verdict,
        regime,
        servedOn,
        d.deadline,
        d.firstUncovered !== null,
      ],
    )) as { id: string }[];
    return { id: row.id, uscc: s.uscc, regime, servedOn, objectionDeadline: d.deadline };
  }

  private async requireRole(
    m: EntityManager,
    labId: string,
    p: Principal,
    roles: readonly string[],
    what: string,
  ): Promise<void> {
    const mine = await staffRoles(m, labId, p.sub);
    if (!mine.some((r) => roles.includes(r)))
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'REPORT_ROLE_REQUIRED',
        `to ${what} needs the role ${roles.join(' or ')} on the lab's active staff`,
        { requiredRoles: roles },
      );
  }

  private async find(m: EntityManager, p: Principal, id: string, lock = false): Promise<ReportRow> {
    if (!isUuid(id)) throw notFound('report', id);
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `SELECT ${COLUMNS}, r.sample_id AS "sampleId" FROM lab_report r JOIN sample s ON s.id = r.sample_id
        WHERE r.id = $1 AND ${labScope(p, 'r.lab_id', arg)} ${lock ? 'FOR UPDATE OF r' : ''}`,
      params,
    )) as ReportRow[];
    if (!row) throw notFound('report', id);
    return row;
  }

  private items(m: EntityManager, id: string): Promise<StoredItem[]> {
    return m.query(
      `SELECT ${ITEM_COLUMNS} FROM lab_report_item WHERE report_id = $1 ORDER BY seq`,
      [id],
    ) as Promise<StoredItem[]>;
  }

  private async detail(m: EntityManager, p: Principal, id: string): Promise<ReportDetail> {
    const { sampleId: _sampleId, ...r } = await this.find(m, p, id);
    const items = await this.items(m, id);
    const roles = p.role === 'lab' ? await staffRoles(m, r.labId, p.sub) : [];
    return {
      ...r,
      items,
      preview: preview(r, items),
      allowedEvents: p.role === 'lab' ? reportEventsFor(snapshot(r), { id: p.sub, roles }) : [],
    };
  }
}

function snapshot(r: ReportView): ReportSnapshot {
  return {
    state: r.state,
    testedBy: r.testedBy,
    submittedBy: r.submittedBy,
    reviewedBy: r.reviewedBy,
    issuedBy: r.issuedBy,
  };
}

/**
 * The verdict of complete items, or 400 naming each item and field at fault: every item needs
 * a value or a not-tested reason, and the domain must be able to judge it.
 */
function judge(items: StoredItem[]) {
  const problems = completeness(items);
  if (problems.length) throw invalid(problems);
  const e = evaluateSample(items.map((i) => itemInput(i) as ItemInput));
  if (!e.ok)
    throw invalid(
      e.errors.map((x) => ({
        field: `items[${x.index}].${fieldOf(x.reason)}`,
        reason: `${x.itemCode}: ${x.reason}`,
      })),
    );
  return {
    outcome: e.verdict.outcome,
    failedItems: e.verdict.failedItems,
    items: e.verdict.items.map((v: ItemVerdict, i) => ({ ...v, seq: items[i].seq })),
  };
}

function completeness(items: StoredItem[]): FieldError[] {
  if (items.length === 0) return [{ field: 'items', reason: 'a report needs at least one item' }];
  return items.flatMap((i, index) =>
    itemInput(i) === null
      ? [
          {
            field: `items[${index}].value`,
            reason: `${i.itemCode}: needs a measured value or a not-tested reason`,
          },
        ]
      : [],
  );
}

function preview(r: ReportView, items: StoredItem[]): ReportDetail['preview'] {
  if (r.state === 'issued')
    return {
      complete: true,
      verdict: r.verdict,
      items: items.map((i) => ({ itemCode: i.itemCode, outcome: i.verdict, reason: i.reason })),
      problems: [],
    };
  const problems = completeness(items);
  const judged = items.map((i) => {
    const input = itemInput(i);
    return input ? evaluateSampleItem(input) : null;
  });
  const complete = problems.length === 0;
  const e = complete ? evaluateSample(items.map((i) => itemInput(i) as ItemInput)) : null;
  return {
    complete,
    verdict: e?.ok ? e.verdict.outcome : null,
    items: items.map((i, k) => ({
      itemCode: i.itemCode,
      outcome: judged[k]?.outcome ?? null,
      reason: judged[k]?.reason ?? null,
    })),
    problems,
  };
}

function evaluateSampleItem(input: ItemInput) {
  const e = evaluateSample([input]);
  return e.ok ? e.verdict.items[0] : null;
}

async function insertItems(m: EntityManager, reportId: string, items: ReportItem[]) {
  for (const i of items)
    await m.query(
      `INSERT INTO lab_report_item (report_id, seq, item_code, item_name, method, unit, limit_rule,
                                    limit_text, comparison, rounding_digits, value, not_tested_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
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
      ],
    );
}

/** A report number already used in the lab: 409, not a 500. */
function duplicateReportNo(e: unknown, reportNo: string): unknown {
  const d =
    e instanceof QueryFailedError
      ? (e.driverError as { code?: string; constraint?: string })
      : null;
  if (d?.code === '23505' && d.constraint === 'lab_report_lab_id_report_no_version_key')
    return conflict('REPORT_NO_TAKEN', `report number ${reportNo} is already used in this lab`);
  if (d?.code === '23505' && d.constraint === 'lab_report_one_open_idx')
    return conflict('REPORT_EXISTS', 'the sample already has a report in progress at this lab');
  return e;
}
