import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Scope, ScopeColumns, scopeSql } from '@spotcheck/auth';
import { DEADLINE_TIME_ZONE } from '@spotcheck/domain';
import type {
  CaseEvent,
  CaseState,
  EscalationStep,
  PairCandidate,
  PrefixRegistration,
  Sector,
} from '@spotcheck/domain';

/** An attachment of a rectification report; its bytes are in the BlobStore by SHA-256. */
export interface CaseAttachment {
  sha256: string;
  name: string;
  mediaType: string;
  size: number;
}

/** One step of a case's history. */
export interface CaseStepView {
  seq: number;
  event: string;
  from: CaseState | null;
  to: CaseState;
  escalation: EscalationStep | null;
  level: number;
  at: Date;
  on: string;
  by: string;
  role: string;
  reason: string | null;
  detail: Record<string, unknown>;
}

/** A party or place the batch went to, as the events name it. */
export interface HolderRow {
  holder: string;
  firstAt: Date;
  events: number;
  namedBy: string[];
}

export interface EpcisConfirmation {
  uscc: string;
  eventId: string;
  eventTime: Date;
  at: Date;
}

export interface ApiConfirmation {
  uscc: string;
  by: string;
  at: Date;
  note: string | null;
}

/** A follow-up case as the API shows it. */
export interface CaseView {
  id: string;
  sampleId: string;
  sampleNo: string;
  taskId: string;
  jurisdiction: string;
  enterprise: { uscc: string; name: string };
  manufacturerUscc: string | null;
  product: { name: string; brand: string | null; batch: string | null; gtin: string | null };
  category: { code: string; name: string; sector: Sector };
  failedItems: unknown[];
  finalOn: string | null;
  state: CaseState;
  escalationLevel: number;
  escalation: EscalationStep | null;
  openedAt: Date;
  order: {
    by: string;
    at: Date;
    on: string;
    text: string;
    deadline: string;
    workingDays: number;
    basis: Record<string, unknown>;
  } | null;
  /** Ordered, unanswered, and past its deadline (China Standard Time). */
  overdue: boolean;
  rectification: {
    text: string;
    attachments: CaseAttachment[];
    by: string;
    at: Date;
    on: string;
  } | null;
  reinspection: {
    taskId: string;
    taskState: string;
    sampleNo: string | null;
    outcome: string | null;
  } | null;
  closing: { by: string; at: Date; on: string; reason: string; result: string } | null;
  withdrawnAt: Date | null;
  recallDecision: Record<string, unknown> | null;
  updatedAt: Date;
}

export interface CaseDetail extends CaseView {
  steps: CaseStepView[];
}

/** A case as a step on it needs it, locked. */
export interface LockedCase {
  id: string;
  state: CaseState;
  level: number;
  sampleNo: string;
  taskId: string;
  uscc: string;
  manufacturerUscc: string | null;
  jurisdiction: string;
  category: string;
  deadline: string | null;
  attachments: CaseAttachment[];
}

/** A case is its jurisdiction's, and the sampled enterprise's (and the named manufacturer's). */
const SCOPE: ScopeColumns = {
  region: 'c.jurisdiction',
  enterprise: ['c.uscc', 'c.manufacturer_uscc'],
};

const TODAY = `(now() AT TIME ZONE '${DEADLINE_TIME_ZONE}')::date`;
const OVERDUE = `(c.state = 'ordered' AND c.deadline < ${TODAY})`;

const VIEW = `
  SELECT c.id, c.sample_id AS "sampleId", s.sample_no AS "sampleNo", c.task_id AS "taskId",
         c.jurisdiction,
         json_build_object('uscc', c.uscc, 'name', e.name) AS enterprise,
         c.manufacturer_uscc AS "manufacturerUscc",
         json_build_object('name', s.product_name, 'brand', s.brand, 'batch', s.batch_no,
                           'gtin', s.gtin) AS product,
         json_build_object('code', pc.code, 'name', pc.name, 'sector', pc.sector) AS category,
         coalesce(r.failed_items, '[]'::jsonb) AS "failedItems",
         c.final_on::text AS "finalOn", c.state, c.escalation_level AS "escalationLevel",
         (ARRAY['announcement','suspension','revocation_recommended'])[c.escalation_level]
           AS escalation,
         c.opened_at AS "openedAt",
         CASE WHEN c.ordered_at IS NULL THEN NULL ELSE json_build_object(
           'by', c.ordered_by, 'at', c.ordered_at, 'on', c.ordered_on::text, 'text', c.order_text,
           'deadline', c.deadline::text, 'workingDays', c.deadline_days,
           'basis', c.deadline_basis) END AS "order",
         ${OVERDUE} AS overdue,
         CASE WHEN c.reported_at IS NULL THEN NULL ELSE json_build_object(
           'text', c.report_text, 'attachments', c.attachments, 'by', c.reported_by,
           'at', c.reported_at, 'on', c.reported_on::text) END AS rectification,
         CASE WHEN rt.id IS NULL THEN NULL ELSE json_build_object(
           'taskId', rt.id, 'taskState', rt.state, 'sampleNo', rs.sample_no,
           'outcome', ro.outcome) END AS reinspection,
         CASE WHEN c.closed_at IS NULL THEN NULL ELSE json_build_object(
           'by', c.closed_by, 'at', c.closed_at, 'on', c.closed_on::text,
           'reason', c.closing_reason, 'result', c.result) END AS closing,
         c.withdrawn_at AS "withdrawnAt", c.recall_decision AS "recallDecision",
         c.updated_at AS "updatedAt"
    FROM followup_case c
    JOIN sample s ON s.id = c.sample_id
    JOIN enterprise e ON e.uscc = c.uscc
    JOIN product_category pc ON pc.code = s.category
    LEFT JOIN sample_outcome o ON o.sample_id = c.sample_id
    LEFT JOIN lab_report r ON r.id = o.report_id
    LEFT JOIN inspection_task rt ON rt.id = c.reinspection_task_id
    LEFT JOIN sample rs ON rs.task_id = rt.id
    LEFT JOIN sample_outcome ro ON ro.sample_id = rs.id`;

export interface CaseFilter {
  state?: CaseState;
  overdue?: boolean;
  uscc?: string;
  /** Keyset: cases opened before (openedAt, id). */
  before?: [string, string];
}

/** The SQL of follow-up cases (后处理) as the API reads and steps them. */
@Injectable()
export class CaseRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async find(m: EntityManager, scope: Scope, id: string): Promise<CaseView | undefined> {
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `${VIEW} WHERE c.id = $1 AND ${scopeSql(scope, SCOPE, arg)}`,
      params,
    )) as CaseView[];
    return row;
  }

  /** Up to `limit` cases in `scope`, newest first. */
  list(scope: Scope, f: CaseFilter, limit: number): Promise<CaseView[]> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const where = [scopeSql(scope, SCOPE, arg)];
    if (f.state !== undefined) where.push(`c.state = ${arg(f.state)}`);
    if (f.overdue !== undefined) where.push(`${f.overdue ? '' : 'NOT '}${OVERDUE}`);
    if (f.uscc !== undefined) where.push(`c.uscc = ${arg(f.uscc)}`);
    if (f.before !== undefined)
      where.push(
        `(c.opened_at, c.id) < (${arg(f.before[0])}::timestamptz, ${arg(f.before[1])}::uuid)`,
      );
    return this.ds.query(
      `${VIEW} WHERE ${where.join(' AND ')} ORDER BY c.opened_at DESC, c.id DESC LIMIT ${arg(limit)}`,
      params,
    ) as Promise<CaseView[]>;
  }

  steps(m: EntityManager, id: string): Promise<CaseStepView[]> {
    return m.query(
      `SELECT seq, event, from_state AS "from", to_state AS "to", escalation, level,
              occurred_at AS at, occurred_on::text AS "on", actor AS by, actor_role AS role,
              reason, detail
         FROM followup_case_step WHERE case_id = $1 ORDER BY seq`,
      [id],
    ) as Promise<CaseStepView[]>;
  }

  /** The case, locked FOR UPDATE, when `scope` sees it. */
  async lock(m: EntityManager, scope: Scope, id: string): Promise<LockedCase | undefined> {
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `SELECT c.id, c.state, c.escalation_level AS level, s.sample_no AS "sampleNo",
              c.task_id AS "taskId", c.uscc, c.manufacturer_uscc AS "manufacturerUscc",
              c.jurisdiction, s.category, c.deadline::text AS deadline, c.attachments
         FROM followup_case c JOIN sample s ON s.id = c.sample_id
        WHERE c.id = $1 AND ${scopeSql(scope, SCOPE, arg)}
        FOR UPDATE OF c`,
      params,
    )) as LockedCase[];
    return row;
  }

  /** The whole row, for the audit log. */
  async row(m: EntityManager, id: string): Promise<Record<string, unknown>> {
    const [row] = (await m.query(`SELECT * FROM followup_case WHERE id = $1`, [id])) as Record<
      string,
      unknown
    >[];
    return row;
  }

  /** The attachment `sha256` of the case's report, when `scope` sees the case. */
  async attachment(scope: Scope, id: string, sha256: string): Promise<CaseAttachment | undefined> {
    const params: unknown[] = [id, sha256];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await this.ds.query(
      `SELECT a.sha256, a.name, a."mediaType", a.size
         FROM followup_case c,
              jsonb_to_recordset(c.attachments) AS a(sha256 text, name text, "mediaType" text, size bigint)
        WHERE c.id = $1 AND a.sha256 = $2 AND ${scopeSql(scope, SCOPE, arg)}
        LIMIT 1`,
      params,
    )) as CaseAttachment[];
    return row ? { ...row, size: Number(row.size) } : undefined;
  }

  async order(
    m: EntityManager,
    id: string,
    o: { by: string; on: string; text: string; deadline: string; days: number; basis: object },
  ) {
    await m.query(
      `UPDATE followup_case SET state = 'ordered', ordered_by = $2, ordered_at = now(),
              ordered_on = $3, order_text = $4, deadline = $5, deadline_days = $6,
              deadline_basis = $7, updated_at = now()
        WHERE id = $1`,
      [id, o.by, o.on, o.text, o.deadline, o.days, JSON.stringify(o.basis)],
    );
  }

  async report(
    m: EntityManager,
    id: string,
    r: { by: string; on: string; text: string; attachments: CaseAttachment[] },
  ) {
    await m.query(
      `UPDATE followup_case SET state = 'reported', report_text = $2, attachments = $3,
              reported_by = $4, reported_at = now(), reported_on = $5, updated_at = now()
        WHERE id = $1`,
      [id, r.text, JSON.stringify(r.attachments), r.by, r.on],
    );
  }

  async close(
    m: EntityManager,
    id: string,
    c: { by: string; on: string; reason: string; result: string },
  ) {
    await m.query(
      `UPDATE followup_case SET state = 'closed', closed_by = $2, closed_at = now(),
              closed_on = $3, closing_reason = $4, result = $5, updated_at = now()
        WHERE id = $1`,
      [id, c.by, c.on, c.reason, c.result],
    );
  }

  /** The original task, as a re-inspection task copies it. */
  async originalTask(
    m: EntityManager,
    taskId: string,
  ): Promise<{
    planId: string;
    drawId: string;
    uscc: string;
    category: string;
    inspectors: string[] | null;
    jurisdiction: string;
  }> {
    const [row] = (await m.query(
      `SELECT t.plan_id AS "planId", t.draw_id AS "drawId", t.uscc, t.category, t.inspectors,
              p.jurisdiction
         FROM inspection_task t JOIN sampling_plan p ON p.id = t.plan_id WHERE t.id = $1`,
      [taskId],
    )) as {
      planId: string;
      drawId: string;
      uscc: string;
      category: string;
      inspectors: string[] | null;
      jurisdiction: string;
    }[];
    return row;
  }

  /** The inspectors with these staff numbers, FOR SHARE (as a reassignment reads them). */
  candidates(m: EntityManager, staffNos: string[]): Promise<PairCandidate[]> {
    return m.query(
      `SELECT staff_no AS "staffNo", active, region_code AS "regionCode", categories, conflicts
         FROM inspector WHERE staff_no = ANY($1::text[]) FOR SHARE`,
      [staffNos],
    ) as Promise<PairCandidate[]>;
  }

  /** The lab, FOR SHARE: active and accredited for `category`, or why not. */
  async lab(
    m: EntityManager,
    labId: string,
  ): Promise<{ id: string; active: boolean; categories: string[] } | undefined> {
    const [row] = (await m.query(`SELECT id, active, categories FROM lab WHERE id = $1 FOR SHARE`, [
      labId,
    ])) as { id: string; active: boolean; categories: string[] }[];
    return row;
  }

  /**
   * A re-inspection task in the original's plan and draw, numbered after every task of the
   * draw (the draw's row is locked while numbering, so two re-inspections take turns).
   */
  async insertReinspectionTask(
    m: EntityManager,
    t: {
      planId: string;
      drawId: string;
      uscc: string;
      category: string;
      inspectors: [string, string];
      labId: string;
      dueDate: string | null;
      reinspectionOf: string;
    },
  ): Promise<string> {
    await m.query(`SELECT 1 FROM draw WHERE id = $1 FOR UPDATE`, [t.drawId]);
    const [row] = (await m.query(
      `INSERT INTO inspection_task (plan_id, draw_id, task_no, uscc, category, inspectors, lab_id,
                                    due_date, state, reinspection_of)
       SELECT $1, $2, coalesce(max(task_no), 0) + 1, $3, $4, $5, $6, $7, 'assigned', $8
         FROM inspection_task WHERE draw_id = $2
       RETURNING id`,
      [t.planId, t.drawId, t.uscc, t.category, t.inspectors, t.labId, t.dueDate, t.reinspectionOf],
    )) as { id: string }[];
    return row.id;
  }

  async setReinspection(m: EntityManager, id: string, taskId: string) {
    await m.query(
      `UPDATE followup_case SET state = 'reinspecting', reinspection_task_id = $2,
              updated_at = now() WHERE id = $1`,
      [id, taskId],
    );
  }

  /** The failed batch's product key `<GTIN-14>/<batch>`, when the sample names both. */
  async batchOf(
    m: EntityManager,
    id: string,
  ): Promise<{ gtin: string | null; batch: string | null; lot: string | null } | undefined> {
    const [row] = (await m.query(
      `SELECT s.gtin, s.batch_no AS batch,
              CASE WHEN s.gtin IS NOT NULL AND s.batch_no IS NOT NULL
                   THEN s.gtin || '/' || s.batch_no END AS lot
         FROM followup_case c JOIN sample s ON s.id = c.sample_id WHERE c.id = $1`,
      [id],
    )) as { gtin: string | null; batch: string | null; lot: string | null }[];
    return row;
  }

  /**
   * The batch's downstream holders from the captured EPCIS events: each destination of a
   * shipping event and each business location of a receiving event of the batch, with when it
   * was first named, by how many events, and which enterprises' events named it.
   */
  holders(m: EntityManager, lot: string): Promise<HolderRow[]> {
    return m.query(
      `WITH named AS (
         SELECT d ->> 'destination' AS holder, e.event_time, e.owner_uscc
           FROM epcis_event e, jsonb_array_elements(e.destinations) d
          WHERE e.lots @> ARRAY[$1]::text[] AND d ->> 'destination' IS NOT NULL
            AND e.biz_step IN ('shipping', 'urn:epcglobal:cbv:bizstep:shipping',
                               'https://ref.gs1.org/cbv/BizStep-shipping')
         UNION ALL
         SELECT e.biz_location, e.event_time, e.owner_uscc FROM epcis_event e
          WHERE e.lots @> ARRAY[$1]::text[] AND e.biz_location IS NOT NULL
            AND e.biz_step IN ('receiving', 'urn:epcglobal:cbv:bizstep:receiving',
                               'https://ref.gs1.org/cbv/BizStep-receiving'))
       SELECT holder, min(event_time) AS "firstAt", count(*)::int AS events,
              array_agg(DISTINCT owner_uscc ORDER BY owner_uscc) AS "namedBy"
         FROM named GROUP BY holder ORDER BY holder`,
      [lot],
    ) as Promise<HolderRow[]>;
  }

  /** Registrations of GS1 company prefixes, by enterprise (what a holder URI resolves against). */
  registrations(m: EntityManager): Promise<PrefixRegistration[]> {
    return m.query(
      `SELECT uscc, kind, value FROM enterprise_gtin_prefix WHERE kind = 'company_prefix'`,
    ) as Promise<PrefixRegistration[]>;
  }

  /** Names of enterprises, by USCC. */
  async enterpriseNames(m: EntityManager, usccs: readonly string[]): Promise<Map<string, string>> {
    if (usccs.length === 0) return new Map();
    const rows = (await m.query(`SELECT uscc, name FROM enterprise WHERE uscc = ANY($1::text[])`, [
      usccs,
    ])) as { uscc: string; name: string }[];
    return new Map(rows.map((r) => [r.uscc, r.name]));
  }

  /** Each enterprise's first captured event of disposition `recalled` for the batch. */
  epcisConfirmations(m: EntityManager, lot: string): Promise<EpcisConfirmation[]> {
    return m.query(
      `SELECT DISTINCT ON (owner_uscc) owner_uscc AS uscc, event_id AS "eventId",
              event_time AS "eventTime", captured_at AS at
         FROM epcis_event
        WHERE lots @> ARRAY[$1]::text[]
          AND disposition IN ('recalled', 'urn:epcglobal:cbv:disp:recalled',
                              'https://ref.gs1.org/cbv/Disp-recalled')
        ORDER BY owner_uscc, captured_at, event_id`,
      [lot],
    ) as Promise<EpcisConfirmation[]>;
  }

  apiConfirmations(m: EntityManager, id: string): Promise<ApiConfirmation[]> {
    return m.query(
      `SELECT uscc, confirmed_by AS by, confirmed_at AS at, note
         FROM recall_confirmation WHERE case_id = $1 ORDER BY uscc`,
      [id],
    ) as Promise<ApiConfirmation[]>;
  }

  /** When each holder enterprise was told of the case: its `recall_holder` notification. */
  holderNotices(m: EntityManager, id: string): Promise<{ uscc: string; at: Date }[]> {
    return m.query(
      `SELECT addressee AS uscc, created_at AS at FROM notification
        WHERE kind = 'recall_holder' AND subject = $1 AND audience = 'enterprise'`,
      [id],
    ) as Promise<{ uscc: string; at: Date }[]>;
  }

  /** Records a holder's confirmation; false when it had confirmed already. */
  async confirm(
    m: EntityManager,
    id: string,
    c: { uscc: string; by: string; note: string | null },
  ): Promise<boolean> {
    const rows = (await m.query(
      `INSERT INTO recall_confirmation (case_id, uscc, confirmed_by, note) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING uscc`,
      [id, c.uscc, c.by, c.note],
    )) as unknown[];
    return rows.length === 1;
  }

  async setRecallDecision(m: EntityManager, id: string, decision: object) {
    await m.query(
      `UPDATE followup_case SET recall_decision = $2, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(decision)],
    );
  }

  /** Any case by id: a holder's view is checked against the batch (`holdsBatch`), not a scope. */
  findAny(m: EntityManager, id: string): Promise<CaseView | undefined> {
    return this.find(m, { kind: 'all' }, id);
  }

  /** Any case by id, locked (a holder's confirmation is checked against the batch, not a scope). */
  async lockAny(m: EntityManager, id: string): Promise<LockedCase | undefined> {
    return this.lock(m, { kind: 'all' }, id);
  }

  async taskRow(m: EntityManager, id: string): Promise<Record<string, unknown>> {
    const [row] = (await m.query(`SELECT * FROM inspection_task WHERE id = $1`, [id])) as Record<
      string,
      unknown
    >[];
    return row;
  }
}

export type { CaseEvent };
