import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Scope, holdsBatch, scopeOf } from '@spotcheck/auth';
import { BLOB_STORE, type BlobStore, recordAudit } from '@spotcheck/common';
import { WorkCalendarService, insertCaseStep } from '@spotcheck/database';
import {
  type CaseEvent,
  DomainError,
  type PairTask,
  type RecallDecision,
  chinaDate,
  caseResultOf,
  holderEnterprise,
  conflictError,
  forbiddenError,
  inspectorProblem,
  invalidError,
  isRectificationMissed,
  notFoundError,
  pairProblem,
  rectificationDeadline,
  regionPrefix,
  transitionCase,
} from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { NATIONAL_JURISDICTION } from '../plans/plan.dto';
import {
  ATTACHMENT_MAX_BYTES,
  CaseQuery,
  CloseCaseDto,
  OrderCaseDto,
  RecallDecisionDto,
  RectificationDto,
  ReinspectionDto,
  WithdrawalConfirmationDto,
} from './case.dto';
import {
  CaseAttachment,
  CaseDetail,
  CaseRepository,
  CaseView,
  LockedCase,
} from './case.repository';

const ENTITY = 'followup_case';

/** A holder of the failed batch, with its confirmation of the withdrawal if it made one. */
export interface RecallHolder {
  holder: string;
  /** The enterprise the holder is (by its GS1 company prefix), or null: no account. */
  uscc: string | null;
  enterpriseName: string | null;
  firstAt: Date;
  events: number;
  namedBy: string[];
  /** When the holder (with an account) was told to withdraw the batch; null: not (yet). */
  notifiedAt: Date | null;
  confirmed: {
    method: 'epcis' | 'api';
    at: Date;
    by: string | null;
    eventId: string | null;
    note: string | null;
  } | null;
}

/** The recall of the failed batch (下架 / 召回), as the case shows it. */
export interface RecallView {
  gtin: string | null;
  batch: string | null;
  holders: RecallHolder[];
  /** Holders with an account, and how many of them confirmed. */
  accountHolders: number;
  confirmed: number;
  decision: Record<string, unknown> | null;
}
/** What a holder of the failed batch sees of its case (HeldCaseDto). */
export interface HeldCaseView {
  id: string;
  sampleNo: string;
  product: CaseView['product'];
  category: CaseView['category'];
  failedItems: unknown[];
  finalOn: string | null;
  status: 'open' | 'closed' | 'withdrawn';
  decision: { decision: string; reason: string; at: string } | null;
  holding: {
    places: { holder: string; firstAt: Date; events: number }[];
    notifiedAt: Date | null;
    confirmed: RecallHolder['confirmed'];
  };
}

const LIST_LIMIT = 500;

/**
 * Follow-up cases (后处理), docs/cases.md: the worker opens one for every final failure; here a
 * regulator of the plan's jurisdiction orders the correction with its deadline, the sampled
 * enterprise reports its rectification with attachments, the regulator sends a re-inspection
 * task (复查) and closes the case. Every step follows libs/domain's case machine (409
 * ILLEGAL_CASE_STATE naming the state), is recorded in the case's history and audited in its
 * transaction. Enterprises see their own cases only (another's answers 404).
 */
@Injectable()
export class CaseService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cases: CaseRepository,
    private readonly calendar: WorkCalendarService,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  /** What `p` may see of cases; 403 for a lab. */
  private scope(p: Principal): Scope {
    return scopeOf(p, 'follow-up cases', ['regulator', 'enterprise', 'admin']);
  }

  async list(p: Principal, q: CaseQuery): Promise<{ items: CaseView[] }> {
    const items = await this.cases.list(
      this.scope(p),
      { state: q.state, overdue: q.overdue, uscc: q.uscc },
      LIST_LIMIT,
    );
    return { items };
  }

  get(p: Principal, id: string): Promise<CaseDetail> {
    return this.detail(this.ds.manager, this.scope(p), id);
  }

  /**
   * 下架确认: the holder's part of the case of a batch it holds (libs/auth `holdsBatch`): the
   * product, the failure, the manufacturer's decision and its own holding. 404 for an
   * enterprise that does not hold the batch, as if the case did not exist.
   */
  held(p: Principal, id: string): Promise<HeldCaseView> {
    const scope = scopeOf(p, 'withdrawals of failed batches', ['enterprise']);
    return this.heldView(this.ds.manager, scope, id);
  }

  private async heldView(m: EntityManager, scope: Scope, id: string): Promise<HeldCaseView> {
    const c = await this.cases.findAny(m, id);
    if (!c) throw notFoundError(ENTITY, id);
    const recall = await this.recall(m, id);
    if (
      scope.kind !== 'enterprise' ||
      !holdsBatch(
        scope,
        recall.holders.map((h) => h.uscc),
      )
    )
      throw notFoundError(ENTITY, id);
    const mine = recall.holders.filter((h) => h.uscc === scope.uscc);
    const d = recall.decision as { decision?: string; reason?: string; at?: string } | null;
    return {
      id: c.id,
      sampleNo: c.sampleNo,
      product: c.product,
      category: c.category,
      failedItems: c.failedItems,
      finalOn: c.finalOn,
      status: c.state === 'withdrawn' ? 'withdrawn' : c.state === 'closed' ? 'closed' : 'open',
      decision: d?.decision
        ? { decision: d.decision, reason: d.reason ?? '', at: d.at ?? '' }
        : null,
      holding: {
        places: mine.map((h) => ({ holder: h.holder, firstAt: h.firstAt, events: h.events })),
        notifiedAt: mine.find((h) => h.notifiedAt)?.notifiedAt ?? null,
        confirmed: mine.find((h) => h.confirmed)?.confirmed ?? null,
      },
    };
  }

  /** An attachment's bytes and how to name them, when the caller sees the case. */
  async attachment(
    p: Principal,
    id: string,
    sha256: string,
  ): Promise<{ attachment: CaseAttachment; bytes: Buffer }> {
    const attachment = await this.cases.attachment(this.scope(p), id, sha256);
    if (!attachment) throw notFoundError('attachment', sha256.slice(0, 80));
    const bytes = await this.blobs.get(attachment.sha256);
    if (!bytes)
      throw conflictError(
        'ATTACHMENT_MISSING',
        `the attachment ${attachment.sha256} is not in the attachment store (ATTACHMENT_DIR)`,
      );
    return { attachment, bytes };
  }

  /**
   * 责令限期改正: the regulator orders the correction within `workingDays` working days of today
   * (the calendar counts holidays and make-up working days). From `opened`, again after the
   * report fell short (`reported`), or after an escalation.
   */
  order(p: Principal, id: string, dto: OrderCaseDto): Promise<CaseDetail> {
    return this.step(p, ['regulator'], id, 'order', async (m, c, today) => {
      const cal = await this.calendar.calendar();
      const d = rectificationDeadline(cal, today, dto.workingDays);
      const basis = {
        from: d.from,
        workingDays: d.workingDays,
        covered: d.covered,
        firstUncovered: d.firstUncovered,
        rule: d.rule,
        source: d.source,
      };
      await this.cases.order(m, c.id, {
        by: p.sub,
        on: today,
        text: dto.requirements,
        deadline: d.deadline,
        days: dto.workingDays,
        basis,
      });
      await enqueue(m, 'case.ordered', { caseId: c.id, deadline: d.deadline });
      return {
        reason: dto.requirements,
        detail: { deadline: d.deadline, workingDays: dto.workingDays, covered: d.covered },
      };
    });
  }

  /**
   * 整改报告: the sampled enterprise reports its rectification, by the deadline (422
   * RECTIFICATION_LATE after it: the case is escalated instead). Attachments are stored by
   * SHA-256 before the transaction (content-addressed: one left behind by a rollback is named by
   * nothing).
   */
  async report(p: Principal, id: string, dto: RectificationDto): Promise<CaseDetail> {
    const uploads = (dto.attachments ?? []).map((a, i) => {
      const bytes = Buffer.from(a.content, 'base64');
      if (bytes.length > ATTACHMENT_MAX_BYTES)
        throw invalidError([
          {
            field: `attachments[${i}].content`,
            reason: `${bytes.length} bytes: an attachment holds at most ${ATTACHMENT_MAX_BYTES} bytes`,
          },
        ]);
      return { name: a.name, mediaType: a.mediaType, bytes };
    });
    // Refuse another enterprise before storing anything of theirs.
    const scope = scopeOf(p, 'rectification reports', ['enterprise']);
    if (!(await this.cases.find(this.ds.manager, scope, id))) throw notFoundError(ENTITY, id);
    const attachments: CaseAttachment[] = [];
    for (const u of uploads) {
      const stored = await this.blobs.put(u.bytes);
      attachments.push({
        sha256: stored.sha256,
        name: u.name,
        mediaType: u.mediaType,
        size: stored.size,
      });
    }
    return this.step(p, ['enterprise'], id, 'report', async (m, c, today) => {
      if (c.uscc !== p.org)
        throw forbiddenError(
          'only the sampled enterprise the order is addressed to reports its rectification',
          'NOT_ADDRESSEE',
        );
      if (c.deadline !== null && isRectificationMissed(c.deadline, false, today))
        throw new DomainError(
          'unprocessable',
          'RECTIFICATION_LATE',
          `the rectification deadline was ${c.deadline}; today is ${today}`,
          { deadline: c.deadline, today },
        );
      await this.cases.report(m, c.id, { by: p.sub, on: today, text: dto.text, attachments });
      return {
        reason: null,
        detail: {
          attachments: attachments.map((a) => ({ sha256: a.sha256, name: a.name, size: a.size })),
        },
      };
    });
  }

  /**
   * 复查: a re-inspection task linked to the original, in its plan, assigned to the inspector
   * pair and lab given under the draw's rules (the pair: active inspectors of the jurisdiction
   * qualified for the category, without a conflict, not the pair that inspected the original;
   * the lab: active and accredited for the category). It is then sampled and tested like any
   * task; its final outcome moves the case (the worker).
   */
  reinspect(p: Principal, id: string, dto: ReinspectionDto): Promise<CaseDetail> {
    return this.step(p, ['regulator'], id, 'reinspect', async (m, c) => {
      const original = await this.cases.originalTask(m, c.taskId);
      const pair = [dto.staffNos[0], dto.staffNos[1]] as [string, string];
      const task: PairTask = {
        uscc: original.uscc,
        category: original.category,
        jurisdiction: original.jurisdiction,
        regionPrefix:
          original.jurisdiction === NATIONAL_JURISDICTION
            ? ''
            : regionPrefix(original.jurisdiction),
      };
      const candidates = new Map((await this.cases.candidates(m, pair)).map((r) => [r.staffNo, r]));
      const problems = pair.flatMap((staffNo, i) => {
        const reason = inspectorProblem(staffNo, candidates.get(staffNo), task);
        return reason ? [{ field: `staffNos[${i}]`, reason }] : [];
      });
      if (problems.length === 0) {
        const previous =
          original.inspectors?.length === 2
            ? ([original.inspectors[0], original.inspectors[1]] as [string, string])
            : null;
        const reason = pairProblem(pair, previous, original.uscc);
        if (reason) problems.push({ field: 'staffNos', reason });
      }
      const lab = await this.cases.lab(m, dto.labId);
      if (!lab) problems.push({ field: 'labId', reason: `no lab ${dto.labId}` });
      else if (!lab.active)
        problems.push({ field: 'labId', reason: `lab ${dto.labId} is not active` });
      else if (!lab.categories.includes(original.category))
        problems.push({
          field: 'labId',
          reason: `lab ${dto.labId} is not accredited for category ${original.category}`,
        });
      if (problems.length) throw invalidError(problems);
      const taskId = await this.cases.insertReinspectionTask(m, {
        planId: original.planId,
        drawId: original.drawId,
        uscc: original.uscc,
        category: original.category,
        inspectors: pair,
        labId: dto.labId,
        dueDate: dto.dueDate ?? null,
        reinspectionOf: c.taskId,
      });
      await this.cases.setReinspection(m, c.id, taskId);
      return {
        reason: null,
        detail: { reinspectionTaskId: taskId, inspectors: pair, labId: dto.labId },
        audit: [
          {
            action: 'create_reinspection',
            entityType: 'inspection_task',
            entityId: taskId,
            after: await this.cases.taskRow(m, taskId),
            detail: { caseId: c.id, reinspectionOf: c.taskId, sampleNo: c.sampleNo },
          },
        ],
      };
    });
  }

  /**
   * The regulator's closing decision: after a passed re-inspection (result `rectified`), or at
   * the top of the ladder (`revocation_recommended`).
   */
  close(p: Principal, id: string, dto: CloseCaseDto): Promise<CaseDetail> {
    return this.step(p, ['regulator'], id, 'close', async (m, c, today) => {
      const result = caseResultOf(c.state);
      await this.cases.close(m, c.id, { by: p.sub, on: today, reason: dto.reason, result });
      return { reason: dto.reason, detail: { result } };
    });
  }

  private async detail(
    m: EntityManager,
    scope: Scope,
    id: string,
  ): Promise<CaseDetail & { recall: RecallView }> {
    const row = await this.cases.find(m, scope, id);
    if (!row) throw notFoundError(ENTITY, id);
    return { ...row, steps: await this.cases.steps(m, id), recall: await this.recall(m, id) };
  }

  /**
   * The batch's holders from the captured EPCIS events, each resolved to an enterprise by its
   * GS1 company prefix, with its confirmation: an event of disposition `recalled` for the batch
   * it captured, or its confirmation through the API.
   */
  async recall(m: EntityManager, id: string): Promise<RecallView> {
    const batch = await this.cases.batchOf(m, id);
    const decision = (await this.cases.row(m, id))?.recall_decision as RecallView['decision'];
    if (!batch?.lot)
      return {
        gtin: batch?.gtin ?? null,
        batch: batch?.batch ?? null,
        holders: [],
        accountHolders: 0,
        confirmed: 0,
        decision: decision ?? null,
      };
    const [rows, registrations, byEpcis, byApi, notices] = await Promise.all([
      this.cases.holders(m, batch.lot),
      this.cases.registrations(m),
      this.cases.epcisConfirmations(m, batch.lot),
      this.cases.apiConfirmations(m, id),
      this.cases.holderNotices(m, id),
    ]);
    const resolved = rows.map((r) => ({ ...r, uscc: holderEnterprise(r.holder, registrations) }));
    const names = await this.cases.enterpriseNames(
      m,
      resolved.flatMap((r) => (r.uscc ? [r.uscc] : [])),
    );
    const holders: RecallHolder[] = resolved.map((r) => {
      const e = r.uscc ? byEpcis.find((c) => c.uscc === r.uscc) : undefined;
      const a = r.uscc ? byApi.find((c) => c.uscc === r.uscc) : undefined;
      return {
        holder: r.holder,
        uscc: r.uscc,
        enterpriseName: r.uscc ? (names.get(r.uscc) ?? null) : null,
        firstAt: r.firstAt,
        events: r.events,
        namedBy: r.namedBy,
        notifiedAt: (r.uscc && notices.find((n) => n.uscc === r.uscc)?.at) || null,
        confirmed: e
          ? { method: 'epcis', at: e.at, by: null, eventId: e.eventId, note: null }
          : a
            ? { method: 'api', at: a.at, by: a.by, eventId: null, note: a.note }
            : null,
      };
    });
    return {
      gtin: batch.gtin,
      batch: batch.batch,
      holders,
      accountHolders: holders.filter((h) => h.uscc).length,
      confirmed: holders.filter((h) => h.uscc && h.confirmed).length,
      decision: decision ?? null,
    };
  }

  /**
   * The manufacturer's recall decision about the failed batch (主动召回, 下架, or not, with the
   * reason): by the nominal manufacturer, or by the sampled enterprise when none is named (403
   * NOT_MANUFACTURER for another). A later decision replaces it; each is a step of the case.
   */
  decideRecall(p: Principal, id: string, dto: RecallDecisionDto): Promise<CaseDetail> {
    const scope = scopeOf(p, 'recall decisions', ['enterprise']);
    return this.ds.transaction(async (m) => {
      const c = await this.cases.lock(m, scope, id);
      if (!c) throw notFoundError(ENTITY, id);
      if ((c.manufacturerUscc ?? c.uscc) !== p.org)
        throw forbiddenError(
          'the manufacturer named on the sample decides the recall of its batch',
          'NOT_MANUFACTURER',
        );
      if (c.state === 'withdrawn')
        throw conflictError(
          'ILLEGAL_CASE_STATE',
          'the case is withdrawn: the failure was overturned',
          {
            currentState: c.state,
          },
        );
      const before = await this.cases.row(m, id);
      const decision = {
        decision: dto.decision as RecallDecision,
        reason: dto.reason,
        by: p.sub,
        uscc: p.org,
        at: new Date().toISOString(),
      };
      await this.cases.setRecallDecision(m, id, decision);
      await this.sideStep(
        m,
        p,
        c,
        'recall_decision',
        dto.reason,
        { decision: dto.decision },
        before,
      );
      return this.detail(m, scope, id);
    });
  }

  /**
   * A holder of the failed batch confirms it withdrew it (the API way; the EPCIS way is an event
   * of disposition `recalled`). 404 unless the caller holds the batch (`holdsBatch`); 409
   * ALREADY_CONFIRMED the second time, ILLEGAL_CASE_STATE once the failure was overturned.
   * Answers the holder's view of the case.
   */
  confirmWithdrawal(
    p: Principal,
    id: string,
    dto: WithdrawalConfirmationDto,
  ): Promise<HeldCaseView> {
    const scope = scopeOf(p, 'withdrawal confirmations', ['enterprise']);
    return this.ds.transaction(async (m) => {
      const c = await this.cases.lockAny(m, id);
      if (!c) throw notFoundError(ENTITY, id);
      const view = await this.recall(m, id);
      if (
        !holdsBatch(
          scope,
          view.holders.map((h) => h.uscc),
        )
      )
        throw notFoundError(ENTITY, id);
      if (c.state === 'withdrawn')
        throw conflictError(
          'ILLEGAL_CASE_STATE',
          'the case is withdrawn: the failure was overturned, there is nothing to withdraw',
          { currentState: c.state },
        );
      if (!(await this.cases.confirm(m, id, { uscc: p.org!, by: p.sub, note: dto.note ?? null })))
        throw conflictError(
          'ALREADY_CONFIRMED',
          `${p.org} confirmed the withdrawal of this batch already`,
        );
      const before = await this.cases.row(m, id);
      await this.sideStep(
        m,
        p,
        c,
        'withdrawal_confirmed',
        dto.note ?? null,
        { holder: p.org, method: 'api' },
        before,
      );
      return this.heldView(m, scope, id);
    });
  }

  /** A recall step beside the case machine: in the history and the audit log, state unchanged. */
  private async sideStep(
    m: EntityManager,
    p: Principal,
    c: LockedCase,
    event: 'recall_decision' | 'withdrawal_confirmed',
    reason: string | null,
    detail: Record<string, unknown>,
    before: Record<string, unknown>,
  ) {
    const today = chinaDate(new Date());
    await insertCaseStep(m, {
      caseId: c.id,
      event,
      from: c.state,
      to: c.state,
      escalation: null,
      level: c.level,
      on: today,
      actor: p.sub,
      actorRole: p.role,
      reason,
      detail,
    });
    await recordAudit(m, p, [
      {
        action: event,
        entityType: ENTITY,
        entityId: c.id,
        before,
        after: await this.cases.row(m, c.id),
        detail: { sampleNo: c.sampleNo, ...(reason ? { reason } : {}), ...detail },
      },
    ]);
  }

  /**
   * One person's step on a case they see: locked, checked against the case machine, applied,
   * recorded in the case's history and audited, in one transaction; answers the case after.
   */
  private step(
    p: Principal,
    roles: readonly ('regulator' | 'enterprise')[],
    id: string,
    event: CaseEvent,
    apply: (
      m: EntityManager,
      c: LockedCase,
      today: string,
    ) => Promise<{
      reason: string | null;
      detail: Record<string, unknown>;
      audit?: {
        action: string;
        entityType: string;
        entityId: string;
        after: unknown;
        detail: Record<string, unknown>;
      }[];
    }>,
  ): Promise<CaseDetail> {
    const scope = scopeOf(p, 'follow-up case decisions', roles);
    return this.ds.transaction(async (m) => {
      const c = await this.cases.lock(m, scope, id);
      if (!c) throw notFoundError(ENTITY, id);
      const t = transitionCase(c.state, event, c.level);
      if (!t.ok) {
        const { code, message, ...details } = t.error;
        throw conflictError(code, message, details);
      }
      const before = await this.cases.row(m, id);
      const today = chinaDate(new Date());
      const done = await apply(m, c, today);
      await insertCaseStep(m, {
        caseId: id,
        event,
        from: c.state,
        to: t.state,
        escalation: t.escalation,
        level: t.level,
        on: today,
        actor: p.sub,
        actorRole: p.role,
        reason: done.reason,
        detail: done.detail,
      });
      await recordAudit(m, p, [
        {
          action: event,
          entityType: ENTITY,
          entityId: id,
          before,
          after: await this.cases.row(m, id),
          detail: {
            sampleNo: c.sampleNo,
            from: c.state,
            to: t.state,
            ...(done.reason ? { reason: done.reason } : {}),
            ...done.detail,
          },
        },
        ...(done.audit ?? []),
      ]);
      return this.detail(m, scope, id);
    });
  }
}
