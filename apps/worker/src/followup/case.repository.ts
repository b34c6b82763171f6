import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type CaseStepWrite, insertCaseStep } from '@spotcheck/database';
import type { CaseState, IsoDate, PrefixRegistration } from '@spotcheck/domain';

/** A case opened now. */
export interface OpenedCase {
  id: string;
  sampleId: string;
  sampleNo: string;
  jurisdiction: string;
  uscc: string;
}

/** A case as the worker's steps need it, locked. */
export interface CaseRow {
  id: string;
  state: CaseState;
  level: number;
  deadline: IsoDate | null;
  /** Reported since the order in force. */
  reported: boolean;
  sampleNo: string;
  jurisdiction: string;
}

/** A holder the events name for a case's batch. */
export interface CaseHolderRow {
  caseId: string;
  sampleNo: string;
  productName: string;
  gtin: string;
  batch: string;
  holder: string;
}

/** Re-inspection outcomes: the case waiting on a re-inspection sample, and that outcome. */
export interface ReinspectionOutcome {
  caseId: string;
  sampleId: string;
  sampleNo: string;
  outcome: 'pass' | 'fail';
}

/** Not a re-inspection: a re-inspection's failure moves its case instead of opening one. */
const NOT_REINSPECTION = `NOT EXISTS (SELECT 1 FROM inspection_task rt
                                       WHERE rt.id = s.task_id AND rt.reinspection_of IS NOT NULL)`;

/** The SQL of follow-up cases as the worker keeps them (docs/cases.md). */
@Injectable()
export class CaseRepository {
  /**
   * Opens a case for each final failure among `sampleIds` that has none and is no
   * re-inspection, in one statement; returns those opened now (two openers open it once).
   */
  async open(m: EntityManager, sampleIds: readonly string[]): Promise<OpenedCase[]> {
    if (sampleIds.length === 0) return [];
    return (await m.query(
      `WITH opened AS (
         INSERT INTO followup_case (sample_id, task_id, jurisdiction, uscc, manufacturer_uscc, final_on)
         SELECT s.id, s.task_id, p.jurisdiction, s.sampled_uscc, s.manufacturer_uscc, o.final_on
           FROM sample_outcome o
           JOIN sample s ON s.id = o.sample_id
           JOIN sampling_plan p ON p.id = s.plan_id
          WHERE o.sample_id = ANY($1::uuid[]) AND o.outcome = 'fail' AND ${NOT_REINSPECTION}
          ORDER BY s.id
         ON CONFLICT (sample_id) DO NOTHING
         RETURNING id, sample_id, jurisdiction, uscc)
       SELECT c.id, c.sample_id AS "sampleId", s.sample_no AS "sampleNo", c.jurisdiction, c.uscc
         FROM opened c JOIN sample s ON s.id = c.sample_id ORDER BY s.sample_no`,
      [sampleIds],
    )) as OpenedCase[];
  }

  /** The first step of each case opened now, in one statement. */
  async openSteps(m: EntityManager, ids: readonly string[], on: IsoDate, actor: string) {
    if (ids.length === 0) return;
    await m.query(
      `INSERT INTO followup_case_step (case_id, seq, event, from_state, to_state, level,
                                       occurred_on, actor, actor_role, reason)
       SELECT id, 1, 'open', NULL, 'opened', 0, $2, $3, 'system',
              '不合格结论已确定，立案后处理 (the failure is final: follow-up opened)'
         FROM unnest($1::uuid[]) AS id`,
      [ids, on, actor],
    );
  }

  /**
   * Up to `limit` final failures with no case (and no re-inspection), by sample id after
   * `after`: what a lost `outcome.finalized` left unopened.
   */
  async unopened(m: EntityManager, after: string | null, limit: number): Promise<string[]> {
    const rows = (await m.query(
      `SELECT o.sample_id AS id FROM sample_outcome o JOIN sample s ON s.id = o.sample_id
        WHERE o.outcome = 'fail' AND ${NOT_REINSPECTION}
          AND NOT EXISTS (SELECT 1 FROM followup_case c WHERE c.sample_id = o.sample_id)
          AND ($1::uuid IS NULL OR o.sample_id > $1::uuid)
        ORDER BY o.sample_id LIMIT $2`,
      [after, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Cases still ordered whose deadline is before `today`, by id after `after`. */
  async missed(
    m: EntityManager,
    today: IsoDate,
    after: string | null,
    limit: number,
  ): Promise<string[]> {
    const rows = (await m.query(
      `SELECT id FROM followup_case
        WHERE state = 'ordered' AND deadline < $1::date
          AND ($2::uuid IS NULL OR id > $2::uuid)
        ORDER BY id LIMIT $3`,
      [today, after, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The case, locked FOR UPDATE (steps on one case take turns). */
  async lock(m: EntityManager, id: string): Promise<CaseRow | undefined> {
    const [row] = (await m.query(
      `SELECT c.id, c.state, c.escalation_level AS level, c.deadline::text AS deadline,
              coalesce(c.reported_at > c.ordered_at, false) AS reported, s.sample_no AS "sampleNo", c.jurisdiction
         FROM followup_case c JOIN sample s ON s.id = c.sample_id
        WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    )) as CaseRow[];
    return row;
  }

  /**
   * The final outcomes among `sampleIds` that are re-inspections of a case waiting on them
   * (state `reinspecting`).
   */
  reinspections(m: EntityManager, sampleIds: readonly string[]): Promise<ReinspectionOutcome[]> {
    return m.query(
      `SELECT c.id AS "caseId", s.id AS "sampleId", s.sample_no AS "sampleNo", o.outcome
         FROM sample_outcome o
         JOIN sample s ON s.id = o.sample_id
         JOIN followup_case c ON c.reinspection_task_id = s.task_id
        WHERE o.sample_id = ANY($1::uuid[]) AND o.outcome IN ('pass','fail')
          AND c.state = 'reinspecting'
        ORDER BY c.id`,
      [sampleIds],
    ) as Promise<ReinspectionOutcome[]>;
  }

  /** Open cases of samples among `sampleIds` whose outcome is no longer a failure. */
  async overturned(m: EntityManager, sampleIds: readonly string[]): Promise<string[]> {
    const rows = (await m.query(
      `SELECT c.id FROM followup_case c JOIN sample_outcome o ON o.sample_id = c.sample_id
        WHERE c.sample_id = ANY($1::uuid[]) AND o.outcome = 'pass'
          AND c.state NOT IN ('closed','withdrawn')
        ORDER BY c.id`,
      [sampleIds],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * The holders of the failed batches of `caseIds` (cases not closed or withdrawn) from the
   * captured EPCIS events, as the API lists them: destinations of shipping events and business
   * locations of receiving events of each batch.
   */
  holders(m: EntityManager, caseIds: readonly string[]): Promise<CaseHolderRow[]> {
    if (caseIds.length === 0) return Promise.resolve([]);
    return m.query(
      `WITH b AS (
         SELECT c.id AS "caseId", s.sample_no AS "sampleNo", s.product_name AS "productName",
                s.gtin, s.batch_no AS batch, s.gtin || '/' || s.batch_no AS lot
           FROM followup_case c JOIN sample s ON s.id = c.sample_id
          WHERE c.id = ANY($1::uuid[]) AND c.state NOT IN ('closed','withdrawn')
            AND s.gtin IS NOT NULL AND s.batch_no IS NOT NULL)
       SELECT DISTINCT b."caseId", b."sampleNo", b."productName", b.gtin, b.batch, h.holder
         FROM b JOIN epcis_event e ON e.lots @> ARRAY[b.lot]
         CROSS JOIN LATERAL (
           SELECT d ->> 'destination' AS holder FROM jsonb_array_elements(e.destinations) d
            WHERE e.biz_step IN ('shipping', 'urn:epcglobal:cbv:bizstep:shipping',
                                 'https://ref.gs1.org/cbv/BizStep-shipping')
           UNION ALL
           SELECT e.biz_location WHERE e.biz_step IN ('receiving',
                    'urn:epcglobal:cbv:bizstep:receiving', 'https://ref.gs1.org/cbv/BizStep-receiving')
         ) h
        WHERE h.holder IS NOT NULL`,
      [caseIds],
    ) as Promise<CaseHolderRow[]>;
  }

  /** Registrations of GS1 company prefixes (what a holder URI resolves against). */
  registrations(m: EntityManager): Promise<PrefixRegistration[]> {
    return m.query(
      `SELECT uscc, kind, value FROM enterprise_gtin_prefix WHERE kind = 'company_prefix'`,
    ) as Promise<PrefixRegistration[]>;
  }

  /** Cases still open (not closed or withdrawn), by id after `after`. */
  async openCases(m: EntityManager, after: string | null, limit: number): Promise<string[]> {
    const rows = (await m.query(
      `SELECT id FROM followup_case WHERE state NOT IN ('closed','withdrawn')
          AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [after, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The whole row, for the audit log. */
  async row(m: EntityManager, id: string): Promise<Record<string, unknown>> {
    const [row] = (await m.query(`SELECT * FROM followup_case WHERE id = $1`, [id])) as Record<
      string,
      unknown
    >[];
    return row;
  }

  /** Moves the case to the step's state (and level), and records the step. */
  async step(m: EntityManager, s: CaseStepWrite): Promise<void> {
    if (s.event !== 'open')
      await m.query(
        `UPDATE followup_case SET state = $2, escalation_level = $3,
                withdrawn_at = CASE WHEN $2 = 'withdrawn' THEN now() ELSE withdrawn_at END,
                updated_at = now()
          WHERE id = $1`,
        [s.caseId, s.to, s.level],
      );
    await insertCaseStep(m, s);
  }
}
