import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Scope, ScopeColumns, scopeSql } from '@spotcheck/auth';
import {
  CUSTODY_SAMPLE_COLUMNS,
  CustodySampleRow,
  Sample,
  lateSql,
  overdueSql,
} from '@spotcheck/database';
import type { CustodyState, RuleRef, SampleStage, Sector } from '@spotcheck/domain';

/**
 * Who sees a sample: regulators whose jurisdiction holds its plan's, admins, and the lab it
 * was sent to (or to for a retest). Over `sample s JOIN sampling_plan p`.
 */
export const SAMPLE_SCOPE: ScopeColumns = {
  region: 'p.jurisdiction',
  lab: ['s.lab_id', 's.retest_lab_id'],
};

/** Not yet at its lab and past its due date (domain `isOverdue`). */
const OVERDUE = overdueSql('s.lab_due_date', 's.arrived_at IS NULL');

/** A sample row as the API's views are built from it. */
export interface SampleRow {
  id: string;
  sample_no: string;
  plan_id: string;
  plan_code: string;
  seq: number;
  task_id: string;
  category: string;
  stage: SampleStage;
  lab_id: string;
  retest_lab_id: string | null;
  sampled_uscc: string;
  enterprise_name: string;
  place_region_code: string;
  place_address: string;
  online_platform: string | null;
  online_shop: string | null;
  manufacturer_name: string;
  manufacturer_address: string | null;
  manufacturer_uscc: string | null;
  product_name: string;
  brand: string | null;
  spec: string | null;
  batch_no: string | null;
  production_date: string | null;
  expiry_date: string | null;
  gtin: string | null;
  test_quantity: string;
  test_unit: string;
  backup_quantity: string;
  backup_unit: string;
  price_paid: string;
  seal_numbers: string[];
  inspectors: string[];
  representative_name: string;
  representative_title: string | null;
  attachments: { sha256: string; name?: string; mediaType?: string }[];
  note: string | null;
  sampled_at: Date;
  sampling_date: string;
  lab_due_date: string;
  lab_due_rule: RuleRef | null;
  overdue: boolean;
  arrived_at: Date | null;
  arrived_late: boolean;
  custody_state: CustodyState;
  custody_seq: number;
  custody_at: Date;
  keep_until: string | null;
  created_at: Date;
  created_by: string;
  updated_at: Date;
}

// Dates as text: node-postgres would turn a `date` into a JS Date at local midnight.
const VIEW = `
  SELECT s.id, s.sample_no, s.plan_id, p.code AS plan_code, s.seq, s.task_id, s.category,
         s.stage, s.lab_id, s.retest_lab_id, s.sampled_uscc, e.name AS enterprise_name,
         s.place_region_code, s.place_address, s.online_platform, s.online_shop,
         s.manufacturer_name, s.manufacturer_address, s.manufacturer_uscc, s.product_name,
         s.brand, s.spec, s.batch_no, s.production_date::text AS production_date,
         s.expiry_date::text AS expiry_date, s.gtin, s.test_quantity::text AS test_quantity,
         s.test_unit, s.backup_quantity::text AS backup_quantity, s.backup_unit,
         s.price_paid::text AS price_paid, s.seal_numbers, s.inspectors, s.representative_name,
         s.representative_title, s.attachments, s.note, s.sampled_at,
         s.sampling_date::text AS sampling_date, s.lab_due_date::text AS lab_due_date,
         s.lab_due_rule,
         ${OVERDUE} AS overdue, s.arrived_at,
         ${lateSql('s.lab_due_date', 's.arrived_at')} AS arrived_late,
         s.custody_state, s.custody_seq, s.custody_at, s.keep_until::text AS keep_until,
         s.created_at, s.created_by, s.updated_at
    FROM sample s
    JOIN sampling_plan p ON p.id = s.plan_id
    JOIN enterprise e ON e.uscc = s.sampled_uscc`;

/** Filters of the sample list; values already checked and normalised by the service. */
export interface SampleFilter {
  planId?: string;
  state?: CustodyState;
  overdue?: boolean;
  uscc?: string;
  manufacturerUscc?: string;
  /** GTIN-14. */
  gtin?: string;
  batch?: string;
  labId?: string;
  stage?: SampleStage;
  /** The last sample number of the previous page. */
  after?: string;
}

export type NewSample = Omit<Sample, 'id' | 'createdAt' | 'updatedAt'>;

/** The SQL of sampling records (抽样单): the `sample` row and its plan's counter. */
@Injectable()
export class SampleRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async drawnAt(m: EntityManager, drawId: string): Promise<Date> {
    const [draw] = (await m.query(`SELECT drawn_at AS "drawnAt" FROM draw WHERE id = $1`, [
      drawId,
    ])) as { drawnAt: Date }[];
    return draw.drawnAt;
  }

  /**
   * The plan's next sequence number: one counter row per plan, so numbers have no gaps.
   * Call after taking the plan's lock.
   */
  async nextSeq(m: EntityManager, planId: string): Promise<number> {
    const [{ seq }] = (await m.query(
      `INSERT INTO sample_sequence AS q (plan_id, last_seq) VALUES ($1, 1)
       ON CONFLICT (plan_id) DO UPDATE SET last_seq = q.last_seq + 1
       RETURNING last_seq AS seq`,
      [planId],
    )) as { seq: number }[];
    return seq;
  }

  /** The sector of a category (its rules set the sample's deadlines). */
  async sectorOf(m: EntityManager, category: string): Promise<Sector> {
    const [row] = (await m.query(`SELECT sector FROM product_category WHERE code = $1`, [
      category,
    ])) as { sector: Sector }[];
    return row.sector;
  }

  async insert(m: EntityManager, s: NewSample): Promise<string> {
    const { identifiers } = await m.insert(Sample, s);
    return (identifiers[0] as { id: string }).id;
  }

  row(m: EntityManager, id: string): Promise<Sample> {
    return m.findOneByOrFail(Sample, { id });
  }

  /**
   * The sample's keys and custody columns when it lies in `scope`; locked for update when the
   * caller is about to append to its custody.
   */
  async forCustody(
    m: EntityManager,
    scope: Scope,
    sampleNo: string,
    lock = false,
  ): Promise<CustodySampleRow | undefined> {
    const params: unknown[] = [sampleNo];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `SELECT ${CUSTODY_SAMPLE_COLUMNS}
         FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
        WHERE s.sample_no = $1 AND ${scopeSql(scope, SAMPLE_SCOPE, arg)}
        ${lock ? 'FOR UPDATE OF s' : ''}`,
      params,
    )) as CustodySampleRow[];
    return row;
  }

  async view(m: EntityManager, scope: Scope, sampleNo: string): Promise<SampleRow | undefined> {
    const params: unknown[] = [sampleNo];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `${VIEW} WHERE s.sample_no = $1 AND ${scopeSql(scope, SAMPLE_SCOPE, arg)}`,
      params,
    )) as SampleRow[];
    return row;
  }

  /** Up to `limit` samples in sample-number order after `f.after`. */
  list(scope: Scope, f: SampleFilter, limit: number): Promise<SampleRow[]> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [scopeSql(scope, SAMPLE_SCOPE, arg)];
    if (f.planId !== undefined) where.push(`s.plan_id = ${arg(f.planId)}`);
    if (f.state !== undefined) where.push(`s.custody_state = ${arg(f.state)}`);
    if (f.overdue !== undefined) where.push(f.overdue ? OVERDUE : `NOT ${OVERDUE}`);
    if (f.uscc !== undefined) where.push(`s.sampled_uscc = ${arg(f.uscc)}`);
    if (f.manufacturerUscc !== undefined)
      where.push(`s.manufacturer_uscc = ${arg(f.manufacturerUscc)}`);
    if (f.gtin !== undefined) where.push(`s.gtin = ${arg(f.gtin)}`);
    if (f.batch !== undefined) where.push(`s.batch_no = ${arg(f.batch)}`);
    if (f.labId !== undefined) where.push(`s.lab_id = ${arg(f.labId)}`);
    if (f.stage !== undefined) where.push(`s.stage = ${arg(f.stage)}`);
    if (f.after !== undefined) where.push(`s.sample_no > ${arg(f.after)}`);
    // sample_no is unique and in the "C" collation: a total order its index serves.
    return this.ds.query(
      `${VIEW} WHERE ${where.join(' AND ')} ORDER BY s.sample_no LIMIT ${arg(limit)}`,
      params,
    ) as Promise<SampleRow[]>;
  }
}
