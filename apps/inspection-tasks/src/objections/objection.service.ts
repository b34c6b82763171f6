import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Scope, scopeOf } from '@spotcheck/auth';
import { recordAudit } from '@spotcheck/common';
import { SectorRuleService, WorkCalendarService } from '@spotcheck/database';
import {
  DomainError,
  NO_CHALLENGE,
  chinaDate,
  conflictError,
  decideOutcome,
  drawRetestLab,
  forbiddenError,
  invalidError,
  isObjectionInTime,
  notFoundError,
  retestBlock,
  retestRefusalProblem,
  ruleDeadline,
  transitionObjection,
  validateCommitment,
  verifyRetestDraw,
} from '@spotcheck/domain';
import type {
  ObjectionEvent,
  ObjectionState,
  RetestBlock,
  RetestDrawRecord,
  RetestDrawVerification,
} from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import {
  DecideObjectionDto,
  FileObjectionDto,
  ObjectionQuery,
  RetestRefusalDto,
} from './objection.dto';
import { ObjectionCase, ObjectionRepository, ObjectionView } from './objection.repository';

export type { ObjectionView } from './objection.repository';

const ENTITY = 'objection';

/** 422: the rules do not let the contested items be retested. */
const notRetestable = (b: RetestBlock) =>
  new DomainError('unprocessable', b.code, b.message, {
    reason: b.reason,
    rule: b.rule,
    ...(b.items ? { items: b.items } : {}),
    messageZh: b.messageZh,
  });

/**
 * Objections (异议 / 复检申请), docs/rules.md §3.5: an enterprise files one on its own result
 * notice within the objection window; a regulator of the plan's jurisdiction rejects it with a
 * reason or accepts it with a commitment to the seed of the retest-lab draw, then draws the
 * retest lab (commit and reveal, libs/domain draw/retest-lab.ts). The retest itself is the retest
 * lab's, in lab-results; its issued report concludes the objection there.
 *
 * Every step is audited and writes an `objection.changed` outbox row in its transaction, so the
 * worker decides the sample's outcome again (the objection is its `Challenge`).
 */
@Injectable()
export class ObjectionService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly objections: ObjectionRepository,
    private readonly calendar: WorkCalendarService,
    private readonly rules: SectorRuleService,
  ) {}

  /**
   * Files an objection on notice `noticeId`, by the enterprise it is addressed to. 404 for a
   * notice the caller does not see; 403 for the nominal manufacturer (who may read it, not
   * object on it); 409 when the result did not fail (NOTHING_TO_OBJECT), a later version
   * replaced it (NOTICE_SUPERSEDED) or the sample already has an objection (OBJECTION_EXISTS);
   * 400 for contested items that did not fail; 422 OBJECTION_LATE after the deadline, naming
   * it and its rule, and 422 RETEST_NOT_ALLOWED for what may not be retested, naming the rule.
   */
  async file(p: Principal, noticeId: string, dto: FileObjectionDto): Promise<ObjectionView> {
    const scope = scopeOf(p, 'objections', ['enterprise']);
    const calendar = await this.calendar.calendar();
    const rules = await this.rules.all();
    const now = new Date();
    const today = chinaDate(now);
    return this.ds.transaction(async (m) => {
      const n = await this.objections.noticeFacts(m, scope, noticeId);
      if (!n) throw notFoundError('notice', noticeId);
      if (n.uscc !== p.org)
        throw forbiddenError(
          'only the enterprise the notice is addressed to objects to its result',
          'NOT_ADDRESSEE',
        );
      await this.objections.lockSample(m, n.sampleId);
      const existing = await this.objections.objectionOf(m, n.sampleId);
      if (existing)
        throw conflictError(
          'OBJECTION_EXISTS',
          `sample ${n.sampleNo} already has an objection (${existing}); there is one backup to retest`,
          { objectionId: existing },
        );
      const chain = await this.objections.chain(m, n.sampleId, n.labId);
      const d = decideOutcome({
        versions: chain.map((v) => ({
          version: v.version,
          verdict: v.verdict,
          conclusion: v.conclusion,
          issuedOn: chinaDate(new Date(v.issuedAt)),
          objectionDeadline: v.objectionDeadline,
        })),
        challenge: NO_CHALLENGE,
        today,
      });
      const counting = chain[chain.length - 1];
      if (!d || d.verdict !== 'fail')
        throw conflictError(
          'NOTHING_TO_OBJECT',
          `the result of sample ${n.sampleNo} is ${d?.verdict ?? n.verdict}: only a failed result is objected to`,
          { verdict: d?.verdict ?? n.verdict },
        );
      if (n.reportVersion < d.standingSince)
        throw conflictError(
          'NOTICE_SUPERSEDED',
          `version ${n.reportVersion} of the report was replaced by version ${d.version}, which concludes otherwise: object on its notice (${counting.noticeId})`,
          { currentNoticeId: counting.noticeId },
        );
      const standing = chain.find((v) => v.version === d.standingSince)!;
      if (d.objectionDeadline === null || !isObjectionInTime(d.objectionDeadline, today))
        throw new DomainError(
          'unprocessable',
          'OBJECTION_LATE',
          d.objectionDeadline === null
            ? 'the result notice has no objection deadline'
            : `the objection deadline was ${d.objectionDeadline} (${standing.deadlineRule?.source.en ?? 'the objection window'}); today is ${today}`,
          { deadline: d.objectionDeadline, rule: standing.deadlineRule, today },
        );
      const failed = counting.failedItems.map((f) => f.itemCode);
      const problems = dto.items.flatMap((code, i) =>
        !failed.includes(code)
          ? [
              {
                field: `items[${i}]`,
                reason: `${code} is not a failed item of the result (failed: ${failed.join(', ')})`,
              },
            ]
          : dto.items.indexOf(code) !== i
            ? [
                {
                  field: `items[${i}]`,
                  reason: `${code} is also items[${dto.items.indexOf(code)}]`,
                },
              ]
            : [],
      );
      if (problems.length) throw invalidError(problems);
      const sectorRules = rules.get(n.sector)!.rules;
      const kinds = await this.objections.itemKinds(m, counting.reportId, n.category);
      const block = retestBlock({
        rules: sectorRules,
        contested: dto.items.map((itemCode) => ({ itemCode, ...kinds.get(itemCode) })),
        expiryDate: n.expiryDate,
        custodyState: n.custodyState,
        today,
      });
      if (block) throw notRetestable(block);
      const decision = ruleDeadline(calendar, sectorRules, 'objectionDecision', today);
      const id = await this.objections.insert(m, {
        sampleId: n.sampleId,
        noticeId,
        uscc: n.uscc,
        jurisdiction: n.jurisdiction,
        items: dto.items,
        reason: dto.reason,
        contact: { ...dto.contact },
        filedBy: p.sub,
        filedOn: today,
        objectionDeadline: d.objectionDeadline,
        deadlineRule: standing.deadlineRule,
        decisionDue: decision.deadline,
        decisionRule: decision.rule,
      });
      const after = await this.objections.row(m, id);
      await recordAudit(m, p, [
        {
          action: 'file',
          entityType: ENTITY,
          entityId: id,
          after,
          detail: {
            sampleNo: n.sampleNo,
            noticeId,
            items: dto.items,
            objectionDeadline: d.objectionDeadline,
            decisionDue: decision.deadline,
          },
        },
      ]);
      await enqueue(m, 'objection.changed', { objectionId: id, sampleId: n.sampleId });
      return this.find(m, scope, id);
    });
  }

  list(p: Principal, q: ObjectionQuery): Promise<{ items: ObjectionView[] }> {
    return this.objections.list(this.scope(p), q).then((items) => ({ items }));
  }

  get(p: Principal, id: string): Promise<ObjectionView> {
    return this.find(this.ds.manager, this.scope(p), id);
  }

  /**
   * A regulator's decision on a filed objection: `reject` with a reason (the failure becomes
   * final), or `accept` with the commitment SHA-256(seed) of the retest-lab draw (the applicant
   * pays the retest first). 409 ILLEGAL_OBJECTION_STATE once decided; 422 RETEST_NOT_ALLOWED
   * when the backup can no longer be retested. A decision after the rule's due date is taken
   * and shows as late.
   */
  decide(p: Principal, id: string, dto: DecideObjectionDto): Promise<ObjectionView> {
    const event: ObjectionEvent = dto.decision;
    if (event === 'reject' && !dto.reason)
      throw invalidError([{ field: 'reason', reason: 'a rejection gives its reason' }]);
    if (event === 'accept') {
      const c = validateCommitment(dto.commitment);
      if (!c.ok) throw invalidError([{ field: 'commitment', reason: c.reason }]);
    }
    return this.step(p, id, event, async (m, c, today) => {
      if (event === 'reject') {
        await this.objections.reject(m, c.id, p.sub, today, dto.reason!);
        return { reason: dto.reason };
      }
      const rules = await this.rules.of(c.sector);
      const block = retestBlock({
        rules,
        // Microbial items were refused at filing; what may have changed is the backup.
        contested: [],
        expiryDate: c.expiryDate,
        custodyState: c.custodyState,
        today,
      });
      if (block) throw notRetestable(block);
      await this.objections.accept(m, c.id, p.sub, today, dto.commitment!, dto.reason ?? null);
      return { commitment: dto.commitment, feePayer: 'applicant' };
    });
  }

  /**
   * Draws the retest lab of an accepted objection: the seed must hash to the commitment made
   * when accepting (400 naming `seed`); the lab is drawn among the active labs accredited for
   * the category with capacity left, never the one that tested the sample (409 NO_RETEST_LAB
   * when there is none). The sample's retest goes to that lab, and only to it.
   */
  draw(p: Principal, id: string, seed: string): Promise<ObjectionView> {
    return this.step(p, id, 'draw', async (m, c) => {
      const r = drawRetestLab({
        objectionId: c.id,
        sampleNo: c.sampleNo,
        category: c.category,
        originalLabId: c.labId,
        refusedLabIds: c.refusedLabIds,
        commitment: c.commitment!,
        seed,
        labs: await this.objections.labs(m),
      });
      if (!r.ok) {
        if (r.code === 'SEED_MISMATCH') throw invalidError([{ field: 'seed', reason: r.reason }]);
        throw conflictError(r.code, r.reason, { category: c.category });
      }
      await this.objections.drawn(m, c, p.sub, r.record);
      return { retestLab: r.record.lab, eligible: r.record.eligible.length };
    });
  }

  /**
   * The drawn lab refused the backup: recorded with the draw that drew it, and the commitment
   * of the next draw, which excludes the tested lab and every lab that refused. Only before
   * the backup was sent (the lab declined) or after the lab refused it at receipt: 409
   * RETEST_REFUSAL_NOT_NOW otherwise; 422 RETEST_NOT_ALLOWED when the backup may no longer be
   * retested.
   */
  refuse(p: Principal, id: string, dto: RetestRefusalDto): Promise<ObjectionView> {
    const c0 = validateCommitment(dto.commitment);
    if (!c0.ok) throw invalidError([{ field: 'commitment', reason: c0.reason }]);
    return this.step(p, id, 'refuse', async (m, c, today) => {
      const problem = retestRefusalProblem(c.custodyState);
      if (problem)
        throw conflictError('RETEST_REFUSAL_NOT_NOW', problem, {
          custodyState: c.custodyState,
        });
      const rules = await this.rules.of(c.sector);
      const block = retestBlock({
        rules,
        contested: [],
        expiryDate: c.expiryDate,
        custodyState: c.custodyState,
        today,
      });
      if (block) throw notRetestable(block);
      const labId = c.retestLabId!;
      await this.objections.refused(
        m,
        c,
        {
          labId,
          reason: dto.reason,
          note: dto.note ?? null,
          custodyState: c.custodyState,
          recordedBy: p.sub,
        },
        dto.commitment,
      );
      return { refusedLab: labId, reason: dto.reason, commitment: dto.commitment };
    });
  }

  /** The record of the retest-lab draw, once drawn (409 before). */
  async record(p: Principal, id: string): Promise<RetestDrawRecord> {
    const record = await this.objections.drawRecord(this.scope(p), id);
    if (record === undefined) throw notFoundError(ENTITY, id);
    if (record === null)
      throw conflictError('NOT_DRAWN', 'the retest lab of this objection is not drawn yet');
    return record;
  }

  /** The draw recomputed from its record: MATCH, or the first difference. */
  async verification(
    p: Principal,
    id: string,
  ): Promise<{ objectionId: string; lab: string; verification: RetestDrawVerification }> {
    const record = await this.record(p, id);
    return { objectionId: id, lab: record.lab, verification: verifyRetestDraw(record) };
  }

  /** What `p` may see of objections; 403 for a lab. */
  private scope(p: Principal): Scope {
    return scopeOf(p, 'objections', ['regulator', 'enterprise', 'admin']);
  }

  private async find(m: EntityManager, scope: Scope, id: string): Promise<ObjectionView> {
    const row = await this.objections.find(m, scope, id);
    if (!row) throw notFoundError(ENTITY, id);
    return row;
  }

  /**
   * One regulator's step on an objection of their jurisdiction, checked against its state
   * machine, audited, with an outbox row for the outcome; answers the objection afterwards.
   */
  private step(
    p: Principal,
    id: string,
    event: ObjectionEvent,
    apply: (m: EntityManager, c: ObjectionCase, today: string) => Promise<Record<string, unknown>>,
  ): Promise<ObjectionView> {
    const scope = scopeOf(p, 'objection decisions', ['regulator']);
    return this.ds.transaction(async (m) => {
      const c = await this.objections.lockCase(m, scope, id);
      if (!c) throw notFoundError(ENTITY, id);
      const t = transitionObjection(c.state, event);
      if (!t.ok) {
        const { code, message, ...details } = t.error;
        throw conflictError(code, message, details);
      }
      const before = await this.objections.row(m, id);
      const detail = await apply(m, c, chinaDate(new Date()));
      const after = await this.objections.row(m, id);
      await recordAudit(m, p, [
        {
          action: event,
          entityType: ENTITY,
          entityId: id,
          before,
          after,
          detail: { sampleNo: c.sampleNo, from: c.state, to: t.state as ObjectionState, ...detail },
        },
      ]);
      await enqueue(m, 'objection.changed', { objectionId: id, sampleId: c.sampleId });
      return this.find(m, scope, id);
    });
  }
}
