import type { EntityManager } from 'typeorm';
import { recordAudit } from '@spotcheck/common';
import {
  allowedCustodyKinds,
  backupKeeping,
  type BackupKeeping,
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
  const detail =
    kind === 'retest_dispatched'
      ? await drawnRetestDetail(m, before, input.detail ?? {})
      : (input.detail ?? {});
  const report =
    kind === 'backup_retained' ? await repo.issuedReport(m, before.id, before.labId) : null;
  if (kind === 'backup_retained' && !report)
    throw conflictError(
      'REPORT_NOT_ISSUED',
      `the backup of sample ${before.sampleNo} is kept from its report's verdict (3 or 6 months by the sector rules): issue the report first, then record backup_retained`,
      { currentState: state },
    );
  const check = checkCustodyEvent(
    { kind, occurredAt: input.occurredAt, detail },
    {
      samplingDate: before.samplingDate,
      expiryDate: before.expiryDate,
      labId: before.labId,
      lastOccurredAt: before.custodyAt,
      rules: await repo.rulesOf(m, before.sector),
      report,
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

/**
 * Recomputes the keep-until date of a backup the lab keeps (`backup_retained`) after an
 * amendment of its report was issued (docs/rules.md §3.3): the date comes from the issued
 * report's verdict and day under the sector's rules, and an amendment re-opens what it changes,
 * so a changed conclusion keeps the backup from the amendment's day by the rule of its verdict,
 * and an unchanged one leaves the date as it was. Locks the sample in `m`'s transaction; a backup
 * already sent for retest, disposed of or returned is left alone. When the date moves, the
 * sample's keep-until follows and the audit log records the old and new keeping, with the rule
 * used. Answers the change, or null when nothing moved.
 */
export async function rekeepBackup(
  m: EntityManager,
  p: CustodyActor,
  sampleId: string,
): Promise<{ from: string | null; to: BackupKeeping } | null> {
  const s = await repo.lockedSample(m, sampleId);
  if (!s || s.custodyState !== 'backup_retained') return null;
  const report = await repo.issuedReport(m, s.id, s.labId);
  if (!report) return null;
  const keeping = backupKeeping(await repo.rulesOf(m, s.sector), report, s.expiryDate);
  if (keeping.keepUntil === s.keepUntil) return null;
  await repo.setKeepUntil(m, s.id, keeping.keepUntil);
  await recordAudit(m, p, [
    {
      action: 'backup_keep_until',
      entityType: 'sample',
      entityId: s.id,
      before: { keepUntil: s.keepUntil },
      after: { keepUntil: keeping.keepUntil },
      detail: { sampleNo: s.sampleNo, ...keeping },
    },
  ]);
  return { from: s.keepUntil, to: keeping };
}

/**
 * The backup goes to the retest lab drawn for the sample's accepted objection, and only there
 * (docs/rules.md §3.5): the tested lab does not choose it. Without a drawn retest lab, 409
 * RETEST_NOT_DRAWN pointing at the objection flow; a `toLabId` other than the drawn lab, 400.
 * Answers the detail with the drawn lab as `toLabId` and the objection's id.
 */
async function drawnRetestDetail(
  m: EntityManager,
  s: CustodySampleRow,
  detail: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const drawn = await repo.drawnRetest(m, s.id);
  if (!drawn)
    throw conflictError(
      'RETEST_NOT_DRAWN',
      `no retest lab is drawn for sample ${s.sampleNo}: a retest follows an objection the regulator accepted, and the regulator draws its lab (POST /api/v1/objections/:id/retest-draw); the tested lab does not choose it`,
      { currentState: s.custodyState },
    );
  // Refused at the drawn lab's receipt: it goes on only to a lab drawn after the refusal.
  if (s.custodyState === 'retest_rejected' && drawn.labId === s.retestLabId)
    throw conflictError(
      'RETEST_REFUSED',
      `the drawn lab refused the backup of sample ${s.sampleNo}: the regulator records the refusal (POST /api/v1/objections/${drawn.objectionId}/retest-refusal) and draws another lab`,
      { currentState: s.custodyState },
    );
  if (detail.toLabId !== undefined && detail.toLabId !== drawn.labId)
    throw invalidError([
      {
        field: 'detail.toLabId',
        reason: `the retest lab is the one drawn for objection ${drawn.objectionId}: ${drawn.labId}`,
      },
    ]);
  return { ...detail, toLabId: drawn.labId };
}
