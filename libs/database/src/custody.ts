import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppException, conflict, invalid, recordAudit } from '@spotcheck/common';
import {
  allowedCustodyKinds,
  checkCustodyEvent,
  custodianOf,
  transitionCustody,
} from '@spotcheck/domain';
import type { CustodyKind, CustodyState } from '@spotcheck/domain';
import { CustodyEvent } from './entities/custody-event.entity';
import { Sample } from './entities/sample.entity';

/**
 * Appending a custody event (样品流转), shared by the apps that record one: inspection-tasks
 * (POST /samples/:no/custody) and lab-results (receipt and rejection at the lab). The rules are
 * libs/domain's custody.ts; this is their one writer, so both apps number, lock, update and
 * audit a sample's custody the same way.
 */

/** Who appends: a Principal fits. */
export interface CustodyActor {
  sub: string;
  role: string;
  org?: string;
  staffNo?: string;
}

/** A sample's keys and custody columns, as read (and locked FOR UPDATE) by the caller. */
export interface CustodySampleRow {
  id: string;
  sampleNo: string;
  category: string;
  labId: string;
  retestLabId: string | null;
  custodyState: CustodyState;
  custodySeq: number;
  custodyAt: Date;
  samplingDate: string;
  expiryDate: string | null;
  keepUntil: string | null;
}

/** The SELECT list giving a {@link CustodySampleRow} from `sample s`. */
export const CUSTODY_SAMPLE_COLUMNS = `s.id, s.sample_no AS "sampleNo", s.category, s.lab_id AS "labId",
  s.retest_lab_id AS "retestLabId", s.custody_state AS "custodyState",
  s.custody_seq AS "custodySeq", s.custody_at AS "custodyAt",
  s.sampling_date::text AS "samplingDate", s.expiry_date::text AS "expiryDate",
  s.keep_until::text AS "keepUntil"`;

export interface CustodyEventInput {
  kind: CustodyKind;
  occurredAt: string;
  regionCode: string;
  address: string;
  note?: string | null;
  detail?: Record<string, unknown> | null;
}

export interface CustodyEventView {
  seq: number;
  kind: CustodyKind;
  stateAfter: CustodyState;
  occurredAt: Date;
  recordedAt: Date;
  actor: string;
  actorRole: string;
  actorOrg: string | null;
  actorStaffNo: string | null;
  regionCode: string;
  address: string;
  note: string | null;
  detail: Record<string, unknown>;
}

/** A new custody event and the sample's state after it. */
export interface AppendedCustodyEvent extends CustodyEventView {
  sampleNo: string;
  allowedCustodyKinds: readonly CustodyKind[];
}

export const CUSTODY_EVENT_COLUMNS = `seq, kind, state_after AS "stateAfter", occurred_at AS "occurredAt",
  recorded_at AS "recordedAt", actor, actor_role AS "actorRole", actor_org AS "actorOrg",
  actor_staff_no AS "actorStaffNo", region_code AS "regionCode", address, note, detail`;

export type NewCustodyEvent = Omit<CustodyEvent, 'recordedAt'>;

export async function insertCustodyEvent(m: EntityManager, e: NewCustodyEvent): Promise<void> {
  await m.query(
    `INSERT INTO custody_event (sample_id, seq, kind, state_after, occurred_at, actor, actor_role,
                                actor_org, actor_staff_no, region_code, address, note, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      e.sampleId,
      e.seq,
      e.kind,
      e.stateAfter,
      e.occurredAt,
      e.actor,
      e.actorRole,
      e.actorOrg,
      e.actorStaffNo,
      e.regionCode,
      e.address,
      e.note,
      JSON.stringify(e.detail),
    ],
  );
}

/**
 * Appends one custody event to `before` (read and locked FOR UPDATE by the caller in `m`'s
 * transaction), then moves the sample's custody columns and audits it. Answers 409
 * ILLEGAL_CUSTODY_STATE when the kind may not follow the current state (BACKUP_RETAINED for a
 * backup leaving before its keep-until date), 403 NOT_CUSTODIAN when a lab step comes from a
 * lab that does not hold the sample, 400 for a time in the future or before the previous
 * event, or a detail that does not fit. Which side (lab or field) may record a kind at all is
 * the caller's check.
 */
export async function appendCustodyEvent(
  m: EntityManager,
  p: CustodyActor,
  before: CustodySampleRow,
  input: CustodyEventInput,
): Promise<AppendedCustodyEvent> {
  const state = before.custodyState;
  const kind = input.kind;
  if (!allowedCustodyKinds(state).includes(kind)) {
    const t = transitionCustody(state, kind);
    throw conflict('ILLEGAL_CUSTODY_STATE', t.ok ? '' : t.error.message, {
      currentState: state,
      kind,
      allowedKinds: allowedCustodyKinds(state),
    });
  }
  if (p.role === 'lab') {
    const holder = custodianOf(state) === 'retest_lab' ? before.retestLabId : before.labId;
    if (p.org !== holder)
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'NOT_CUSTODIAN',
        `the sample is ${state}: ${custodianOf(state) === 'retest_lab' ? 'the retest lab' : 'the lab it was sent to'} records ${kind}`,
        { currentState: state },
      );
  }
  const check = checkCustodyEvent(
    { kind, occurredAt: input.occurredAt, detail: input.detail ?? {} },
    {
      samplingDate: before.samplingDate,
      expiryDate: before.expiryDate,
      labId: before.labId,
      lastOccurredAt: before.custodyAt,
    },
    new Date(),
  );
  if (!check.ok) throw invalid(check.problems);
  const t = transitionCustody(state, kind, { on: check.on, keepUntil: before.keepUntil });
  if (!t.ok)
    throw conflict(
      t.error.code === 'BACKUP_RETAINED' ? 'BACKUP_RETAINED' : 'ILLEGAL_CUSTODY_STATE',
      t.error.message,
      {
        currentState: state,
        kind,
        allowedKinds: allowedCustodyKinds(state),
        ...(t.error.code === 'BACKUP_RETAINED' ? { keepUntil: t.error.keepUntil } : {}),
      },
    );
  if (kind === 'retest_dispatched') await checkRetestLab(m, before, check.detail);

  const beforeRow = await m.findOneByOrFail(Sample, { id: before.id });
  const seq = before.custodySeq + 1;
  await insertCustodyEvent(m, {
    sampleId: before.id,
    seq,
    kind,
    stateAfter: t.state,
    occurredAt: check.occurredAt,
    actor: p.sub,
    actorRole: p.role,
    actorOrg: p.org ?? null,
    actorStaffNo: p.staffNo ?? null,
    regionCode: input.regionCode,
    address: input.address,
    note: input.note ?? null,
    detail: check.detail,
  });
  // The first arrival at the assigned lab (not the retest lab's) answers the deadline.
  const arrives =
    (kind === 'received' || kind === 'rejected_at_receipt') && custodianOf(state) === 'lab';
  await m.query(
    `UPDATE sample SET custody_state = $2, custody_seq = $3, custody_at = $4,
            arrived_at = CASE WHEN $5 THEN coalesce(arrived_at, $4) ELSE arrived_at END,
            keep_until = coalesce($6::date, keep_until),
            retest_lab_id = coalesce($7::uuid, retest_lab_id),
            seal_numbers = coalesce($8::text[], seal_numbers),
            updated_at = now()
      WHERE id = $1`,
    [
      before.id,
      t.state,
      seq,
      check.occurredAt,
      arrives,
      (check.detail.keepUntil as string | undefined) ?? null,
      (check.detail.toLabId as string | undefined) ?? null,
      (check.detail.sealNumbers as string[] | undefined) ?? null,
    ],
  );
  const after = await m.findOneByOrFail(Sample, { id: before.id });
  await recordAudit(m, p, [
    {
      action: 'custody',
      entityType: 'sample',
      entityId: before.id,
      before: beforeRow,
      after,
      detail: {
        sampleNo: before.sampleNo,
        seq,
        kind,
        from: state,
        to: t.state,
        occurredAt: check.occurredAt.toISOString(),
        ...(p.staffNo ? { staffNo: p.staffNo } : {}),
      },
    },
  ]);
  const [stored] = (await m.query(
    `SELECT ${CUSTODY_EVENT_COLUMNS} FROM custody_event WHERE sample_id = $1 AND seq = $2`,
    [before.id, seq],
  )) as CustodyEventView[];
  return {
    ...stored,
    sampleNo: before.sampleNo,
    allowedCustodyKinds: allowedCustodyKinds(t.state),
  };
}

/** A retest goes to another active lab accredited for the sample's category. */
async function checkRetestLab(
  m: EntityManager,
  s: CustodySampleRow,
  detail: Record<string, unknown>,
): Promise<void> {
  const [lab] = (await m.query(`SELECT active, categories FROM lab WHERE id = $1 FOR SHARE`, [
    detail.toLabId,
  ])) as { active: boolean; categories: string[] }[];
  const reason = !lab
    ? `no lab with id ${String(detail.toLabId)}`
    : !lab.active
      ? 'the lab is not active'
      : !lab.categories.includes(s.category)
        ? `the lab is not accredited for category ${s.category}`
        : null;
  if (reason) throw invalid([{ field: 'detail.toLabId', reason }]);
}
