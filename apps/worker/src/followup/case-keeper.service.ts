import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '@spotcheck/common';
import {
  type CaseEvent,
  type EscalationTrigger,
  ESCALATION_SOURCE,
  chinaDate,
  escalationReason,
  holderEnterprise,
  isRectificationMissed,
  rectificationMissedAt,
  transitionCase,
} from '@spotcheck/domain';
import type { JobName } from '@spotcheck/queue';
import {
  NotificationRepository,
  NotificationToRaise,
} from '../notifications/notification.repository';
import { CaseRepository, OpenedCase } from './case.repository';

/** Who the worker's own steps on a case are recorded as. */
export const FOLLOWUP_ACTOR = { sub: 'system:followup', role: 'system' } as const;

/** What the sweep handles at once. */
export const CASE_SWEEP_BATCH = 500;

/** The deadline's delayed job: one per case and deadline, so scheduling twice makes one job. */
export const caseDeadlineJobId = (caseId: string, deadline: string) =>
  `case-deadline-${caseId}-${deadline}`;

export interface CaseMoves {
  opened: OpenedCase[];
  moved: { caseId: string; event: CaseEvent }[];
}

/**
 * Keeps follow-up cases where the system, not a person, moves them (docs/cases.md): opens one
 * per final failure, moves a case when its re-inspection's outcome is final (a pass to
 * `reinspected`, a failure up the ladder), escalates a case whose correction deadline passed
 * unanswered, and withdraws the case of a failure that was overturned. Every move is a step of
 * the case's state machine (libs/domain followup-case.ts), recorded in its history and the
 * audit log in one transaction. Each depends only on the stored facts and the day, so running
 * it again, late or twice changes nothing more.
 */
@Injectable()
export class CaseKeeper {
  private readonly logger = new Logger(CaseKeeper.name);
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cases: CaseRepository,
    private readonly notifications: NotificationRepository,
    @InjectQueue('followup') private readonly queue: Queue,
  ) {}

  /**
   * Tells each holder of the cases' failed batches that has an account (its GS1 company prefix
   * is registered) to withdraw the batch: one `recall_holder` notification per case and holder
   * enterprise, however often it runs (the notification's unique key). Returns how many now.
   */
  async notifyHolders(m: EntityManager, caseIds: readonly string[]): Promise<number> {
    const rows = await this.cases.holders(m, caseIds);
    if (rows.length === 0) return 0;
    const registrations = await this.cases.registrations(m);
    const raise = new Map<string, NotificationToRaise<'recall_holder'>>();
    for (const r of rows) {
      const uscc = holderEnterprise(r.holder, registrations);
      if (!uscc || raise.has(`${r.caseId}/${uscc}`)) continue;
      raise.set(`${r.caseId}/${uscc}`, {
        kind: 'recall_holder',
        subject: r.caseId,
        audience: 'enterprise',
        jurisdiction: null,
        addressee: uscc,
        dueOn: null,
        detail: {
          caseId: r.caseId,
          sampleNo: r.sampleNo,
          productName: r.productName,
          gtin: r.gtin,
          batch: r.batch,
          holder: r.holder,
        },
      });
    }
    const raised = await this.notifications.raise(m, [...raise.values()]);
    for (const n of raised) this.logger.log(`recall: holder told of case ${n.subject}`);
    return raised.length;
  }

  /** What final outcomes of `sampleIds` mean for cases: open, move on, or withdraw. */
  async finalized(sampleIds: readonly string[], now = new Date()): Promise<CaseMoves> {
    const today = chinaDate(now);
    return this.ds.transaction(async (m) => {
      const opened = await this.cases.open(m, sampleIds);
      await this.cases.openSteps(
        m,
        opened.map((c) => c.id),
        today,
        FOLLOWUP_ACTOR.sub,
      );
      await recordAudit(
        m,
        FOLLOWUP_ACTOR,
        opened.map((c) => ({
          action: 'open',
          entityType: 'followup_case',
          entityId: c.id,
          after: c,
          detail: { sampleNo: c.sampleNo, to: 'opened' },
        })),
      );
      for (const c of opened)
        this.logger.log(`sample ${c.sampleNo}: follow-up case ${c.id} opened`);
      await this.notifyHolders(
        m,
        opened.map((c) => c.id),
      );
      const moved: CaseMoves['moved'] = [];
      for (const r of await this.cases.reinspections(m, sampleIds)) {
        const event: CaseEvent =
          r.outcome === 'pass' ? 'reinspection_passed' : 'reinspection_failed';
        const trigger: EscalationTrigger | null =
          r.outcome === 'fail' ? 'reinspection_failed' : null;
        if (
          await this.move(m, r.caseId, event, today, trigger, { reinspectionSampleNo: r.sampleNo })
        )
          moved.push({ caseId: r.caseId, event });
      }
      for (const id of await this.cases.overturned(m, sampleIds))
        if (await this.move(m, id, 'withdraw', today, null, {}))
          moved.push({ caseId: id, event: 'withdraw' });
      return { opened, moved };
    });
  }

  /** Escalates the case if its deadline passed unanswered as of `now`; true if it moved. */
  async deadline(caseId: string, now = new Date()): Promise<boolean> {
    const today = chinaDate(now);
    return this.ds.transaction(async (m) => {
      const c = await this.cases.lock(m, caseId);
      if (!c || c.state !== 'ordered' || c.deadline === null) return false;
      if (!isRectificationMissed(c.deadline, c.reported, today)) return false;
      return this.move(m, caseId, 'escalate', today, 'deadline_missed', {});
    });
  }

  /**
   * Gives an ordered case's deadline a delayed job at the start of the day after it. The id
   * names the case and the deadline, so scheduling again adds nothing; a job lost with Redis is
   * made up for by the sweep.
   */
  async schedule(caseId: string, deadline: string): Promise<void> {
    const job: JobName = 'case.deadline';
    await this.queue.add(
      job,
      { caseId },
      {
        jobId: caseDeadlineJobId(caseId, deadline),
        delay: Math.max(0, rectificationMissedAt(deadline).getTime() - Date.now()),
      },
    );
  }

  /**
   * The safety net: opens a case for every final failure without one, and escalates every
   * case whose deadline passed unanswered, a page at a time.
   */
  async sweep(now = new Date()): Promise<{ opened: number; escalated: number }> {
    let opened = 0;
    let escalated = 0;
    for (let after: string | null = null; ;) {
      const page = await this.cases.unopened(this.ds.manager, after, CASE_SWEEP_BATCH);
      if (page.length === 0) break;
      opened += (await this.finalized(page, now)).opened.length;
      after = page[page.length - 1];
      if (page.length < CASE_SWEEP_BATCH) break;
    }
    // Holders named by events captured after their case opened are told too.
    for (let after: string | null = null; ;) {
      const page = await this.cases.openCases(this.ds.manager, after, CASE_SWEEP_BATCH);
      if (page.length === 0) break;
      await this.notifyHolders(this.ds.manager, page);
      after = page[page.length - 1];
      if (page.length < CASE_SWEEP_BATCH) break;
    }
    const today = chinaDate(now);
    for (let after: string | null = null; ;) {
      const page = await this.cases.missed(this.ds.manager, today, after, CASE_SWEEP_BATCH);
      if (page.length === 0) break;
      for (const id of page) if (await this.deadline(id, now)) escalated++;
      after = page[page.length - 1];
      if (page.length < CASE_SWEEP_BATCH) break;
    }
    return { opened, escalated };
  }

  /**
   * One step of the case's state machine taken by the system, in `m`: locked, checked, moved,
   * recorded in its history (with the ladder's rung and the reason) and audited. False when the
   * case is not in a state the event may follow (it moved on meanwhile).
   */
  private async move(
    m: EntityManager,
    caseId: string,
    event: CaseEvent,
    today: string,
    trigger: EscalationTrigger | null,
    detail: Record<string, unknown>,
  ): Promise<boolean> {
    const c = await this.cases.lock(m, caseId);
    if (!c) return false;
    const t = transitionCase(c.state, event, c.level);
    if (!t.ok) return false;
    const before = await this.cases.row(m, caseId);
    const reason =
      trigger !== null
        ? escalationReason(trigger, {
            deadline: c.deadline,
            sampleNo: (detail.reinspectionSampleNo as string | undefined) ?? null,
          })
        : event === 'withdraw'
          ? '不合格结论已被撤销 (the failure was overturned)'
          : event === 'reinspection_passed'
            ? `复查合格 (the re-inspection ${String(detail.reinspectionSampleNo)} passed)`
            : null;
    const stepDetail = {
      ...detail,
      ...(trigger ? { trigger } : {}),
      ...(t.escalation ? { source: ESCALATION_SOURCE } : {}),
    };
    await this.cases.step(m, {
      caseId,
      event,
      from: c.state,
      to: t.state,
      escalation: t.escalation,
      level: t.level,
      on: today,
      actor: FOLLOWUP_ACTOR.sub,
      actorRole: FOLLOWUP_ACTOR.role,
      reason,
      detail: stepDetail,
    });
    await recordAudit(m, FOLLOWUP_ACTOR, [
      {
        action: event,
        entityType: 'followup_case',
        entityId: caseId,
        before,
        after: await this.cases.row(m, caseId),
        detail: {
          sampleNo: c.sampleNo,
          from: c.state,
          to: t.state,
          ...(t.escalation ? { escalation: t.escalation, level: t.level } : {}),
          reason,
          ...stepDetail,
        },
      },
    ]);
    this.logger.log(
      `case ${caseId} (${c.sampleNo}): ${event}${t.escalation ? ` → ${t.escalation}` : ''}`,
    );
    return true;
  }
}
