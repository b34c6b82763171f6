import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Scope, scopeOf } from '@spotcheck/auth';
import { AuditEntry, Page } from '@spotcheck/common';
import {
  AppendedCustodyEvent,
  CustodyEventView,
  CustodyRepository,
  CustodySampleRow,
  SectorRuleService,
  WorkCalendarService,
  appendCustodyEvent,
} from '@spotcheck/database';
import {
  CUSTODY_RECORDER,
  allowedCustodyKinds,
  conflictError,
  decodeCursor,
  encodeCursor,
  forbiddenError,
  formatSampleNo,
  invalidError,
  isSampleNoShape,
  notFoundError,
  ruleDeadline,
  samplingRecordTaskProblems,
  toGtin14,
  transitionCustody,
  validateGtin,
  validateSamplingRecord,
} from '@spotcheck/domain';
import type { CustodyKind, CustodyState, RuleRef, SampleStage } from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { TaskService } from '../tasks/task.service';
import { AppendCustodyDto, CreateSampleDto, SampleQuery } from './sample.dto';
import { SampleRepository, SampleRow } from './sample.repository';

const ENTITY = 'sample';
const RESOURCE = 'sampling records';

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
  /** The sector rule the lab due date came from. */
  labDueRule: RuleRef | null;
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

/**
 * Sampling records (抽样单) and custody (样品流转).
 *
 * Who sees a sample: regulators whose jurisdiction holds the plan's, admins, and the lab the
 * sample is assigned to (or was sent to for a retest); anyone else gets 404, as for a sample
 * that does not exist. Enterprises: 403 (they read their results as result notices).
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
    private readonly rules: SectorRuleService,
    private readonly samples: SampleRepository,
    private readonly custodyEvents: CustodyRepository,
  ) {}

  /**
   * Records the sampling of an assigned task: the sample, its first custody events, the task
   * moving to sampled. By one of the task's two inspectors (a regulator token whose staffNo is
   * in the pair). Answers, in this order: 400 for a record that is wrong on its
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
    if (!checked.ok) throw invalidError(checked.problems);
    const { sampledAt, samplingDate, gtin14 } = checked.record;
    // Outside the transaction: the calendar and the rules may load from the database.
    const calendar = await this.calendar.calendar();
    const rules = await this.rules.all();

    return this.ds.transaction(async (m) => {
      let sampleNo = '';
      await this.tasks.sampledWithin(m, p, taskId, async (m, task, plan) => {
        if (!task.inspectors || !task.labId)
          throw conflictError(
            'TASK_UNASSIGNED',
            task.inspectors
              ? 'the task has no lab to send a sample to (the draw found none with capacity)'
              : 'the task has no inspector pair: give it one (POST /tasks/:id/reassign) first',
            { currentState: task.state, missing: task.inspectors ? 'lab' : 'inspectors' },
          );
        if (p.role === 'regulator' && !task.inspectors.includes(p.staffNo as string))
          throw forbiddenError(
            `only the task's inspectors (${task.inspectors.join(', ')}) record its sampling; ${
              p.staffNo
                ? `your token names ${p.staffNo}`
                : 'your token names no inspector (no staffNo claim)'
            }`,
            'NOT_TASK_INSPECTOR',
          );
        const problems = samplingRecordTaskProblems(dto, sampledAt, {
          pair: task.inspectors,
          planStages: plan.stages,
          drawnAt: await this.samples.drawnAt(m, task.drawId),
        });
        if (problems.length) throw invalidError(problems);
        // The sector's `sampleDelivery` rule: when the sample must reach its lab.
        const sector = await this.samples.sectorOf(m, task.category);
        const due = ruleDeadline(
          calendar,
          rules.get(sector)!.rules,
          'sampleDelivery',
          samplingDate,
        );

        // Numbers without gaps, taken after the plan and task locks.
        const seq = await this.samples.nextSeq(m, plan.id);
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

        const sampleId = await this.samples.insert(m, {
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
          labDueRule: due.rule,
          custodyState: state as CustodyState,
          custodySeq: kinds.length,
          custodyAt: sampledAt,
          arrivedAt: null,
          keepUntil: null,
          createdBy: p.sub,
        });
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
        for (const e of events) await this.custodyEvents.insertEvent(m, e);
        // The worker raises a notification if it does not reach its lab by the due date.
        await enqueue(m, 'sample.deadlines', { sampleIds: [sampleId] });
        const after = await this.samples.row(m, sampleId);
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
              labDueRule: { sector, version: due.rule.version, rule: due.rule.rule },
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
      return this.detail(m, this.scope(p), sampleNo);
    });
  }

  list(p: Principal, q: SampleQuery): Promise<Page<SampleView>> {
    return this.page(p, q);
  }

  async get(p: Principal, sampleNo: string): Promise<SampleDetail> {
    return this.detail(this.ds.manager, this.scope(p), sampleNo);
  }

  /** The custody events of a sample, in order. */
  async custody(p: Principal, sampleNo: string): Promise<CustodyEventView[]> {
    const s = await this.find(this.ds.manager, this.scope(p), sampleNo);
    return this.custodyEvents.events(this.ds.manager, s.id);
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
    const scope = this.scope(p);
    const recorder = CUSTODY_RECORDER[dto.kind];
    if (recorder === 'lab' && p.role !== 'lab')
      throw forbiddenError(`${dto.kind} is recorded by the lab that holds the sample`);
    if (recorder !== 'lab' && p.role === 'lab')
      throw forbiddenError(
        `${dto.kind} is recorded by the inspectors' side (regulators), not by a lab`,
      );
    return this.ds.transaction(async (m) => {
      const before = await this.find(m, scope, sampleNo, true);
      // The assigned lab's receipt (or refusal) is the lab-results service's: it records the
      // sample's condition and seal and starts the test deadline, which a report needs. Here
      // only the retest lab's, which has none of that yet.
      if (
        (dto.kind === 'received' || dto.kind === 'rejected_at_receipt') &&
        before.custodyState !== 'retest_in_transit'
      )
        throw conflictError(
          'USE_LAB_RECEIPT',
          `the lab records the sample's ${dto.kind === 'received' ? 'receipt' : 'refusal'} at POST /api/v1/lab/samples/${before.sampleNo}/${dto.kind === 'received' ? 'receipt' : 'rejection'} (lab-results), with its condition and seal`,
          { currentState: before.custodyState },
        );
      return appendCustodyEvent(m, p, before, dto);
    });
  }

  /** What `p` may see of sampling records; 403 for a role that sees none. */
  private scope(p: Principal): Scope {
    return scopeOf(p, RESOURCE, ['regulator', 'admin', 'lab']);
  }

  /** The sample's keys and custody columns; 404 outside `scope`, locked when `lock`. */
  private async find(
    m: EntityManager,
    scope: Scope,
    sampleNo: string,
    lock = false,
  ): Promise<CustodySampleRow> {
    if (!isSampleNoShape(sampleNo)) throw notFoundError(ENTITY, sampleNo);
    const row = await this.samples.forCustody(m, scope, sampleNo, lock);
    if (!row) throw notFoundError(ENTITY, sampleNo);
    return row;
  }

  private async detail(m: EntityManager, scope: Scope, sampleNo: string): Promise<SampleDetail> {
    if (!isSampleNoShape(sampleNo)) throw notFoundError(ENTITY, sampleNo);
    const row = await this.samples.view(m, scope, sampleNo);
    if (!row) throw notFoundError(ENTITY, sampleNo);
    return { ...view(row), custody: await this.custodyEvents.events(m, row.id) };
  }

  private async page(p: Principal, q: SampleQuery): Promise<Page<SampleView>> {
    const scope = this.scope(p);
    let gtin: string | undefined;
    if (q.gtin !== undefined) {
      const v = validateGtin(q.gtin);
      if (!v.ok) throw invalidError([{ field: 'gtin', reason: v.reason }]);
      gtin = toGtin14(q.gtin);
    }
    let after: string | undefined;
    if (q.cursor !== undefined) {
      const c = decodeCursor(q.cursor);
      const [last] = c ?? [];
      if (c?.length !== 1 || !isSampleNoShape(last))
        throw invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      after = last;
    }
    const rows = await this.samples.list(
      scope,
      {
        planId: q.planId,
        state: q.state,
        overdue: q.overdue,
        uscc: q.uscc,
        manufacturerUscc: q.manufacturerUscc,
        gtin,
        batch: q.batch,
        labId: q.labId,
        stage: q.stage,
        after,
      },
      q.limit + 1,
    );
    const more = rows.length > q.limit;
    const items = (more ? rows.slice(0, q.limit) : rows).map(view);
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.sampleNo]) : null };
  }
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
    labDueRule: r.lab_due_rule,
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
