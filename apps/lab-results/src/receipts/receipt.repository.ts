import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Scope, scopeSql } from '@spotcheck/auth';
import {
  CUSTODY_EVENT_COLUMNS,
  CUSTODY_SAMPLE_COLUMNS,
  CustodyEventView,
  CustodySampleRow,
  overdueSql,
} from '@spotcheck/database';
import type { CustodyState, RuleRef } from '@spotcheck/domain';

/** A sample assigned to a lab, with its receipt and its latest report version. */
export interface LabSampleRow {
  id: string;
  sample_no: string;
  lab_id: string;
  category: string;
  category_name: string;
  sector: string;
  product_name: string;
  brand: string | null;
  spec: string | null;
  batch_no: string | null;
  sampled_uscc: string;
  sampling_date: string;
  lab_due_date: string;
  custody_state: CustodyState;
  /** The viewing lab is the sample's retest lab. */
  retest: boolean;
  /** The objection whose retest the viewing lab does, if any. */
  objection_id: string | null;
  outcome: 'received' | 'rejected' | null;
  occurred_at: Date | null;
  received_on: string | null;
  condition: string | null;
  seal_intact: boolean | null;
  reason: string | null;
  note: string | null;
  recorded_by: string | null;
  test_due_date: string | null;
  test_due_rule: RuleRef | null;
  overdue: boolean;
  report_id: string | null;
  report_no: string | null;
  version: number | null;
  report_state: string | null;
}

/** A stored `lab_receipt` row, dates as text. */
export interface LabReceiptRow {
  sample_id: string;
  lab_id: string;
  outcome: 'received' | 'rejected';
  occurred_at: Date;
  received_on: string;
  condition: string | null;
  seal_intact: boolean | null;
  reason: string | null;
  note: string | null;
  test_due_date: string | null;
  test_due_rule: RuleRef | null;
  custody_seq: number;
  recorded_by: string;
}

export type NewLabReceipt = LabReceiptRow;

/**
 * The view of a sample as lab `lab` (an SQL expression giving a lab id) holds it: its own
 * receipt, its latest report version, and whether its test is overdue (libs/domain's isOverdue:
 * received, no version issued, past its test due date).
 */
function viewSql(lab: string): { sql: string; overdue: string } {
  const issued = `EXISTS (SELECT 1 FROM lab_report x
                           WHERE x.sample_id = s.id AND x.lab_id = ${lab} AND x.state = 'issued')`;
  const overdue = overdueSql(
    'r.test_due_date',
    `r.outcome IS NOT DISTINCT FROM 'received' AND NOT ${issued}`,
  );
  return {
    sql: `
  SELECT s.id, s.sample_no, s.lab_id, s.category, c.name AS category_name, c.sector,
         s.product_name, s.brand, s.spec, s.batch_no, s.sampled_uscc,
         s.sampling_date::text AS sampling_date, s.lab_due_date::text AS lab_due_date,
         s.custody_state, (s.retest_lab_id IS NOT DISTINCT FROM ${lab}) AS retest,
         (SELECT o.id FROM objection o WHERE o.sample_id = s.id
             AND o.retest_lab_id IS NOT DISTINCT FROM ${lab}) AS objection_id,
         r.outcome, r.occurred_at, r.received_on::text AS received_on,
         r.condition, r.seal_intact, r.reason, r.note, r.recorded_by,
         r.test_due_date::text AS test_due_date, r.test_due_rule, ${overdue} AS overdue,
         rep.id AS report_id, rep.report_no, rep.version, rep.state AS report_state
    FROM sample s
    JOIN product_category c ON c.code = s.category
    LEFT JOIN lab_receipt r ON r.sample_id = s.id AND r.lab_id = ${lab}
    LEFT JOIN LATERAL (SELECT id, report_no, version, state FROM lab_report
                        WHERE sample_id = s.id AND lab_id = ${lab}
                        ORDER BY version DESC LIMIT 1) rep ON true`,
    overdue,
  };
}

/**
 * The lab whose receipt and reports a caller sees: its own for a lab (the assigned lab or the
 * retest lab), the assigned lab's for an admin.
 */
function viewerLab(scope: Scope, arg: (v: unknown) => string): string {
  return scope.kind === 'lab' && scope.labId !== null ? `${arg(scope.labId)}::uuid` : 's.lab_id';
}

/** A lab holds the samples assigned to it and those it was drawn to retest. */
const LAB = { lab: ['s.lab_id', 's.retest_lab_id'] } as const;

/** The samples assigned to labs (`sample.lab_id`) and their receipts (`lab_receipt`). */
@Injectable()
export class ReceiptRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A keyset page by sample number, `limit + 1` rows so the caller sees whether more follow. */
  list(
    scope: Scope,
    q: { overdue?: boolean; after?: string; limit: number },
  ): Promise<LabSampleRow[]> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const view = viewSql(viewerLab(scope, arg));
    const where = [scopeSql(scope, LAB, arg)];
    if (q.overdue !== undefined) where.push(q.overdue ? view.overdue : `NOT ${view.overdue}`);
    if (q.after !== undefined) where.push(`s.sample_no > ${arg(q.after)}`);
    return this.ds.query(
      `${view.sql} WHERE ${where.join(' AND ')} ORDER BY s.sample_no LIMIT ${arg(q.limit + 1)}`,
      params,
    ) as Promise<LabSampleRow[]>;
  }

  async view(m: EntityManager, scope: Scope, sampleNo: string): Promise<LabSampleRow | null> {
    const params: unknown[] = [sampleNo];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const view = viewSql(viewerLab(scope, arg));
    const [row] = (await m.query(
      `${view.sql} WHERE s.sample_no = $1 AND ${scopeSql(scope, LAB, arg)}`,
      params,
    )) as LabSampleRow[];
    return row ?? null;
  }

  custody(m: EntityManager, sampleId: string): Promise<CustodyEventView[]> {
    return m.query(
      `SELECT ${CUSTODY_EVENT_COLUMNS} FROM custody_event WHERE sample_id = $1 ORDER BY seq`,
      [sampleId],
    ) as Promise<CustodyEventView[]>;
  }

  /** The sample's custody keys, locked for a custody event. */
  async lockSample(
    m: EntityManager,
    scope: Scope,
    sampleNo: string,
  ): Promise<CustodySampleRow | null> {
    const params: unknown[] = [sampleNo];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `SELECT ${CUSTODY_SAMPLE_COLUMNS} FROM sample s
        WHERE s.sample_no = $1 AND ${scopeSql(scope, LAB, arg)} FOR UPDATE OF s`,
      params,
    )) as CustodySampleRow[];
    return row ?? null;
  }

  /** What the lab already recorded for the sample, if anything. */
  async outcome(m: EntityManager, sampleId: string, labId: string): Promise<string | null> {
    const [row] = (await m.query(
      `SELECT outcome FROM lab_receipt WHERE sample_id = $1 AND lab_id = $2`,
      [sampleId, labId],
    )) as { outcome: string }[];
    return row?.outcome ?? null;
  }

  async insert(m: EntityManager, r: NewLabReceipt): Promise<LabReceiptRow> {
    const [row] = (await m.query(
      `INSERT INTO lab_receipt (sample_id, lab_id, outcome, occurred_at, received_on, condition,
                                seal_intact, reason, note, test_due_date, test_due_rule,
                                custody_seq, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       RETURNING sample_id, lab_id, outcome, occurred_at, received_on::text, condition,
                 seal_intact, reason, note, test_due_date::text, test_due_rule, custody_seq,
                 recorded_by`,
      [
        r.sample_id,
        r.lab_id,
        r.outcome,
        r.occurred_at,
        r.received_on,
        r.condition,
        r.seal_intact,
        r.reason,
        r.note,
        r.test_due_date,
        r.test_due_rule === null ? null : JSON.stringify(r.test_due_rule),
        r.custody_seq,
        r.recorded_by,
      ],
    )) as LabReceiptRow[];
    return row;
  }
}
