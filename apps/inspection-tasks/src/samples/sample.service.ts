import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, scopePrefix } from '@spotcheck/auth';
import { AppException, AuditEntry, Page, conflict, invalid, notFound } from '@spotcheck/common';
import {
  AppendedCustodyEvent,
  CUSTODY_EVENT_COLUMNS,
  CUSTODY_SAMPLE_COLUMNS,
  CustodyEventView,
  CustodySampleRow,
  Sample,
  WorkCalendarService,
  appendCustodyEvent,
  insertCustodyEvent,
} from '@spotcheck/database';
import {
  CUSTODY_RECORDER,
  allowedCustodyKinds,
  decodeCursor,
  encodeCursor,
  formatSampleNo,
  samplingRecordTaskProblems,
  toGtin14,
  transitionCustody,
  validateGtin,
  validateSamplingRecord,
} from '@spotcheck/domain';
import type { CustodyKind, CustodyState, SampleStage } from '@spotcheck/domain';
import { TaskService } from '../tasks/task.service';
import { AppendCustodyDto, CreateSampleDto, SampleQuery } from './sample.dto';

/** Food rules (DESIGN §3.3): a sample reaches its lab within 5 working days of sampling. */
export const LAB_WORKING_DAYS = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTITY = 'sample';
/** Longer than any sample number (plan codes are at most 64 characters). */
const MAX_SAMPLE_NO = 80;
/**
 * China keeps one civil time: a sample is overdue once its due date has passed in Beijing and it
 * has not reached its lab. Never null (lab_due_date is not), and written so that the partial
 * index on lab_due_date over samples not yet arrived serves `overdue=true`.
 */
const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;
const OVERDUE = `(s.arrived_at IS NULL AND s.lab_due_date < ${TODAY})`;

/** A sample as the API shows it: the sampling record and where its custody stands. */
export interface SampleView {
  id: string;
  sampleNo: string;
  planId: string;
  planCode: string;
  seq: number;
  taskId: string;
  category: string;
  stage: SampleStage;
  labId: string;
  retestLabId: string | null;
  sampledEnterprise: { uscc: string; name: string };
  place: { regionCode: string; address: string };
  online: { platform: string; shopName: string } | null;
  manufacturer: { name: string; address: string | null; uscc: string | null };
  product: {
    name: string;
    brand: string | null;
    spec: string | null;
    batch: string | null;
    productionDate: string | null;
    expiryDate: string | null;
    gtin: string | null;
  };
  testPortion: { quantity: string; unit: string };
  backupPortion: { quantity: string; unit: string };
  pricePaid: string;
  sealNumbers: string[];
  inspectors: string[];
  representative: { name: string; title: string | null };
  attachments: { sha256: string; name?: string; mediaType?: string }[];
  note: string | null;
  sampledAt: Date;
  samplingDate: string;
  labDueDate: string;
  /** Not at its lab and past its due date (Beijing time). */
  overdue: boolean;
  /** When it first reached its lab (received or rejected there); null before. */
  arrivedAt: Date | null;
  /** It reached its lab after the due date. */
  arrivedLate: boolean;
  custodyState: CustodyState;
  /** The custody events that may follow now. */
  allowedCustodyKinds: readonly CustodyKind[];
  keepUntil: string | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

export interface SampleDetail extends SampleView {
  /** Every custody event, in order. */
  custody: CustodyEventView[];
}

interface SampleRow {
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
  attachments: SampleView['attachments'];
  note: string | null;
  sampled_at: Date;
  sampling_date: string;
  lab_due_date: string;
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
         ${OVERDUE} AS overdue, s.arrived_at,
         coalesce((s.arrived_at AT TIME ZONE 'Asia/Shanghai')::date > s.lab_due_date, false)
           AS arrived_late,
         s.custody_state, s.custody_seq, s.custody_at, s.keep_until::text AS keep_until,
         s.created_at, s.created_by, s.updated_at
    FROM sample s
    JOIN sampling_plan p ON p.id = s.plan_id
    JOIN enterprise e ON e.uscc = s.sampled_uscc`;

/**
 * Sampling records (抽样单) and custody (样品流转), issue 4.
 *
 * Who sees a sample: regulators whose jurisdiction holds the plan's, admins, and the lab the
 * sample is assigned to (or was sent to for a retest); anyone else gets 404, as for a sample
 * that does not exist. Enterprises: 403 (their own results come with issue 5).
 *
 * The sampling record is written inside the task's own state change (TaskService
 * .sampledWithin): one transaction takes the plan's and the task's locks, checks both state
 * machines, numbers the sample, writes it and its first custody events, moves the task (and
 * a drawn plan) on, and audits it all. Custody events lock the sample's row, so appends to one
 * sample are serialised and numbered without gaps.
 */
@Injectable()
export class SampleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tasks: TaskService,
    private readonly calendar: WorkCalendarService,
  ) {}

  /**
   * The SQL condition restricting samples (`s`, joined to their plan `p`) to what the caller
   * may see, its parameters added through `arg`; 403 for a role that sees no sample.
   */
  private visible(p: Principal, arg: (v: unknown) => string): string {
    if (p.role === 'lab') {
      // A token's org is any string; one that is no lab id matches nothing (not a 500).
      if (!p.org || !UUID.test(p.org)) return 'false';
      const org = arg(p.org);
      return `(s.lab_id = ${org}::uuid OR s.retest_lab_id = ${org}::uuid)`;
    }
    const prefix = scopePrefix(p);
    if (prefix === null)
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `role ${p.role} may not read sampling records`,
      );
    return prefix ? `p.jurisdiction LIKE ${arg(`${prefix}%`)}` : 'true';
  }

  /**
   * Records the sampling of an assigned task: the sample, its first custody events, the task
   * moving to sampled. By one of the task's two inspectors (a regulator token whose staffNo is
   * in the pair) or an admin. Answers, in this order: 400 for a record that is wrong on its
   * face; 404 outside the caller's jurisdiction; 409 when the plan or the task is past
   * sampling (ILLEGAL_PLAN_STATE, ILLEGAL_TASK_STATE) or the task lacks a pair or a lab
   * (TASK_UNASSIGNED); 403 NOT_TASK_INSPECTOR for anyone but the pair; 400 when the record
   * does not fit the task (signing inspectors, stage, sampled before the draw).
   *
   * With seal numbers the sample is also recorded as sealed, at the same time and place, so a
   * sample sealed on the spot (the usual case) needs no second call.
   */
  async record(p: Principal, taskId: string, dto: CreateSampleDto): Promise<SampleDetail> {
    const checked = validateSamplingRecord(dto, new Date());
    if (!checked.ok) throw invalid(checked.problems);
    const { sampledAt, samplingDate, gtin14 } = checked.record;
    // Outside the transaction: the calendar may load from the database.
    const due = await this.calendar.workingDayDeadline(samplingDate, LAB_WORKING_DAYS);

    return this.ds.transaction(async (m) => {
      let sampleNo = '';
      await this.tasks.sampledWithin(m, p, taskId, async (m, task, plan) => {
        if (!task.inspectors || !task.labId)
          throw conflict(
            'TASK_UNASSIGNED',
            task.inspectors
              ? 'the task has no lab to send a sample to (the draw found none with capacity)'
              : 'the task has no inspector pair: give it one (POST /tasks/:id/reassign) first',
            { currentState: task.state, missing: task.inspectors ? 'lab' : 'inspectors' },
          );
        if (p.role === 'regulator' && !task.inspectors.includes(p.staffNo as string))
          throw new AppException(
            HttpStatus.FORBIDDEN,
            'NOT_TASK_INSPECTOR',
            `only the task's inspectors (${task.inspectors.join(', ')}) record its sampling; ${
              p.staffNo
                ? `your token names ${p.staffNo}`
                : 'your token names no inspector (no staffNo claim)'
            }`,
          );
        const [draw] = (await m.query(`SELECT drawn_at AS "drawnAt" FROM draw WHERE id = $1`, [
          task.drawId,
        ])) as { drawnAt: Date }[];
        const problems = samplingRecordTaskProblems(dto, sampledAt, {
          pair: task.inspectors,
          planStages: plan.stages,
          drawnAt: draw.drawnAt,
        });
        if (problems.length) throw invalid(problems);

        // One counter row per plan: numbers without gaps, taken after the plan and task locks.
        const [{ seq }] = (await m.query(
          `INSERT INTO sample_sequence AS q (plan_id, last_seq) VALUES ($1, 1)
           ON CONFLICT (plan_id) DO UPDATE SET last_seq = q.last_seq + 1
           RETURNING last_seq AS seq`,
          [plan.id],
        )) as { seq: number }[];
        sampleNo = formatSampleNo(plan.code, seq);
        const seals = dto.sealNumbers ?? [];
        const kinds: CustodyKind[] = seals.length ? ['sampled', 'sealed'] : ['sampled'];
        const states: CustodyState[] = [];
        let state: CustodyState | null = null;
        for (const k of kinds) {
          const t = transitionCustody(state, k);
          if (!t.ok) throw new Error(t.error.message); // the graph starts sampled → sealed
          states.push((state = t.state));
        }

        const { identifiers } = await m.insert(Sample, {
          sampleNo,
          planId: plan.id,
          seq,
          taskId: task.id,
          category: task.category,
          labId: task.labId,
          retestLabId: null,
          stage: dto.stage,
          sampledUscc: task.uscc,
          placeRegionCode: dto.place.regionCode,
          placeAddress: dto.place.address,
          onlinePlatform: dto.online?.platform ?? null,
          onlineShop: dto.online?.shopName ?? null,
          manufacturerName: dto.manufacturer.name,
          manufacturerAddress: dto.manufacturer.address ?? null,
          manufacturerUscc: dto.manufacturer.uscc ?? null,
          productName: dto.productName,
          brand: dto.brand ?? null,
          spec: dto.spec ?? null,
          batchNo: dto.batch ?? null,
          productionDate: dto.productionDate ?? null,
          expiryDate: dto.expiryDate ?? null,
          gtin: gtin14,
          testQuantity: dto.testPortion.quantity,
          testUnit: dto.testPortion.unit,
          backupQuantity: dto.backupPortion.quantity,
          backupUnit: dto.backupPortion.unit,
          pricePaid: dto.pricePaid,
          sealNumbers: seals,
          inspectors: dto.inspectors,
          representativeName: dto.representative.name,
          representativeTitle: dto.representative.title ?? null,
          attachments: (dto.attachments ?? []).map((a) => ({
            sha256: a.sha256,
            ...(a.name !== undefined ? { name: a.name } : {}),
            ...(a.mediaType !== undefined ? { mediaType: a.mediaType } : {}),
          })),
          note: dto.note ?? null,
          sampledAt,
          samplingDate,
          labDueDate: due.deadline,
          custodyState: state as CustodyState,
          custodySeq: kinds.length,
          custodyAt: sampledAt,
          arrivedAt: null,
          keepUntil: null,
          createdBy: p.sub,
        });
        const sampleId = (identifiers[0] as { id: string }).id;
        const events = kinds.map((kind, i) => ({
          sampleId,
          seq: i + 1,
          kind,
          stateAfter: states[i],
          occurredAt: sampledAt,
          actor: p.sub,
          actorRole: p.role,
          actorOrg: p.org ?? null,
          actorStaffNo: p.staffNo ?? null,
          regionCode: dto.place.regionCode,
          address: dto.place.address,
          note: null,
          detail: kind === 'sealed' ? { sealNumbers: seals } : {},
        }));
        for (const e of events) await insertCustodyEvent(m, e);
        const after = await m.findOneByOrFail(Sample, { id: sampleId });
        const audit: AuditEntry[] = [
          {
            action: 'create',
            entityType: ENTITY,
            entityId: sampleId,
            after,
            detail: {
              sampleNo,
              taskId: task.id,
              samplingDate,
              labDueDate: due.deadline,
              labDueDateCovered: due.covered,
            },
          },
          ...events.map((e, i) => ({
            action: 'custody',
            entityType: ENTITY,
            entityId: sampleId,
            detail: {
              sampleNo,
              seq: e.seq,
              kind: e.kind,
              from: i === 0 ? null : states[i - 1],
              to: e.stateAfter,
              occurredAt: sampledAt.toISOString(),
            },
          })),
        ];
        return { detail: { sampleNo }, audit };
      });
      return this.detail(m, p, sampleNo);
    });
  }

  list(p: Principal, q: SampleQuery): Promise<Page<SampleView>> {
    return this.page(p, q);
  }

  async get(p: Principal, sampleNo: string): Promise<SampleDetail> {
    return this.detail(this.ds.manager, p, sampleNo);
  }

  /** The custody events of a sample, in order. */
  async custody(p: Principal, sampleNo: string): Promise<CustodyEventView[]> {
    const s = await this.find(this.ds.manager, p, sampleNo);
    return this.events(this.ds.manager, s.id);
  }

  /**
   * Appends one custody event: 403 when the caller's side does not record this kind (or the
   * sample is with the other lab), 409 ILLEGAL_CUSTODY_STATE when it may not follow the
   * current state (409 BACKUP_RETAINED for a backup leaving before its keep-until date), 400
   * for a time in the future or before the previous event, or a detail that does not fit.
   */
  async append(
    p: Principal,
    sampleNo: string,
    dto: AppendCustodyDto,
  ): Promise<AppendedCustodyEvent> {
    const recorder = CUSTODY_RECORDER[dto.kind];
    if (recorder === 'lab' && p.role !== 'lab')
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `${dto.kind} is recorded by the lab that holds the sample`,
      );
    if (recorder !== 'lab' && p.role === 'lab')
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `${dto.kind} is recorded by the inspectors' side (regulators, admins), not by a lab`,
      );
    return this.ds.transaction(async (m) => {
      const before = await this.find(m, p, sampleNo, true);
      // The assigned lab's receipt (or refusal) is the lab-results service's: it records the
      // sample's condition and seal and starts the test deadline, which a report needs. Here
      // only the retest lab's, which has none of that yet.
      if (
        (dto.kind === 'received' || dto.kind === 'rejected_at_receipt') &&
        before.custodyState !== 'retest_in_transit'
      )
        throw conflict(
          'USE_LAB_RECEIPT',
          `the lab records the sample's ${dto.kind === 'received' ? 'receipt' : 'refusal'} at POST /api/v1/lab/samples/${before.sampleNo}/${dto.kind === 'received' ? 'receipt' : 'rejection'} (lab-results), with its condition and seal`,
          { currentState: before.custodyState },
        );
      return appendCustodyEvent(m, p, before, dto);
    });
  }

  /**
   * The sample's keys and custody columns, 404 when `p` may not see it; locked for update when
   * the caller is about to append to its custody.
   */
  private async find(
    m: EntityManager,
    p: Principal,
    sampleNo: string,
    lock = false,
  ): Promise<CustodySampleRow> {
    if (!isSampleNoShape(sampleNo)) throw notFound('sample', sampleNo);
    const params: unknown[] = [sampleNo];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `SELECT ${CUSTODY_SAMPLE_COLUMNS}
         FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
        WHERE s.sample_no = $1 AND ${this.visible(p, arg)}
        ${lock ? 'FOR UPDATE OF s' : ''}`,
      params,
    )) as CustodySampleRow[];
    if (!row) throw notFound('sample', sampleNo);
    return row;
  }

  private async detail(m: EntityManager, p: Principal, sampleNo: string): Promise<SampleDetail> {
    if (!isSampleNoShape(sampleNo)) throw notFound('sample', sampleNo);
    const params: unknown[] = [sampleNo];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `${VIEW} WHERE s.sample_no = $1 AND ${this.visible(p, arg)}`,
      params,
    )) as SampleRow[];
    if (!row) throw notFound('sample', sampleNo);
    return { ...view(row), custody: await this.events(m, row.id) };
  }

  private events(m: EntityManager, sampleId: string): Promise<CustodyEventView[]> {
    return m.query(
      `SELECT ${CUSTODY_EVENT_COLUMNS} FROM custody_event WHERE sample_id = $1 ORDER BY seq`,
      [sampleId],
    ) as Promise<CustodyEventView[]>;
  }

  private async page(p: Principal, q: SampleQuery): Promise<Page<SampleView>> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [this.visible(p, arg)];
    if (q.planId !== undefined) where.push(`s.plan_id = ${arg(q.planId)}`);
    if (q.state !== undefined) where.push(`s.custody_state = ${arg(q.state)}`);
    if (q.overdue !== undefined) where.push(q.overdue ? OVERDUE : `NOT ${OVERDUE}`);
    if (q.uscc !== undefined) where.push(`s.sampled_uscc = ${arg(q.uscc)}`);
    if (q.manufacturerUscc !== undefined)
      where.push(`s.manufacturer_uscc = ${arg(q.manufacturerUscc)}`);
    if (q.gtin !== undefined) {
      const v = validateGtin(q.gtin);
      if (!v.ok) throw invalid([{ field: 'gtin', reason: v.reason }]);
      where.push(`s.gtin = ${arg(toGtin14(q.gtin))}`);
    }
    if (q.batch !== undefined) where.push(`s.batch_no = ${arg(q.batch)}`);
    if (q.labId !== undefined) where.push(`s.lab_id = ${arg(q.labId)}`);
    if (q.stage !== undefined) where.push(`s.stage = ${arg(q.stage)}`);
    if (q.cursor !== undefined) {
      const after = decodeCursor(q.cursor);
      const [last] = after ?? [];
      if (after?.length !== 1 || !isSampleNoShape(last))
        throw invalid([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      where.push(`s.sample_no > ${arg(last)}`);
    }
    // sample_no is unique and in the "C" collation: a total order its index serves.
    const rows = (await this.ds.query(
      `${VIEW} WHERE ${where.join(' AND ')} ORDER BY s.sample_no LIMIT ${arg(q.limit + 1)}`,
      params,
    )) as SampleRow[];
    const more = rows.length > q.limit;
    const items = (more ? rows.slice(0, q.limit) : rows).map(view);
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.sampleNo]) : null };
  }
}

/** Could be a sample number: a string, not too long, without NUL (which PostgreSQL refuses). */
function isSampleNoShape(s: unknown): s is string {
  return (
    typeof s === 'string' && s.length > 0 && s.length <= MAX_SAMPLE_NO && !s.includes('\u0000')
  );
}

function view(r: SampleRow): SampleView {
  return {
    id: r.id,
    sampleNo: r.sample_no,
    planId: r.plan_id,
    planCode: r.plan_code,
    seq: r.seq,
    taskId: r.task_id,
    category: r.category,
    stage: r.stage,
    labId: r.lab_id,
    retestLabId: r.retest_lab_id,
    sampledEnterprise: { uscc: r.sampled_uscc, name: r.enterprise_name },
    place: { regionCode: r.place_region_code, address: r.place_address },
    online:
      r.online_platform !== null
        ? { platform: r.online_platform, shopName: r.online_shop as string }
        : null,
    manufacturer: {
      name: r.manufacturer_name,
      address: r.manufacturer_address,
      uscc: r.manufacturer_uscc,
    },
    product: {
      name: r.product_name,
      brand: r.brand,
      spec: r.spec,
      batch: r.batch_no,
      productionDate: r.production_date,
      expiryDate: r.expiry_date,
      gtin: r.gtin,
    },
    testPortion: { quantity: r.test_quantity, unit: r.test_unit },
    backupPortion: { quantity: r.backup_quantity, unit: r.backup_unit },
    pricePaid: r.price_paid,
    sealNumbers: r.seal_numbers,
    inspectors: r.inspectors,
    representative: { name: r.representative_name, title: r.representative_title },
    attachments: r.attachments,
    note: r.note,
    sampledAt: r.sampled_at,
    samplingDate: r.sampling_date,
    labDueDate: r.lab_due_date,
    overdue: r.overdue,
    arrivedAt: r.arrived_at,
    arrivedLate: r.arrived_late,
    custodyState: r.custody_state,
    allowedCustodyKinds: allowedCustodyKinds(r.custody_state),
    keepUntil: r.keep_until,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
  };
}
