import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Scope, ScopeColumns, scopeSql } from '@spotcheck/auth';
import { DEADLINE_TIME_ZONE } from '@spotcheck/domain';
import type {
  LabVerdict,
  ObjectionState,
  RetestDrawRecord,
  RetestLabCandidate,
  RetestRefusalReason,
  RuleRef,
  Sector,
} from '@spotcheck/domain';
import type { CustodyState } from '@spotcheck/domain';

/** An objection as the API shows it. */
export interface ObjectionView {
  id: string;
  sampleNo: string;
  noticeId: string;
  uscc: string;
  enterpriseName: string;
  product: { name: string; brand: string | null; batch: string | null };
  category: { code: string; name: string; sector: Sector };
  lab: { id: string; name: string };
  jurisdiction: string;
  items: string[];
  reason: string;
  contact: Record<string, string>;
  filedBy: string;
  filedAt: Date;
  filedOn: string;
  objectionDeadline: string;
  objectionDeadlineRule: RuleRef | null;
  decisionDue: string;
  decisionDueRule: RuleRef;
  state: ObjectionState;
  /** Still undecided after its decision due date (China Standard Time). */
  overdue: boolean;
  decidedBy: string | null;
  decidedAt: Date | null;
  decidedOn: string | null;
  decisionReason: string | null;
  commitment: string | null;
  committedAt: Date | null;
  drawnBy: string | null;
  drawnAt: Date | null;
  retestLab: { id: string; name: string } | null;
  retestReportId: string | null;
  concludedOn: string | null;
  conclusion: 'confirmed' | 'overturned' | null;
  outcome: 'pass' | 'fail' | null;
  stillFailing: string[] | null;
  feePayer: 'applicant' | 'regulator' | null;
  custodyState: CustodyState;
  /** Drawn labs that refused the backup, in order; each was followed by a new draw. */
  refusals: RetestRefusalView[];
  updatedAt: Date;
}

/** A drawn lab's refusal of the backup, as recorded by the regulator. */
export interface RetestRefusalView {
  labId: string;
  reason: RetestRefusalReason;
  note: string | null;
  /** The backup's custody when the refusal was recorded. */
  custodyState: CustodyState;
  recordedBy: string;
  recordedAt: string;
  /** The draw that had drawn the refusing lab, verifiable like any retest draw. */
  drawRecord: RetestDrawRecord;
}

/** What filing an objection on a notice needs to know. */
export interface NoticeFacts {
  noticeId: string;
  uscc: string;
  verdict: LabVerdict;
  reportId: string;
  reportVersion: number;
  sampleId: string;
  sampleNo: string;
  labId: string;
  category: string;
  sector: Sector;
  jurisdiction: string;
  expiryDate: string | null;
  custodyState: CustodyState;
}

/** One issued version of the sample's report at its lab, with its notice. */
export interface ChainVersion {
  reportId: string;
  version: number;
  verdict: LabVerdict;
  conclusion: string;
  issuedAt: Date;
  failedItems: { itemCode: string; itemName?: string }[];
  noticeId: string | null;
  objectionDeadline: string | null;
  deadlineRule: RuleRef | null;
}

/** The sample an objection is about, as deciding and drawing need it. */
export interface ObjectionCase {
  id: string;
  state: ObjectionState;
  sampleId: string;
  sampleNo: string;
  labId: string;
  category: string;
  sector: Sector;
  jurisdiction: string;
  items: string[];
  commitment: string | null;
  expiryDate: string | null;
  custodyState: CustodyState;
  reportId: string;
  /** The lab drawn last (retest_drawn), and where the backup went (sample.retest_lab_id). */
  retestLabId: string | null;
  sampleRetestLabId: string | null;
  /** Labs that refused the backup: never drawn again. */
  refusedLabIds: string[];
}

/** An objection is its jurisdiction's, and the sampled enterprise's (and the named manufacturer's). */
const SCOPE: ScopeColumns = {
  region: 'o.jurisdiction',
  enterprise: ['o.uscc', 's.manufacturer_uscc'],
};

const TODAY = `(now() AT TIME ZONE '${DEADLINE_TIME_ZONE}')::date`;

const VIEW = `
  SELECT o.id, s.sample_no AS "sampleNo", o.notice_id AS "noticeId", o.uscc,
         e.name AS "enterpriseName",
         json_build_object('name', s.product_name, 'brand', s.brand, 'batch', s.batch_no) AS product,
         json_build_object('code', c.code, 'name', c.name, 'sector', c.sector) AS category,
         json_build_object('id', l.id, 'name', l.name) AS lab,
         o.jurisdiction, o.items, o.reason, o.contact, o.filed_by AS "filedBy",
         o.filed_at AS "filedAt", o.filed_on::text AS "filedOn",
         o.objection_deadline::text AS "objectionDeadline",
         o.deadline_rule AS "objectionDeadlineRule", o.decision_due::text AS "decisionDue",
         o.decision_rule AS "decisionDueRule", o.state,
         (o.state = 'filed' AND o.decision_due < ${TODAY}) AS overdue,
         o.decided_by AS "decidedBy", o.decided_at AS "decidedAt",
         o.decided_on::text AS "decidedOn", o.decision_reason AS "decisionReason",
         o.commitment, o.committed_at AS "committedAt", o.drawn_by AS "drawnBy",
         o.drawn_at AS "drawnAt",
         CASE WHEN rl.id IS NULL THEN NULL
              ELSE json_build_object('id', rl.id, 'name', rl.name) END AS "retestLab",
         o.retest_report_id AS "retestReportId", o.concluded_on::text AS "concludedOn",
         o.conclusion, o.outcome, o.still_failing AS "stillFailing", o.fee_payer AS "feePayer",
         s.custody_state AS "custodyState", o.refusals, o.updated_at AS "updatedAt"
    FROM objection o
    JOIN sample s ON s.id = o.sample_id
    JOIN enterprise e ON e.uscc = o.uscc
    JOIN product_category c ON c.code = s.category
    JOIN lab l ON l.id = s.lab_id
    LEFT JOIN lab rl ON rl.id = o.retest_lab_id`;

/** The SQL of objections (异议 / 复检申请) and what they are decided from. */
@Injectable()
export class ObjectionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The notice and its sample, when `scope` sees the notice. */
  async noticeFacts(
    m: EntityManager,
    scope: Scope,
    noticeId: string,
  ): Promise<NoticeFacts | undefined> {
    const params: unknown[] = [noticeId];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `SELECT n.id AS "noticeId", n.uscc, n.verdict, n.report_id AS "reportId",
              r.version AS "reportVersion", s.id AS "sampleId", s.sample_no AS "sampleNo",
              s.lab_id AS "labId", s.category, c.sector, p.jurisdiction,
              s.expiry_date::text AS "expiryDate", s.custody_state AS "custodyState"
         FROM result_notice n
         JOIN lab_report r ON r.id = n.report_id
         JOIN sample s ON s.id = n.sample_id
         JOIN sampling_plan p ON p.id = s.plan_id
         JOIN product_category c ON c.code = s.category
        WHERE n.id = $1 AND ${scopeSql(scope, { enterprise: ['n.uscc', 'n.manufacturer_uscc'] }, arg)}`,
      params,
    )) as NoticeFacts[];
    return row;
  }

  /** Filings, decisions and the lab's amendments of one sample take turns. */
  async lockSample(m: EntityManager, sampleId: string): Promise<void> {
    await m.query(`SELECT 1 FROM sample WHERE id = $1 FOR UPDATE`, [sampleId]);
  }

  /** The issued versions of the sample's report at its lab, with their notices, in order. */
  chain(m: EntityManager, sampleId: string, labId: string): Promise<ChainVersion[]> {
    return m.query(
      `SELECT r.id AS "reportId", r.version, r.verdict, md5(r.failed_items::text) AS conclusion,
              r.issued_at AS "issuedAt", r.failed_items AS "failedItems", n.id AS "noticeId",
              n.objection_deadline::text AS "objectionDeadline", n.deadline_rule AS "deadlineRule"
         FROM lab_report r LEFT JOIN result_notice n ON n.report_id = r.id
        WHERE r.sample_id = $1 AND r.lab_id = $2 AND r.state = 'issued'
        ORDER BY r.version`,
      [sampleId, labId],
    ) as Promise<ChainVersion[]>;
  }

  /**
   * What says whether each item of a report is microbial: its method as reported, and the
   * flag of the category's template.
   */
  async itemKinds(
    m: EntityManager,
    reportId: string,
    category: string,
  ): Promise<Map<string, { method: string | null; microbial: boolean }>> {
    const rows = (await m.query(
      `SELECT i.item_code AS "itemCode", i.method,
              coalesce((SELECT (t ->> 'microbial')::boolean FROM product_category c,
                               jsonb_array_elements(c.items) t
                         WHERE c.code = $2 AND t ->> 'code' = i.item_code LIMIT 1), false)
                AS microbial
         FROM lab_report_item i WHERE i.report_id = $1`,
      [reportId, category],
    )) as { itemCode: string; method: string | null; microbial: boolean }[];
    return new Map(rows.map((r) => [r.itemCode, { method: r.method, microbial: r.microbial }]));
  }

  async objectionOf(m: EntityManager, sampleId: string): Promise<string | undefined> {
    const [row] = (await m.query(`SELECT id FROM objection WHERE sample_id = $1`, [sampleId])) as {
      id: string;
    }[];
    return row?.id;
  }

  async insert(
    m: EntityManager,
    o: {
      sampleId: string;
      noticeId: string;
      uscc: string;
      jurisdiction: string;
      items: string[];
      reason: string;
      contact: Record<string, string>;
      filedBy: string;
      filedOn: string;
      objectionDeadline: string;
      deadlineRule: RuleRef | null;
      decisionDue: string;
      decisionRule: RuleRef;
    },
  ): Promise<string> {
    const [row] = (await m.query(
      `INSERT INTO objection (sample_id, notice_id, uscc, jurisdiction, items, reason, contact,
                              filed_by, filed_on, objection_deadline, deadline_rule, decision_due,
                              decision_rule, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'filed') RETURNING id`,
      [
        o.sampleId,
        o.noticeId,
        o.uscc,
        o.jurisdiction,
        o.items,
        o.reason,
        JSON.stringify(o.contact),
        o.filedBy,
        o.filedOn,
        o.objectionDeadline,
        o.deadlineRule === null ? null : JSON.stringify(o.deadlineRule),
        o.decisionDue,
        JSON.stringify(o.decisionRule),
      ],
    )) as { id: string }[];
    return row.id;
  }

  async find(m: EntityManager, scope: Scope, id: string): Promise<ObjectionView | undefined> {
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `${VIEW} WHERE o.id = $1 AND ${scopeSql(scope, SCOPE, arg)}`,
      params,
    )) as ObjectionView[];
    return row;
  }

  /** The newest 500 in `scope`, optionally in one state or only those overdue for a decision. */
  list(
    scope: Scope,
    f: { state?: ObjectionState; overdue?: boolean; noticeId?: string },
  ): Promise<ObjectionView[]> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const where = [scopeSql(scope, SCOPE, arg)];
    if (f.state !== undefined) where.push(`o.state = ${arg(f.state)}`);
    if (f.noticeId !== undefined) where.push(`o.notice_id = ${arg(f.noticeId)}`);
    if (f.overdue !== undefined)
      where.push(`${f.overdue ? '' : 'NOT '}(o.state = 'filed' AND o.decision_due < ${TODAY})`);
    return this.ds.query(
      `${VIEW} WHERE ${where.join(' AND ')} ORDER BY o.filed_at DESC, o.id LIMIT 500`,
      params,
    ) as Promise<ObjectionView[]>;
  }

  /** The objection and its sample, locked, when `scope` sees it. */
  async lockCase(m: EntityManager, scope: Scope, id: string): Promise<ObjectionCase | undefined> {
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `SELECT o.id, o.state, o.sample_id AS "sampleId", s.sample_no AS "sampleNo",
              s.lab_id AS "labId", s.category, c.sector, o.jurisdiction, o.items, o.commitment,
              s.expiry_date::text AS "expiryDate", s.custody_state AS "custodyState",
              n.report_id AS "reportId", o.retest_lab_id AS "retestLabId",
              s.retest_lab_id AS "sampleRetestLabId",
              ARRAY(SELECT r ->> 'labId' FROM jsonb_array_elements(o.refusals) r) AS "refusedLabIds"
         FROM objection o
         JOIN sample s ON s.id = o.sample_id
         JOIN product_category c ON c.code = s.category
         JOIN result_notice n ON n.id = o.notice_id
        WHERE o.id = $1 AND ${scopeSql(scope, SCOPE, arg)}
        FOR UPDATE OF o, s`,
      params,
    )) as ObjectionCase[];
    return row;
  }

  /** The whole row, for the audit log. */
  async row(m: EntityManager, id: string): Promise<Record<string, unknown>> {
    const [row] = (await m.query(`SELECT * FROM objection WHERE id = $1`, [id])) as Record<
      string,
      unknown
    >[];
    return row;
  }

  async reject(m: EntityManager, id: string, by: string, on: string, reason: string) {
    await m.query(
      `UPDATE objection SET state = 'rejected', decided_by = $2, decided_at = now(),
              decided_on = $3, decision_reason = $4, updated_at = now() WHERE id = $1`,
      [id, by, on, reason],
    );
  }

  async accept(
    m: EntityManager,
    id: string,
    by: string,
    on: string,
    commitment: string,
    reason: string | null,
  ) {
    await m.query(
      `UPDATE objection SET state = 'accepted', decided_by = $2, decided_at = now(),
              decided_on = $3, commitment = $4, committed_at = now(), decision_reason = $5,
              fee_payer = 'applicant', updated_at = now() WHERE id = $1`,
      [id, by, on, commitment, reason],
    );
  }

  /** Active labs with the samples each can still take (capacity less its open tasks). */
  labs(m: EntityManager): Promise<RetestLabCandidate[]> {
    return m.query(
      `SELECT l.id::text AS id, l.categories,
              greatest(l.capacity - coalesce(o.open, 0), 0)::int AS capacity
         FROM lab l
         LEFT JOIN (SELECT lab_id, count(*) AS open FROM inspection_task
                     WHERE lab_id IS NOT NULL AND state = 'assigned' GROUP BY lab_id) o
                ON o.lab_id = l.id
        WHERE l.active ORDER BY l.id::text COLLATE "C"`,
    ) as Promise<RetestLabCandidate[]>;
  }

  /** Records the draw and hands the sample's retest to the lab drawn (a custody column). */
  async drawn(m: EntityManager, c: ObjectionCase, by: string, record: RetestDrawRecord) {
    await m.query(
      `UPDATE objection SET state = 'retest_drawn', seed = $2, drawn_by = $3, drawn_at = now(),
              retest_lab_id = $4, draw_record = $5, updated_at = now() WHERE id = $1`,
      [c.id, record.seed, by, record.lab, JSON.stringify(record)],
    );
    // A backup the refusing lab holds (refused at receipt) keeps that lab as its holder until
    // it is dispatched on to the lab now drawn; the dispatch names the new lab.
    await m.query(
      `UPDATE sample SET retest_lab_id = $2, updated_at = now()
        WHERE id = $1 AND custody_state <> 'retest_rejected'`,
      [c.sampleId, record.lab],
    );
  }

  /**
   * The drawn lab refused the backup: the refusal (with the draw that drew the lab) joins
   * `refusals`, the draw's columns are cleared and the next draw's commitment recorded; the
   * objection is accepted again. A backup not yet sent no longer shows to the refusing lab.
   */
  async refused(
    m: EntityManager,
    c: ObjectionCase,
    refusal: Omit<RetestRefusalView, 'drawRecord' | 'recordedAt'>,
    commitment: string,
  ) {
    await m.query(
      `UPDATE objection
          SET refusals = refusals || jsonb_build_array($2::jsonb || jsonb_build_object(
                'recordedAt', now(), 'drawRecord', draw_record)),
              state = 'accepted', commitment = $3, committed_at = now(), seed = NULL,
              drawn_by = NULL, drawn_at = NULL, retest_lab_id = NULL, draw_record = NULL,
              updated_at = now()
        WHERE id = $1`,
      [c.id, JSON.stringify(refusal), commitment],
    );
    await m.query(
      `UPDATE sample SET retest_lab_id = NULL, updated_at = now()
        WHERE id = $1 AND custody_state = 'backup_retained'`,
      [c.sampleId],
    );
  }

  /** The draw record of an objection `scope` sees, once drawn. */
  async drawRecord(scope: Scope, id: string): Promise<RetestDrawRecord | null | undefined> {
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await this.ds.query(
      `SELECT o.draw_record AS record FROM objection o JOIN sample s ON s.id = o.sample_id
        WHERE o.id = $1 AND ${scopeSql(scope, SCOPE, arg)}`,
      params,
    )) as { record: RetestDrawRecord | null }[];
    return row === undefined ? undefined : row.record;
  }
}
