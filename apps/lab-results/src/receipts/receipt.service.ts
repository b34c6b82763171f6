import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { Page, recordAudit } from '@spotcheck/common';
import {
  AppendedCustodyEvent,
  CustodyEventView,
  CustodySampleRow,
  SectorRuleService,
  WorkCalendarService,
  appendCustodyEvent,
} from '@spotcheck/database';
import {
  chinaDate,
  conflictError,
  DomainError,
  decodeCursor,
  encodeCursor,
  invalidError,
  notFoundError,
  parseInstant,
  ruleDeadline,
} from '@spotcheck/domain';
import type { CustodyState, RuleDeadline, RuleRef, WorkCalendar } from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { LabRepository } from '../lab/lab.repository';
import { isSampleNoShape, labScope, requireLab, requireStaff } from '../lab-access';
import { LabStaffRepository } from '../staff/lab-staff.repository';
import { LabSampleQuery, ReceiptDto, RejectionDto } from './receipt.dto';
import { LabSampleRow, ReceiptRepository } from './receipt.repository';

export interface LabSampleView {
  sampleNo: string;
  labId: string;
  category: { code: string; name: string; sector: string };
  product: { name: string; brand: string | null; spec: string | null; batch: string | null };
  sampledUscc: string;
  samplingDate: string;
  /** When it was due at the lab (the sector rule's sample delivery period after sampling). */
  labDueDate: string;
  custodyState: CustodyState;
  /** The caller is the sample's retest lab (drawn for an accepted objection). */
  retest: boolean;
  /** The objection whose retest the caller does, if any. */
  objectionId: string | null;
  received: boolean;
  receipt: {
    outcome: 'received' | 'rejected';
    at: Date;
    receivedOn: string;
    condition: string | null;
    sealIntact: boolean | null;
    reason: string | null;
    note: string | null;
    recordedBy: string;
  } | null;
  /** By the sector's `testing` rule after receipt; null before receipt or after a rejection. */
  testDueDate: string | null;
  /** The sector rule the test due date came from. */
  testDueRule: RuleRef | null;
  /** Received, past its test due date (Beijing time) and no version issued yet. */
  overdue: boolean;
  /**
   * Working days from today (Beijing) to the deadline that runs now: the test due date once
   * received and until a version is issued, the lab due date before receipt; negative when
   * past; null when no deadline runs (rejected, issued, or a retest not yet received).
   */
  workingDaysLeft: number | null;
  report: { id: string; reportNo: string; version: number; state: string } | null;
}

export interface LabSampleDetail extends LabSampleView {
  custody: CustodyEventView[];
}

/**
 * The samples assigned to a lab and their receipt (样品接收). A lab sees the samples
 * the draw assigned to it; another lab's sample answers 404 as if it did not exist. Receipt
 * and rejection are custody events written by libs/database's appendCustodyEvent (the same
 * writer as inspection-tasks' custody endpoint), plus a `lab_receipt` row holding the
 * condition and the test due date, by the sector's `testing` rule after the day of receipt
 * (food: the 20th working day).
 */
@Injectable()
export class ReceiptService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calendar: WorkCalendarService,
    private readonly rules: SectorRuleService,
    private readonly receipts: ReceiptRepository,
    private readonly labs: LabRepository,
    private readonly staff: LabStaffRepository,
  ) {}

  async list(p: Principal, q: LabSampleQuery): Promise<Page<LabSampleView>> {
    const scope = labScope(p);
    let after: string | undefined;
    if (q.cursor !== undefined) {
      const [last] = decodeCursor(q.cursor) ?? [];
      if (!isSampleNoShape(last))
        throw invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      after = last;
    }
    const rows = await this.receipts.list(scope, { overdue: q.overdue, after, limit: q.limit });
    const more = rows.length > q.limit;
    const left = daysLeft(await this.calendar.calendar());
    const items = (more ? rows.slice(0, q.limit) : rows).map((r) => view(r, left));
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.sampleNo]) : null };
  }

  async get(p: Principal, sampleNo: string): Promise<LabSampleDetail> {
    return this.detail(this.ds.manager, p, sampleNo);
  }

  /** Receipt: custody `received`, and the sector's test deadline starts. */
  async receive(p: Principal, sampleNo: string, dto: ReceiptDto) {
    const labId = requireLab(p, 'a receipt');
    // Outside the transaction: the calendar and the rules may load from the database.
    const at = parseInstant(dto.receivedAt);
    const calendar = await this.calendar.calendar();
    const rules = await this.rules.all();
    const due = (s: CustodySampleRow): RuleDeadline | null => {
      if (!at.ok) return null;
      try {
        return ruleDeadline(
          calendar,
          rules.get(s.sector)!.rules,
          // The retest lab's receipt starts the retest's own period.
          s.custodyState === 'retest_in_transit' ? 'retestTesting' : 'testing',
          chinaDate(at.at),
        );
      } catch (e) {
        // A day outside the years 0001–9999 has no deadline; the custody check refuses such
        // a time (in the future, or before the sampling) by name.
        if (!(e instanceof RangeError)) throw e;
        return null;
      }
    };
    return this.arrive(p, labId, sampleNo, {
      kind: 'received',
      occurredAt: dto.receivedAt,
      timeField: 'receivedAt',
      address: dto.address,
      note: dto.note,
      due,
      receipt: { condition: dto.condition, sealIntact: true, reason: null },
    });
  }

  /** Rejection at receipt: custody `rejected_at_receipt` with its reason; no test deadline. */
  async reject(p: Principal, sampleNo: string, dto: RejectionDto) {
    const labId = requireLab(p, 'a rejection');
    return this.arrive(p, labId, sampleNo, {
      kind: 'rejected_at_receipt',
      occurredAt: dto.at,
      timeField: 'at',
      address: dto.address,
      note: dto.note,
      due: () => null,
      receipt: { condition: null, sealIntact: null, reason: dto.reason },
      detail: { reason: dto.reason },
    });
  }

  private async arrive(
    p: Principal,
    labId: string,
    sampleNo: string,
    a: {
      kind: 'received' | 'rejected_at_receipt';
      occurredAt: string;
      /** The request's name for the time: custody's own errors call it occurredAt. */
      timeField: string;
      address?: string;
      note?: string;
      due: (s: CustodySampleRow) => RuleDeadline | null;
      receipt: { condition: string | null; sealIntact: boolean | null; reason: string | null };
      detail?: Record<string, unknown>;
    },
  ): Promise<{ sample: LabSampleDetail; event: AppendedCustodyEvent }> {
    return this.ds.transaction(async (m) => {
      const before = await this.find(m, p, sampleNo);
      await requireStaff(this.staff, m, labId, p.sub);
      const existing = await this.receipts.outcome(m, before.id, labId);
      if (existing)
        throw conflictError(
          'ILLEGAL_CUSTODY_STATE',
          `the sample was already ${existing} at this lab`,
          { currentState: before.custodyState },
        );
      const lab = await this.labs.place(m, labId);
      if (!lab) throw notFoundError('lab', labId);
      const due = a.due(before);
      const event = await appendCustodyEvent(m, p, before, {
        kind: a.kind,
        occurredAt: a.occurredAt,
        regionCode: lab.regionCode,
        address: a.address ?? lab.name,
        note: a.note ?? null,
        detail: a.detail ?? {},
      }).catch((e: unknown) => {
        throw renamed(e, 'occurredAt', a.timeField);
      });
      const occurredAt = new Date(event.occurredAt);
      const receipt = await this.receipts.insert(m, {
        sample_id: before.id,
        lab_id: labId,
        outcome: a.kind === 'received' ? 'received' : 'rejected',
        occurred_at: occurredAt,
        received_on: chinaDate(occurredAt),
        condition: a.receipt.condition,
        seal_intact: a.receipt.sealIntact,
        reason: a.receipt.reason,
        note: a.note ?? null,
        test_due_date: due?.deadline ?? null,
        test_due_rule: due?.rule ?? null,
        custody_seq: event.seq,
        recorded_by: p.sub,
      });
      // Received: the worker raises a notification if no report is issued by the due date.
      if (receipt.outcome === 'received')
        await enqueue(m, 'sample.deadlines', { sampleIds: [before.id] });
      await recordAudit(m, p, [
        {
          action: 'create',
          entityType: 'lab_receipt',
          entityId: `${before.id}/${labId}`,
          after: receipt,
          detail: {
            sampleNo: before.sampleNo,
            outcome: receipt.outcome,
            ...(due
              ? {
                  testDueDate: due.deadline,
                  testDueDateCovered: due.covered,
                  testDueRule: { version: due.rule.version, rule: due.rule.rule },
                }
              : {}),
          },
        },
      ]);
      return { sample: await this.detail(m, p, sampleNo), event };
    });
  }

  /** The sample's custody keys, locked; 404 when the caller's lab does not hold it. */
  private async find(m: EntityManager, p: Principal, sampleNo: string): Promise<CustodySampleRow> {
    const row = isSampleNoShape(sampleNo)
      ? await this.receipts.lockSample(m, labScope(p), sampleNo)
      : null;
    if (!row) throw notFoundError('sample', String(sampleNo));
    return row;
  }

  private async detail(m: EntityManager, p: Principal, sampleNo: string): Promise<LabSampleDetail> {
    const row = isSampleNoShape(sampleNo)
      ? await this.receipts.view(m, labScope(p), sampleNo)
      : null;
    if (!row) throw notFoundError('sample', String(sampleNo));
    const left = daysLeft(await this.calendar.calendar());
    return { ...view(row, left), custody: await this.receipts.custody(m, row.id) };
  }
}

/** Working days from today (Beijing) to a due date, by the calendar; null without a date. */
function daysLeft(cal: WorkCalendar, today = chinaDate(new Date())) {
  return (due: string | null): number | null => {
    if (!due) return null;
    try {
      return cal.workingDaysBetween(today, due);
    } catch (e) {
      if (e instanceof RangeError) return null;
      throw e;
    }
  };
}

function view(r: LabSampleRow, left: (due: string | null) => number | null): LabSampleView {
  const issued = r.report_state === 'issued' || (r.version ?? 1) > 1;
  return {
    sampleNo: r.sample_no,
    labId: r.lab_id,
    category: { code: r.category, name: r.category_name, sector: r.sector },
    product: { name: r.product_name, brand: r.brand, spec: r.spec, batch: r.batch_no },
    sampledUscc: r.sampled_uscc,
    samplingDate: r.sampling_date,
    labDueDate: r.lab_due_date,
    custodyState: r.custody_state,
    retest: r.retest,
    objectionId: r.objection_id,
    received: r.outcome === 'received',
    receipt: r.outcome
      ? {
          outcome: r.outcome,
          at: r.occurred_at as Date,
          receivedOn: r.received_on as string,
          condition: r.condition,
          sealIntact: r.seal_intact,
          reason: r.reason,
          note: r.note,
          recordedBy: r.recorded_by as string,
        }
      : null,
    testDueDate: r.test_due_date,
    testDueRule: r.test_due_rule,
    overdue: r.overdue,
    workingDaysLeft: issued
      ? null
      : r.outcome === 'received'
        ? left(r.test_due_date)
        : r.outcome || r.retest
          ? null
          : left(r.lab_due_date),
    report: r.report_id
      ? {
          id: r.report_id,
          reportNo: r.report_no as string,
          version: r.version as number,
          state: r.report_state as string,
        }
      : null,
  };
}

/** A custody error naming `from`, as the request names that field (`to`). */
function renamed(e: unknown, from: string, to: string): unknown {
  const errors = (e instanceof DomainError ? e.details.errors : undefined) as
    { field: string; reason: string }[] | undefined;
  if (!(e instanceof DomainError) || !Array.isArray(errors)) return e;
  const named = errors.map((x) => (x.field === from ? { ...x, field: to } : x));
  return new DomainError(e.kind, e.code, named.map((x) => `${x.field}: ${x.reason}`).join('; '), {
    ...e.details,
    errors: named,
  });
}
