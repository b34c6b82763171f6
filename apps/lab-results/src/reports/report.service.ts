import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { FieldError, recordAudit } from '@spotcheck/common';
import { SectorRuleService, WorkCalendarService, rekeepBackup } from '@spotcheck/database';
import {
  DomainError,
  chinaDate,
  conflictError,
  countingReportVersion,
  evaluateSample,
  invalidError,
  notFoundError,
  objectionDeadline,
  reportEventsFor,
  retestConclusion,
  retestFeePayer,
  transitionObjection,
  startAmendment,
  transitionReport,
} from '@spotcheck/domain';
import type {
  FailedItem,
  ItemInput,
  ItemVerdict,
  LabStaffRole,
  ReportEvent,
  ReportEventInput,
  ReportSnapshot,
  Sector,
  SectorRules,
  WorkCalendar,
} from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { isSampleNoShape, labScope, requireLab, requireRole } from '../lab-access';
import { LabStaffRepository } from '../staff/lab-staff.repository';
import { ResultNoticeRepository } from './notice.repository';
import { RetestRepository } from './retest.repository';
import { CreateReportDto, PutItemsDto } from './report.dto';
import { buildItems, fieldOf, itemInput } from './report-items';
import { ReportRepository, ReportRow, ReportView, StoredItem } from './report.repository';

export type { ReportView, StoredItem } from './report.repository';

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

/** A sample's report versions and the one that counts. */
export interface ReportChain {
  sampleNo: string;
  countingVersion: number | null;
  counting: ReportView | null;
  versions: ReportView[];
}

/**
 * Lab reports (检验报告), docs/rules.md §3.4. One chain per sample and lab, numbered by
 * the lab; each version goes draft → submitted → reviewed → issued under libs/domain's
 * report state machine and four-eyes rules, with the caller's roles from `lab_staff`. Issuing
 * stores the verdict and failed items (libs/domain evaluateSample), creates the result notice
 * with its objection deadline, and writes a `report.issued` outbox row, all in one
 * transaction. Issued versions are immutable (a trigger too); an amendment is version n + 1,
 * and issuing it recomputes the keep-until date of a backup the lab keeps (libs/database
 * `rekeepBackup`) in the same transaction.
 */
@Injectable()
export class ReportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calendar: WorkCalendarService,
    private readonly rules: SectorRuleService,
    private readonly reports: ReportRepository,
    private readonly notices: ResultNoticeRepository,
    private readonly retests: RetestRepository,
    private readonly staff: LabStaffRepository,
  ) {}

  async create(p: Principal, dto: CreateReportDto): Promise<ReportDetail> {
    const labId = requireLab(p, 'a report');
    try {
      return await this.ds.transaction(async (m) => {
        await requireRole(this.staff, m, labId, p.sub, ['tester'], 'create a report');
        const sample = isSampleNoShape(dto.sampleNo)
          ? await this.reports.lockReportable(m, labScope(p), labId, dto.sampleNo)
          : null;
        if (!sample) throw notFoundError('sample', String(dto.sampleNo));
        if (sample.outcome !== 'received')
          throw conflictError(
            'SAMPLE_NOT_RECEIVED',
            sample.outcome
              ? 'the sample was rejected at receipt; it has no report'
              : 'record the receipt of the sample (POST /lab/samples/:sampleNo/receipt) first',
            { currentState: sample.custodyState },
          );
        const existing = await this.reports.first(m, sample.id, labId);
        if (existing)
          throw conflictError(
            'REPORT_EXISTS',
            `the sample already has report ${existing.reportNo} at this lab (${existing.id}); correct or amend it`,
            { reportId: existing.id },
          );
        // A retest lab tests the contested items, and only those.
        const contested = sample.retestLabId === labId ? (sample.objectionItems ?? []) : null;
        const template =
          contested === null
            ? sample.items
            : sample.items.filter((i) => contested.includes(i.code));
        if (contested) onlyContested(dto.items ?? [], contested);
        const built = buildItems(template, dto.items, true);
        if (built.errors.length) throw invalidError(built.errors);
        const withResults = built.items.some((i) => itemInput(i) !== null);
        const id = await this.reports.insertDraft(m, {
          labId,
          sampleId: sample.id,
          reportNo: dto.reportNo.trim(),
          testedBy: withResults ? [p.sub] : [],
          createdBy: p.sub,
          objectionId: contested === null ? null : sample.objectionId,
        });
        await this.reports.insertItems(m, id, built.items);
        const after = await this.detail(m, p, id);
        await recordAudit(m, p, [
          {
            action: 'create',
            entityType: 'lab_report',
            entityId: id,
            after,
            detail: {
              sampleNo: dto.sampleNo,
              reportNo: after.reportNo,
              version: 1,
              ...(after.objectionId ? { retestOf: after.objectionId } : {}),
            },
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
        throw conflictError(
          'REPORT_NOT_EDITABLE',
          before.state === 'issued'
            ? 'the report is issued and cannot change; amend it (POST /lab/reports/:id/amend)'
            : `the report is ${before.state}; only a draft's items change (a reviewer returns it for correction)`,
          { currentState: before.state },
        );
      await requireRole(this.staff, m, labId, p.sub, ['tester'], 'enter results');
      const contested = before.objectionId
        ? await this.reports.contested(m, before.objectionId)
        : null;
      const template = (await this.reports.template(m, before.sampleId)).filter(
        (i) => contested === null || contested.includes(i.code),
      );
      if (contested) onlyContested(dto.items, contested);
      const built = buildItems(template, dto.items, false);
      if (built.errors.length) throw invalidError(built.errors);
      const beforeItems = await this.reports.items(m, id);
      await this.reports.replaceItems(m, id, built.items, p.sub);
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
  async chain(p: Principal, sampleNo: string): Promise<ReportChain> {
    const scope = labScope(p);
    const m = this.ds.manager;
    const sampleId = isSampleNoShape(sampleNo)
      ? await this.reports.sampleId(m, scope, sampleNo)
      : null;
    if (!sampleId) throw notFoundError('sample', String(sampleNo));
    // A lab's own chain only (a retest lab's is not its business).
    const versions = await this.reports.versions(m, scope, sampleId);
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
    const rules = input.event === 'issue' ? await this.rules.all() : null;
    return this.ds.transaction(async (m) => {
      const before = await this.find(m, p, id, true);
      const roles = await this.staff.activeRoles(m, labId, p.sub);
      const t = transitionReport(snapshot(before), input, { id: p.sub, roles });
      if (!t.ok) {
        const e = t.error;
        if (e.code === 'ILLEGAL_REPORT_TRANSITION')
          throw conflictError(e.code, e.message, {
            currentState: e.currentState,
            allowedEvents: e.allowedEvents,
          });
        if (e.code === 'RETURN_REASON_REQUIRED')
          throw invalidError([{ field: 'reason', reason: e.message }]);
        throw new DomainError('forbidden', e.code, e.message, {
          event: e.event,
          ...(e.code === 'FOUR_EYES_VIOLATION'
            ? { rule: e.rule }
            : { requiredRoles: e.requiredRoles }),
        });
      }
      const audit: Record<string, unknown> = { reportNo: before.reportNo, version: before.version };
      // What the answer is made of when this transition already has it (issuing), not read again.
      const known: Known = { roles };
      if (input.event === 'submit') {
        judge(await this.reports.items(m, id));
        await this.reports.submit(m, id, p.sub);
      } else if (input.event === 'issue') {
        const items = await this.reports.items(m, id);
        const verdict = judge(items);
        known.row = await this.reports.issue(m, id, p.sub, verdict);
        known.items = issuedItems(items, verdict.items);
        audit.verdict = verdict.outcome;
        if (before.objectionId) audit.retest = await this.conclude(m, p, before, verdict);
        else audit.notice = await this.notice(m, before, verdict.outcome, cal!, rules!);
        // An amendment re-opens what it changes: the backup kept from the report too.
        if (before.version > 1 && !before.objectionId) {
          const kept = await rekeepBackup(m, p, before.sampleId);
          if (kept) audit.backupKeepUntil = { from: kept.from, to: kept.to.keepUntil };
        }
        audit.outboxId = await enqueue(m, 'report.issued', {
          reportId: id,
          sampleId: before.sampleId,
          labId: before.labId,
          version: before.version,
        });
      } else if (input.event === 'review') {
        await this.reports.review(m, id, p.sub);
      } else {
        await this.reports.returnToDraft(m, id, p.sub, t.returnReason!);
        audit.reason = t.returnReason;
      }
      const after = await this.detail(m, p, id, known);
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
      await requireRole(this.staff, m, labId, p.sub, ['tester', 'signatory'], 'start an amendment');
      if (target.objectionId && target.state === 'issued')
        throw conflictError(
          'RETEST_FINAL',
          "a retest's conclusion is final (Food Safety Law art. 88): its issued report is not amended",
          { currentState: target.state, objectionId: target.objectionId },
        );
      const versions = await this.reports.lockChain(m, target.sampleId, target.labId);
      const latest = versions[versions.length - 1];
      if (latest.id !== id)
        throw conflictError(
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
          throw invalidError([{ field: 'reason', reason: started.error.message }]);
        throw conflictError(started.error.code, started.error.message, {
          currentState: target.state,
        });
      }
      const newId = await this.reports.insertAmendment(m, {
        amends: target,
        version: started.version.version,
        reason: started.version.amendmentReason,
        createdBy: p.sub,
      });
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
   * The result notice of an issued version to the sampled enterprise (docs/rules.md §3.5). Served
   * electronically the day it is issued (China Standard Time); the objection deadline runs
   * from that day under the sector's `objectionWindow` rule (food 7 working days, products 15
   * days, by default), and the notice keeps which rule it was.
   */
  private async notice(
    m: EntityManager,
    r: ReportRow,
    verdict: string,
    cal: WorkCalendar,
    rules: ReadonlyMap<Sector, { rules: SectorRules }>,
  ) {
    const s = await this.notices.parties(m, r.sampleId);
    if (!s) throw notFoundError('sample', r.sampleNo);
    const servedOn = chinaDate(new Date());
    const d = objectionDeadline(cal, rules.get(s.sector as Sector)!.rules, servedOn);
    const regime = d.regime;
    const id = await this.notices.insert(m, {
      sampleId: r.sampleId,
      reportId: r.id,
      labId: r.labId,
      uscc: s.uscc,
      manufacturerUscc: s.manufacturerUscc,
      verdict,
      regime,
      servedOn,
      objectionDeadline: d.deadline,
      deadlineRule: d.rule,
      deadlineProvisional: d.firstUncovered !== null,
    });
    return {
      id,
      uscc: s.uscc,
      regime,
      servedOn,
      objectionDeadline: d.deadline,
      deadlineRule: { sector: d.rule.sector, version: d.rule.version, rule: d.rule.rule },
    };
  }

  /**
   * Concludes the objection whose retest this issued report is (docs/rules.md §3.5): the
   * conclusion is final — the failure is confirmed, or overturned when every contested item
   * passes and nothing else failed — and the fee falls on the applicant, or on the regulator
   * when overturned. The outcome follows from the `report.issued` and `objection.changed` jobs.
   */
  private async conclude(
    m: EntityManager,
    p: Principal,
    r: ReportRow,
    verdict: { outcome: string; failedItems: readonly FailedItem[] },
  ) {
    const c = await this.retests.lock(m, r.objectionId!);
    if (!c || c.retestLabId !== r.labId) throw notFoundError('objection', String(r.objectionId));
    const t = transitionObjection(c.state, 'conclude');
    if (!t.ok)
      throw conflictError(t.error.code, t.error.message, {
        currentState: t.error.currentState,
        allowedEvents: t.error.allowedEvents,
      });
    if (verdict.outcome !== 'pass' && verdict.outcome !== 'fail')
      throw conflictError(
        'RETEST_INCONCLUSIVE',
        'a retest concludes pass or fail on the contested items: measure them (not-tested items conclude nothing)',
        { verdict: verdict.outcome },
      );
    const result = retestConclusion({
      originalFailed: await this.retests.originalFailed(m, c.sampleId),
      contested: c.items,
      retestFailed: verdict.failedItems.map((f) => f.itemCode),
    });
    const before = await this.retests.row(m, c.id);
    const feePayer = retestFeePayer(result.conclusion);
    await this.retests.conclude(m, c.id, {
      reportId: r.id,
      on: chinaDate(new Date()),
      conclusion: result.conclusion,
      outcome: result.outcome,
      stillFailing: result.stillFailing,
      feePayer,
    });
    await recordAudit(m, p, [
      {
        action: 'conclude',
        entityType: 'objection',
        entityId: c.id,
        before,
        after: await this.retests.row(m, c.id),
        detail: { reportId: r.id, ...result, feePayer },
      },
    ]);
    await enqueue(m, 'objection.changed', { objectionId: c.id, sampleId: c.sampleId });
    return { objectionId: c.id, ...result, feePayer };
  }

  /** The version, locked when `lock`; 404 when absent or another lab's. */
  private async find(m: EntityManager, p: Principal, id: string, lock = false): Promise<ReportRow> {
    const row = await this.reports.find(m, labScope(p), id, lock);
    if (!row) throw notFoundError('report', id);
    return row;
  }

  /**
   * The version as the API shows it; `known` gives what the caller read or wrote in the same
   * transaction (and what is unchanged since), so that it is not read again.
   */
  private async detail(
    m: EntityManager,
    p: Principal,
    id: string,
    known: Known = {},
  ): Promise<ReportDetail> {
    const { sampleId: _sampleId, ...r } = known.row ?? (await this.find(m, p, id));
    const items = known.items ?? (await this.reports.items(m, id));
    const roles =
      p.role !== 'lab' ? [] : (known.roles ?? (await this.staff.activeRoles(m, r.labId, p.sub)));
    return {
      ...r,
      items,
      preview: preview(r, items),
      allowedEvents: p.role === 'lab' ? reportEventsFor(snapshot(r), { id: p.sub, roles }) : [],
    };
  }
}

/** What {@link ReportService.detail} need not read again. */
interface Known {
  row?: ReportRow;
  items?: StoredItem[];
  roles?: LabStaffRole[];
}

/**
 * The items as `ReportRepository.items` reads them once `issue` stored their verdicts: each
 * item's verdict, and its reason as it comes back from its jsonb column (null when absent).
 */
function issuedItems(
  items: readonly StoredItem[],
  verdicts: readonly { seq: number; outcome: string; reason: unknown }[],
): StoredItem[] {
  const bySeq = new Map(verdicts.map((v) => [v.seq, v]));
  return items.map((i) => {
    const v = bySeq.get(i.seq);
    if (!v) return i;
    return {
      ...i,
      verdict: v.outcome,
      reason: JSON.parse(JSON.stringify(v.reason ?? null)) as StoredItem['reason'],
    };
  });
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
  if (problems.length) throw invalidError(problems);
  const e = evaluateSample(items.map((i) => itemInput(i) as ItemInput));
  if (!e.ok)
    throw invalidError(
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

/** 400 for an item a retest was not asked to test. */
function onlyContested(items: readonly { itemCode: string }[], contested: readonly string[]) {
  const extra = items
    .map((i, index) => ({ code: i.itemCode, index }))
    .filter((i) => !contested.includes(i.code));
  if (extra.length)
    throw invalidError(
      extra.map((i) => ({
        field: `items[${i.index}].itemCode`,
        reason: `${i.code} was not contested: a retest tests the contested items (${contested.join(', ')})`,
      })),
    );
}

/** A report number already used in the lab: 409, not a 500. */
function duplicateReportNo(e: unknown, reportNo: string): unknown {
  const d =
    e instanceof QueryFailedError
      ? (e.driverError as { code?: string; constraint?: string })
      : null;
  if (d?.code === '23505' && d.constraint === 'lab_report_lab_id_report_no_version_key')
    return conflictError(
      'REPORT_NO_TAKEN',
      `report number ${reportNo} is already used in this lab`,
    );
  if (d?.code === '23505' && d.constraint === 'lab_report_one_open_idx')
    return conflictError(
      'REPORT_EXISTS',
      'the sample already has a report in progress at this lab',
    );
  return e;
}
