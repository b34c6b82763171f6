import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Scope, ScopeColumns, scopeSql } from '@spotcheck/auth';
import { CUSTODY_EVENT_COLUMNS, CustodyEventView } from '@spotcheck/database';
import type { CustodyState, SampleStage } from '@spotcheck/domain';

/**
 * Who may trace a sample and what follows from it (its chain, its EPCIS export): regulators of
 * its plan's jurisdiction, admins, the lab it was sent to (and the retest lab), the sampled
 * enterprise and the nominal manufacturer. Over `sample s JOIN sampling_plan p`.
 */
export const TRACE_SAMPLE_SCOPE: ScopeColumns = {
  region: 'p.jurisdiction',
  lab: ['s.lab_id', 's.retest_lab_id'],
  enterprise: ['s.sampled_uscc', 's.manufacturer_uscc'],
};

/** Who may trace an enterprise: regulators of its region, admins, itself. */
const TRACE_ENTERPRISE_SCOPE: ScopeColumns = { region: 'e.region_code', enterprise: 'e.uscc' };

/** Tasks of an enterprise a caller may see: by their plan's jurisdiction, or its own. */
const TRACE_TASK_SCOPE: ScopeColumns = { region: 'p.jurisdiction', enterprise: 't.uscc' };

/** The keys of a sample its trace and its EPCIS export start from. */
export interface SampleHead {
  id: string;
  planId: string;
  taskId: string;
  labId: string;
  retestLabId: string | null;
  gtin: string | null;
  batchNo: string | null;
  placeRegionCode: string;
}

/** The sampling record as the trace shows it. */
export interface TraceSamplingRecord {
  id: string;
  sampleNo: string;
  seq: number;
  category: string;
  stage: SampleStage;
  sampledUscc: string;
  placeRegionCode: string;
  placeAddress: string;
  onlinePlatform: string | null;
  onlineShop: string | null;
  manufacturerName: string;
  manufacturerAddress: string | null;
  manufacturerUscc: string | null;
  productName: string;
  brand: string | null;
  spec: string | null;
  batchNo: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  gtin: string | null;
  testQuantity: string;
  testUnit: string;
  backupQuantity: string;
  backupUnit: string;
  pricePaid: string;
  sealNumbers: string[];
  inspectors: string[];
  representativeName: string;
  representativeTitle: string | null;
  attachments: { sha256: string; name?: string; mediaType?: string }[];
  note: string | null;
  sampledAt: Date;
  samplingDate: string;
  labDueDate: string;
  custodyState: CustodyState;
  arrivedAt: Date | null;
  keepUntil: string | null;
  labId: string;
  retestLabId: string | null;
}

export interface TracePlan {
  id: string;
  code: string;
  title: string;
  level: string;
  jurisdiction: string;
  year: number;
  state: string;
}

export interface TraceDraw {
  id: string;
  algorithmVersion: string;
  commitment: string;
  eligibleDigest: string;
  drawnAt: Date;
}

export interface TraceTask {
  id: string;
  taskNo: number;
  category: string;
  inspectors: string[] | null;
  labId: string | null;
  state: string;
  dueDate: string | null;
  unableReason: string | null;
  violation: boolean;
  stateChangedAt: Date;
}

export interface TraceReassignment {
  slot: number;
  from: string | null;
  to: string;
  reason: string;
  actor: string;
  at: Date;
}

export interface TraceInspector {
  staffNo: string;
  name: string;
  unit: string;
}

export interface TraceLab {
  id: string;
  name: string;
  cmaNo: string;
}

/** An issued version of a report on a sample (the tested lab's, or the retest lab's). */
export interface TraceReport {
  id: string;
  reportNo: string;
  version: number;
  labId: string;
  verdict: 'pass' | 'fail' | 'not_applicable';
  /** Item codes of the failed items. */
  failedItems: string[];
  /** The retest lab's report after an accepted objection: its conclusion is final. */
  retest: boolean;
  issuedAt: Date;
  /**
   * Items the lab judged by the enterprise's declared standard, stricter than the template's
   * limit (docs/rules.md §3.4): flagged for the regulator, with the standard and the limit.
   */
  enterpriseStandardItems: {
    itemCode: string;
    reference: string;
    limit: string;
    templateLimit: string;
  }[];
}

/** The sample's final outcome as the worker keeps it (docs/rules.md §3.6), once a report is issued. */
export interface TraceOutcome {
  outcome: 'pending' | 'pass' | 'fail' | 'excluded';
  basis: string;
  finalOn: string | null;
}

/** The test result a list shows: the latest issued report, the retest's when there is one. */
export interface TraceResult {
  reportNo: string;
  version: number;
  verdict: 'pass' | 'fail' | 'not_applicable';
  failedItems: string[];
  retest: boolean;
}

/** Every issued report version of sample `$1`, in the order they were issued. */
export const ISSUED_REPORTS_SQL = `
  SELECT r.id, r.report_no AS "reportNo", r.version, r.lab_id AS "labId", r.verdict,
         ARRAY(SELECT f ->> 'itemCode' FROM jsonb_array_elements(r.failed_items) f) AS "failedItems",
         r.objection_id IS NOT NULL AS retest, r.issued_at AS "issuedAt",
         ARRAY(SELECT json_build_object('itemCode', i.item_code,
                                        'reference', i.limit_basis ->> 'reference',
                                        'limit', i.limit_text,
                                        'templateLimit', i.limit_basis ->> 'templateLimit')
                 FROM lab_report_item i
                WHERE i.report_id = r.id AND i.limit_basis IS NOT NULL ORDER BY i.seq)
           AS "enterpriseStandardItems"
    FROM lab_report r
   WHERE r.sample_id = $1 AND r.state = 'issued'
   ORDER BY r.issued_at, r.id`;

/** A sample in a list: enough to recognise it and follow it. */
export interface SampleBrief {
  sampleNo: string;
  planCode: string;
  productName: string;
  brand: string | null;
  batchNo: string | null;
  gtin: string | null;
  sampledUscc: string;
  manufacturerName: string;
  manufacturerUscc: string | null;
  samplingDate: string;
  custodyState: CustodyState;
  /** null until a report is issued. */
  result: TraceResult | null;
}

export interface TraceEnterprise {
  uscc: string;
  name: string;
  address: string;
  regionCode: string;
  size: string;
  categories: string[];
  riskClass: string;
  status: string;
  registeredAt: Date;
}

export interface RiskChange {
  from: string;
  to: string;
  changedAt: Date;
  reason: string | null;
  publicationId: string | null;
}

export interface UnableTask {
  planCode: string;
  taskNo: number;
  category: string;
  state: string;
  unableReason: string | null;
  violation: boolean;
  note: string | null;
  at: Date;
}

const SAMPLE_COLUMNS = `
  s.id, s.sample_no AS "sampleNo", s.seq, s.category, s.stage,
  s.sampled_uscc AS "sampledUscc", s.place_region_code AS "placeRegionCode",
  s.place_address AS "placeAddress", s.online_platform AS "onlinePlatform",
  s.online_shop AS "onlineShop", s.manufacturer_name AS "manufacturerName",
  s.manufacturer_address AS "manufacturerAddress", s.manufacturer_uscc AS "manufacturerUscc",
  s.product_name AS "productName", s.brand, s.spec, s.batch_no AS "batchNo",
  to_char(s.production_date, 'YYYY-MM-DD') AS "productionDate",
  to_char(s.expiry_date, 'YYYY-MM-DD') AS "expiryDate", s.gtin,
  s.test_quantity::text AS "testQuantity", s.test_unit AS "testUnit",
  s.backup_quantity::text AS "backupQuantity", s.backup_unit AS "backupUnit",
  s.price_paid::text AS "pricePaid", s.seal_numbers AS "sealNumbers", s.inspectors,
  s.representative_name AS "representativeName", s.representative_title AS "representativeTitle",
  s.attachments, s.note, s.sampled_at AS "sampledAt",
  to_char(s.sampling_date, 'YYYY-MM-DD') AS "samplingDate",
  to_char(s.lab_due_date, 'YYYY-MM-DD') AS "labDueDate", s.custody_state AS "custodyState",
  s.arrived_at AS "arrivedAt", to_char(s.keep_until, 'YYYY-MM-DD') AS "keepUntil",
  s.lab_id AS "labId", s.retest_lab_id AS "retestLabId"`;

const SAMPLE_BRIEF = `
  s.sample_no AS "sampleNo", p.code AS "planCode", s.product_name AS "productName",
  s.brand, s.batch_no AS "batchNo", s.gtin, s.sampled_uscc AS "sampledUscc",
  s.manufacturer_name AS "manufacturerName", s.manufacturer_uscc AS "manufacturerUscc",
  to_char(s.sampling_date, 'YYYY-MM-DD') AS "samplingDate", s.custody_state AS "custodyState",
  (SELECT json_build_object('reportNo', r.report_no, 'version', r.version, 'verdict', r.verdict,
            'failedItems', ARRAY(SELECT f ->> 'itemCode' FROM jsonb_array_elements(r.failed_items) f),
            'retest', r.objection_id IS NOT NULL)
     FROM lab_report r WHERE r.sample_id = s.id AND r.state = 'issued'
    ORDER BY r.objection_id IS NOT NULL DESC, r.issued_at DESC LIMIT 1) AS result`;

/** Search terms of the product trace; at least one is given. */
export interface ProductFilter {
  /** GTIN-14. */
  gtin?: string;
  batch?: string;
  /** Part of the product name. */
  name?: string;
  manufacturerUscc?: string;
  /** Part of the manufacturer's name. */
  manufacturerName?: string;
}

/**
 * The traceability read model (docs/rules.md §3.3): a sample's chain, an enterprise's record and a
 * product's samples, each under the caller's scope. Each query runs on its own pooled
 * connection, so the parts of a chain are read side by side.
 */
@Injectable()
export class TraceQueries {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async sampleHead(scope: Scope, sampleNo: string): Promise<SampleHead | undefined> {
    const params: unknown[] = [sampleNo];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [head] = (await this.ds.query(
      `SELECT s.id, s.plan_id AS "planId", s.task_id AS "taskId", s.lab_id AS "labId",
              s.retest_lab_id AS "retestLabId", s.gtin, s.batch_no AS "batchNo",
              s.place_region_code AS "placeRegionCode"
         FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
        WHERE s.sample_no = $1 AND ${scopeSql(scope, TRACE_SAMPLE_SCOPE, arg)}`,
      params,
    )) as SampleHead[];
    return head;
  }

  async samplingRecord(sampleId: string): Promise<TraceSamplingRecord> {
    const [row] = (await this.ds.query(`SELECT ${SAMPLE_COLUMNS} FROM sample s WHERE s.id = $1`, [
      sampleId,
    ])) as TraceSamplingRecord[];
    return row;
  }

  async plan(planId: string): Promise<TracePlan> {
    const [row] = (await this.ds.query(
      `SELECT id, code, title, level, jurisdiction, year, state FROM sampling_plan WHERE id = $1`,
      [planId],
    )) as TracePlan[];
    return row;
  }

  async draw(planId: string): Promise<TraceDraw | null> {
    const [row] = (await this.ds.query(
      `SELECT d.id, d.algorithm_version AS "algorithmVersion", d.commitment,
              d.eligible_digest AS "eligibleDigest", d.drawn_at AS "drawnAt"
         FROM draw d WHERE d.plan_id = $1`,
      [planId],
    )) as TraceDraw[];
    return row ?? null;
  }

  async task(taskId: string): Promise<TraceTask> {
    const [row] = (await this.ds.query(
      `SELECT id, task_no AS "taskNo", category, inspectors, lab_id AS "labId", state,
              to_char(due_date, 'YYYY-MM-DD') AS "dueDate", unable_reason AS "unableReason",
              violation, state_changed_at AS "stateChangedAt"
         FROM inspection_task WHERE id = $1`,
      [taskId],
    )) as TraceTask[];
    return row;
  }

  reassignments(taskId: string): Promise<TraceReassignment[]> {
    return this.ds.query(
      `SELECT slot, old_staff_no AS "from", new_staff_no AS "to", reason, actor, at
         FROM task_reassignment WHERE task_id = $1 ORDER BY id`,
      [taskId],
    ) as Promise<TraceReassignment[]>;
  }

  /** The inspectors who signed the sampling record, in the record's order. */
  inspectors(sampleId: string): Promise<TraceInspector[]> {
    return this.ds.query(
      `SELECT i.staff_no AS "staffNo", i.name, i.unit
         FROM sample s JOIN inspector i ON i.staff_no = ANY(s.inspectors)
        WHERE s.id = $1 ORDER BY array_position(s.inspectors, i.staff_no)`,
      [sampleId],
    ) as Promise<TraceInspector[]>;
  }

  custody(sampleId: string): Promise<CustodyEventView[]> {
    return this.ds.query(
      `SELECT ${CUSTODY_EVENT_COLUMNS} FROM custody_event WHERE sample_id = $1 ORDER BY seq`,
      [sampleId],
    ) as Promise<CustodyEventView[]>;
  }

  reports(sampleId: string): Promise<TraceReport[]> {
    return this.ds.query(ISSUED_REPORTS_SQL, [sampleId]) as Promise<TraceReport[]>;
  }

  async outcome(sampleId: string): Promise<TraceOutcome | null> {
    const [row] = (await this.ds.query(
      `SELECT outcome, basis, to_char(final_on, 'YYYY-MM-DD') AS "finalOn"
         FROM sample_outcome WHERE sample_id = $1`,
      [sampleId],
    )) as TraceOutcome[];
    return row ?? null;
  }

  labs(ids: string[]): Promise<TraceLab[]> {
    return this.ds.query(`SELECT id, name, cma_no AS "cmaNo" FROM lab WHERE id = ANY($1::uuid[])`, [
      ids,
    ]) as Promise<TraceLab[]>;
  }

  async enterprise(scope: Scope, uscc: string): Promise<TraceEnterprise | undefined> {
    const params: unknown[] = [uscc];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await this.ds.query(
      `SELECT e.uscc, e.name, e.address, e.region_code AS "regionCode", e.size, e.categories,
              e.risk_class AS "riskClass", e.status, e.created_at AS "registeredAt"
         FROM enterprise e WHERE e.uscc = $1 AND ${scopeSql(scope, TRACE_ENTERPRISE_SCOPE, arg)}`,
      params,
    )) as TraceEnterprise[];
    return row;
  }

  /**
   * The enterprise's samples in `scope`, as sampled enterprise or as manufacturer, newest
   * first, before the sample number `before`: both roles through their own index, merged.
   */
  enterpriseSamples(
    scope: Scope,
    uscc: string,
    before: string | undefined,
    limit: number,
  ): Promise<(SampleBrief & { role: 'sampled' | 'manufacturer' })[]> {
    const params: unknown[] = [uscc];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const visible = scopeSql(scope, TRACE_SAMPLE_SCOPE, arg);
    const after = before === undefined ? '' : `AND s.sample_no < ${arg(before)}`;
    const n = arg(limit);
    return this.ds.query(
      `SELECT ${SAMPLE_BRIEF},
              CASE WHEN s.sampled_uscc = $1 THEN 'sampled' ELSE 'manufacturer' END AS role
         FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
        WHERE s.id IN (
                (SELECT s.id FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
                  WHERE s.sampled_uscc = $1 AND ${visible} ${after}
                  ORDER BY s.sample_no DESC LIMIT ${n})
                UNION
                (SELECT s.id FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
                  WHERE s.manufacturer_uscc = $1 AND ${visible} ${after}
                  ORDER BY s.sample_no DESC LIMIT ${n}))
        ORDER BY s.sample_no DESC LIMIT ${n}`,
      params,
    ) as Promise<(SampleBrief & { role: 'sampled' | 'manufacturer' })[]>;
  }

  riskChanges(uscc: string): Promise<RiskChange[]> {
    return this.ds.query(
      `SELECT from_class AS "from", to_class AS "to", changed_at AS "changedAt", reason,
              publication_id AS "publicationId"
         FROM enterprise_risk_change WHERE uscc = $1 ORDER BY changed_at, id`,
      [uscc],
    ) as Promise<RiskChange[]>;
  }

  /** Tasks that ended without a sample: refusals (violations), closed, no product. */
  unableTasks(scope: Scope, uscc: string): Promise<UnableTask[]> {
    const params: unknown[] = [uscc];
    const arg = (v: unknown) => `$${params.push(v)}`;
    return this.ds.query(
      `SELECT p.code AS "planCode", t.task_no AS "taskNo", t.category, t.state,
              t.unable_reason AS "unableReason", t.violation, t.note,
              t.state_changed_at AS "at"
         FROM inspection_task t JOIN sampling_plan p ON p.id = t.plan_id
        WHERE t.uscc = $1 AND t.state = 'unable_to_sample'
          AND ${scopeSql(scope, TRACE_TASK_SCOPE, arg)}
        ORDER BY t.state_changed_at DESC`,
      params,
    ) as Promise<UnableTask[]>;
  }

  /** Up to `limit` samples of a product in `scope`, newest first. */
  productSamples(scope: Scope, f: ProductFilter, limit: number): Promise<SampleBrief[]> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    if (f.gtin !== undefined) where.push(`s.gtin = ${arg(f.gtin)}`);
    if (f.batch !== undefined) where.push(`s.batch_no = ${arg(f.batch)}`);
    if (f.name !== undefined)
      where.push(`s.product_name ILIKE ${arg(`%${likeEscape(f.name)}%`)} ESCAPE '\\'`);
    if (f.manufacturerUscc !== undefined)
      where.push(`s.manufacturer_uscc = ${arg(f.manufacturerUscc)}`);
    if (f.manufacturerName !== undefined)
      where.push(
        `s.manufacturer_name ILIKE ${arg(`%${likeEscape(f.manufacturerName)}%`)} ESCAPE '\\'`,
      );
    where.push(scopeSql(scope, TRACE_SAMPLE_SCOPE, arg));
    return this.ds.query(
      `SELECT ${SAMPLE_BRIEF}
         FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
        WHERE ${where.join(' AND ')}
        ORDER BY s.sample_no DESC LIMIT ${arg(limit)}`,
      params,
    ) as Promise<SampleBrief[]>;
  }
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, '\\$&');
}
