import type { EntityManager } from 'typeorm';
import { recordAudit } from '@spotcheck/common';
import {
  allowedCustodyKinds,
  checkCustodyEvent,
  conflictError,
  custodianOf,
  DomainError,
  invalidError,
  transitionCustody,
} from '@spotcheck/domain';
import type { CustodyKind } from '@spotcheck/domain';
import {
  CustodyEventView,
  CustodyRepository,
  CustodySampleRow,
  NewCustodyEvent,
} from './custody.repository';

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

export interface CustodyEventInput {
  kind: CustodyKind;
  occurredAt: string;
  regionCode: string;
  address: string;
  note?: string | null;
  detail?: Record<string, unknown> | null;
}

/** A new custody event and the sample's state after it. */
export interface AppendedCustodyEvent extends CustodyEventView {
  sampleNo: string;
  allowedCustodyKinds: readonly CustodyKind[];
}

const repo = new CustodyRepository();

/** Writes one custody event (the first events of a new sample, written with it). */
export function insertCustodyEvent(m: EntityManager, e: NewCustodyEvent): Promise<void> {
  return repo.insertEvent(m, e);
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
    throw conflictError('ILLEGAL_CUSTODY_STATE', t.ok ? '' : t.error.message, {
      currentState: state,
      kind,
      allowedKinds: allowedCustodyKinds(state),
    });
  }
  if (p.role === 'lab') {
    const holder = custodianOf(state) === 'retest_lab' ? before.retestLabId : before.labId;
    if (p.org !== holder)
      throw new DomainError(
        'forbidden',
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
  if (!check.ok) throw invalidError(check.problems);
  const t = transitionCustody(state, kind, { on: check.on, keepUntil: before.keepUntil });
  if (!t.ok)
    throw conflictError(
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

  const beforeRow = await repo.sample(m, before.id);
  const seq = before.custodySeq + 1;
  await repo.insertEvent(m, {
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
  await repo.move(m, before.id, {
    state: t.state,
    seq,
    at: check.occurredAt,
    arrives,
    keepUntil: (check.detail.keepUntil as string | undefined) ?? null,
    retestLabId: (check.detail.toLabId as string | undefined) ?? null,
    sealNumbers: (check.detail.sealNumbers as string[] | undefined) ?? null,
  });
  const after = await repo.sample(m, before.id);
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
  const stored = await repo.event(m, before.id, seq);
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
  const lab = await repo.labForRetest(m, detail.toLabId);
  const reason = !lab
    ? `no lab with id ${String(detail.toLabId)}`
    : !lab.active
      ? 'the lab is not active'
      : !lab.categories.includes(s.category)
        ? `the lab is not accredited for category ${s.category}`
        : null;
  if (reason) throw invalidError([{ field: 'detail.toLabId', reason }]);
}
