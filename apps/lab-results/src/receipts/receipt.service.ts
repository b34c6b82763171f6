import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { AppException, Page, invalid, notFound, recordAudit } from '@spotcheck/common';
import {
  AppendedCustodyEvent,
  CUSTODY_EVENT_COLUMNS,
  CUSTODY_SAMPLE_COLUMNS,
  CustodyEventView,
  CustodySampleRow,
  Deadline,
  WorkCalendarService,
  appendCustodyEvent,
} from '@spotcheck/database';
import { chinaDate, decodeCursor, encodeCursor, parseInstant } from '@spotcheck/domain';
import type { CustodyState } from '@spotcheck/domain';
import { isSampleNoShape, labScope, requireLab, requireStaff } from '../lab-access';
import { LabSampleQuery, ReceiptDto, RejectionDto } from './receipt.dto';

/** Food rules (DESIGN §3.3): the lab reports within 20 working days of receipt. */
export const TEST_WORKING_DAYS = 20;
const TODAY = `(now() AT TIME ZONE 'Asia/Shanghai')::date`;

export interface LabSampleView {
  sampleNo: string;
  labId: string;
  category: { code: string; name: string; sector: string };
  product: { name: string; brand: string | null; spec: string | null; batch: string | null };
  sampledUscc: string;
  samplingDate: string;
  /** When it was due at the lab (5 working days after sampling). */
  labDueDate: string;
  custodyState: CustodyState;
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
  /** 20 working days after receipt; null before receipt or after a rejection. */
  testDueDate: string | null;
  /** Received, past its test due date (Beijing time) and no version issued yet. */
  overdue: boolean;
  report: { id: string; reportNo: string; version: number; state: string } | null;
}

export interface LabSampleDetail extends LabSampleView {
  custody: CustodyEventView[];
}

interface Row {
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
  outcome: 'received' | 'rejected' | null;
  occurred_at: Date | null;
  received_on: string | null;
  condition: string | null;
  seal_intact: boolean | null;
  reason: string | null;
  note: string | null;
  recorded_by: string | null;
  test_due_date: string | null;
  overdue: boolean;
  report_id: string | null;
  report_no: string | null;
  version: number | null;
  report_state: string | null;
}

const ISSUED = `EXISTS (SELECT 1 FROM lab_report x
                         WHERE x.sample_id = s.id AND x.lab_id = s.lab_id AND x.state = 'issued')`;
const OVERDUE = `(r.outcome IS NOT DISTINCT FROM 'received' AND r.test_due_date < ${TODAY} AND NOT ${ISSUED})`;

const VIEW = `
  SELECT s.id, s.sample_no, s.lab_id, s.category, c.name AS category_name, c.sector,
         s.product_name, s.brand, s.spec, s.batch_no, s.sampled_uscc,
         s.sampling_date::text AS sampling_date, s.lab_due_date::text AS lab_due_date,
         s.custody_state, r.outcome, r.occurred_at, r.received_on::text AS received_on,
         r.condition, r.seal_intact, r.reason, r.note, r.recorded_by,
         r.test_due_date::text AS test_due_date, coalesce(${OVERDUE}, false) AS overdue,
         rep.id AS report_id, rep.report_no, rep.version, rep.state AS report_state
    FROM sample s
    JOIN product_category c ON c.code = s.category
    LEFT JOIN lab_receipt r ON r.sample_id = s.id AND r.lab_id = s.lab_id
    LEFT JOIN LATERAL (SELECT id, report_no, version, state FROM lab_report
                        WHERE sample_id = s.id AND lab_id = s.lab_id
                        ORDER BY version DESC LIMIT 1) rep ON true`;

/**
 * The samples assigned to a lab and their receipt (样品接收), issue 5. A lab sees the samples
 * the draw assigned to it; another lab's sample answers 404 as if it did not exist. Receipt
 * and rejection are custody events written by libs/database's appendCustodyEvent (the same
 * writer as inspection-tasks' custody endpoint), plus a `lab_receipt` row holding the
 * condition and the test due date: the 20th working day after the day of receipt.
 */
@Injectable()
export class ReceiptService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calendar: WorkCalendarService,
  ) {}

  async list(p: Principal, q: LabSampleQuery): Promise<Page<LabSampleView>> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const where = [labScope(p, 's.lab_id', arg)];
    if (q.overdue !== undefined)
      where.push(q.overdue ? OVERDUE : `NOT coalesce(${OVERDUE}, false)`);
    if (q.cursor !== undefined) {
      const [last] = decodeCursor(q.cursor) ?? [];
      if (!isSampleNoShape(last))
        throw invalid([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      where.push(`s.sample_no > ${arg(last)}`);
    }
    const rows = (await this.ds.query(
      `${VIEW} WHERE ${where.join(' AND ')} ORDER BY s.sample_no LIMIT ${arg(q.limit + 1)}`,
      params,
    )) as Row[];
    const more = rows.length > q.limit;
    const items = (more ? rows.slice(0, q.limit) : rows).map(view);
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.sampleNo]) : null };
  }

  async get(p: Principal, sampleNo: string): Promise<LabSampleDetail> {
    return this.detail(this.ds.manager, p, sampleNo);
  }

  /** Receipt: custody `received`, and the 20-working-day test deadline starts. */
  async receive(p: Principal, sampleNo: string, dto: ReceiptDto) {
    const labId = requireLab(p, 'a receipt');
    // Outside the transaction: the calendar may load from the database.
    const at = parseInstant(dto.receivedAt);
    let due: Deadline | null = null;
    if (at.ok) {
      try {
        due = await this.calendar.workingDayDeadline(chinaDate(at.at), TEST_WORKING_DAYS);
      } catch (e) {
        // A day outside the years 0001–9999 has no deadline; the custody check refuses such
        // a time (in the future, or before the sampling) by name.
        if (!(e instanceof RangeError)) throw e;
      }
    }
    return this.arrive(p, labId, sampleNo, {
      kind: 'received',
      occurredAt: dto.receivedAt,
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
      address: dto.address,
      note: dto.note,
      due: null,
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
      address?: string;
      note?: string;
      due: Deadline | null;
      receipt: { condition: string | null; sealIntact: boolean | null; reason: string | null };
      detail?: Record<string, unknown>;
    },
  ): Promise<{ sample: LabSampleDetail; event: AppendedCustodyEvent }> {
    return this.ds.transaction(async (m) => {
      const before = await this.find(m, p, sampleNo);
      await requireStaff(m, labId, p.sub);
      const [existing] = (await m.query(
        `SELECT outcome FROM lab_receipt WHERE sample_id = $1 AND lab_id = $2`,
        [before.id, labId],
      )) as { outcome: string }[];
      if (existing)
        throw new AppException(
          HttpStatus.CONFLICT,
          'ILLEGAL_CUSTODY_STATE',
          `the sample was already ${existing.outcome} at this lab`,
          { currentState: before.custodyState },
        );
      const [lab] = (await m.query(`SELECT name, region_code FROM lab WHERE id = $1`, [labId])) as {
        name: string;
        region_code: string;
      }[];
      const event = await appendCustodyEvent(m, p, before, {
        kind: a.kind,
        occurredAt: a.occurredAt,
        regionCode: lab.region_code,
        address: a.address ?? lab.name,
        note: a.note ?? null,
        detail: a.detail ?? {},
      });
      const occurredAt = new Date(event.occurredAt);
      const [receipt] = (await m.query(
        `INSERT INTO lab_receipt (sample_id, lab_id, outcome, occurred_at, received_on, condition,
                                  seal_intact, reason, note, test_due_date, custody_seq, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING sample_id, lab_id, outcome, occurred_at, received_on::text, condition,
                   seal_intact, reason, note, test_due_date::text, custody_seq, recorded_by`,
        [
          before.id,
          labId,
          a.kind === 'received' ? 'received' : 'rejected',
          occurredAt,
          chinaDate(occurredAt),
          a.receipt.condition,
          a.receipt.sealIntact,
          a.receipt.reason,
          a.note ?? null,
          a.due?.deadline ?? null,
          event.seq,
          p.sub,
        ],
      )) as Record<string, unknown>[];
      await recordAudit(m, p, [
        {
          action: 'create',
          entityType: 'lab_receipt',
          entityId: `${before.id}/${labId}`,
          after: receipt,
          detail: {
            sampleNo: before.sampleNo,
            outcome: receipt.outcome,
            ...(a.due ? { testDueDate: a.due.deadline, testDueDateCovered: a.due.covered } : {}),
          },
        },
      ]);
      return { sample: await this.detail(m, p, sampleNo), event };
    });
  }

  /** The sample's custody keys, locked; 404 when the caller's lab does not hold it. */
  private async find(m: EntityManager, p: Principal, sampleNo: string): Promise<CustodySampleRow> {
    if (!isSampleNoShape(sampleNo)) throw notFound('sample', sampleNo);
    const params: unknown[] = [sampleNo];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `SELECT ${CUSTODY_SAMPLE_COLUMNS} FROM sample s
        WHERE s.sample_no = $1 AND ${labScope(p, 's.lab_id', arg)} FOR UPDATE OF s`,
      params,
    )) as CustodySampleRow[];
    if (!row) throw notFound('sample', sampleNo);
    return row;
  }

  private async detail(m: EntityManager, p: Principal, sampleNo: string): Promise<LabSampleDetail> {
    if (!isSampleNoShape(sampleNo)) throw notFound('sample', sampleNo);
    const params: unknown[] = [sampleNo];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `${VIEW} WHERE s.sample_no = $1 AND ${labScope(p, 's.lab_id', arg)}`,
      params,
    )) as Row[];
    if (!row) throw notFound('sample', sampleNo);
    const custody = (await m.query(
      `SELECT ${CUSTODY_EVENT_COLUMNS} FROM custody_event WHERE sample_id = $1 ORDER BY seq`,
      [row.id],
    )) as CustodyEventView[];
    return { ...view(row), custody };
  }
}

function view(r: Row): LabSampleView {
  return {
    sampleNo: r.sample_no,
    labId: r.lab_id,
    category: { code: r.category, name: r.category_name, sector: r.sector },
    product: { name: r.product_name, brand: r.brand, spec: r.spec, batch: r.batch_no },
    sampledUscc: r.sampled_uscc,
    samplingDate: r.sampling_date,
    labDueDate: r.lab_due_date,
    custodyState: r.custody_state,
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
    overdue: r.overdue,
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
