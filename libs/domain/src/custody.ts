/**
 * Custody of a sample (样品流转), docs/rules.md §3.3: an append-only list of events, each
 * moving the sample from one custody state to the next. Event kinds are the steps of the
 * EPCIS export (epcis/export-document.ts) except `tested`, which is the lab report's.
 *
 *   (none) ─sampled─► sampled ─sealed─► sealed ─shipped─► in_transit
 *   sealed, in_transit ─received─► received      (from sealed: delivered by hand)
 *                      ─rejected_at_receipt─► rejected
 *   received ─testing─► testing ─backup_retained─► backup_retained
 *   backup_retained ─retest_dispatched─► retest_in_transit
 *                   ─disposed / returned (only after keep-until)─► disposed / returned
 *   retest_in_transit ─received─► retest_received ─testing─► retesting
 *                     ─rejected_at_receipt─► retest_rejected
 *   retest_rejected ─retest_dispatched─► retest_in_transit   (to the lab drawn again)
 *   retesting, rejected, retest_rejected ─disposed─► disposed
 *                                        ─returned─► returned
 *
 * Why this graph:
 * - A sample is sealed on site before it leaves (封样); shipping an unsealed sample is refused.
 *   The inspectors may also hand it to the lab themselves (sealed ─received─►).
 * - Receipt is where a lab refuses a sample whose seal is broken, that is damaged, or that is
 *   not the sample on the record; a refused sample goes back (returned) or is destroyed.
 * - The test portion is consumed by testing; the backup portion is then kept for a retest
 *   until its keep-until date (sector-rules.ts `backupRetention`). `backup_retained` is
 *   recorded once the lab's report is issued, because the keep-until date depends on its
 *   verdict (by default 3 months after a pass, 6 after a fail, or the end of shelf life if
 *   sooner), taken from the report and never from the request. Before that date
 *   the backup may only go to a retest.
 * - A retest (after an objection) sends the backup to another lab, which receives (or
 *   refuses) and tests it; its conclusion is final and the remainder is then disposed of or
 *   returned. There is no second backup.
 * - `disposed` and `returned` are final.
 *
 * Who records what ({@link CUSTODY_RECORDER}): `sampled` comes only with the sampling record;
 * `sealed` and `shipped` are the field's (inspectors, regulators); every other step is
 * the lab's that holds the sample at that point ({@link custodianOf}): the assigned lab, or
 * the retest lab once the backup has been dispatched to it.
 */
import type { IsoDate } from './calendar/iso-date';
import { CLOCK_SKEW_MS, RecordProblem, chinaDate, parseInstant } from './sampling-record';
import { type RuleRef, type SectorRules, backupRetention } from './sector-rules';

export const CUSTODY_KINDS = [
  'sampled',
  'sealed',
  'shipped',
  'received',
  'rejected_at_receipt',
  'testing',
  'backup_retained',
  'retest_dispatched',
  'disposed',
  'returned',
] as const;
export type CustodyKind = (typeof CUSTODY_KINDS)[number];

export const CUSTODY_STATES = [
  'sampled',
  'sealed',
  'in_transit',
  'received',
  'rejected',
  'testing',
  'backup_retained',
  'retest_in_transit',
  'retest_received',
  'retest_rejected',
  'retesting',
  'disposed',
  'returned',
] as const;
export type CustodyState = (typeof CUSTODY_STATES)[number];

export const CUSTODY_KIND_LABELS_ZH: Readonly<Record<CustodyKind, string>> = Object.freeze({
  sampled: '抽样',
  sealed: '封样',
  shipped: '寄送',
  received: '接收',
  rejected_at_receipt: '拒收',
  testing: '检验',
  backup_retained: '备样留存',
  retest_dispatched: '复检送样',
  disposed: '处置',
  returned: '退回',
});

export const CUSTODY_STATE_LABELS_ZH: Readonly<Record<CustodyState, string>> = Object.freeze({
  sampled: '已抽样',
  sealed: '已封样',
  in_transit: '运送中',
  received: '已接收',
  rejected: '已拒收',
  testing: '检验中',
  backup_retained: '备样留存中',
  retest_in_transit: '复检样品运送中',
  retest_received: '复检机构已接收',
  retest_rejected: '复检机构已拒收',
  retesting: '复检中',
  disposed: '已处置',
  returned: '已退回',
});

/** Why a lab refuses a sample at receipt. */
export const REJECTION_REASONS = ['seal_broken', 'damaged', 'wrong_sample'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const VERDICTS = ['pass', 'fail'] as const;
export type Verdict = (typeof VERDICTS)[number];

type From = CustodyState | 'none';

const GRAPH: Readonly<Record<From, Readonly<Partial<Record<CustodyKind, CustodyState>>>>> =
  Object.freeze({
    none: { sampled: 'sampled' },
    sampled: { sealed: 'sealed' },
    sealed: { shipped: 'in_transit', received: 'received', rejected_at_receipt: 'rejected' },
    in_transit: { received: 'received', rejected_at_receipt: 'rejected' },
    received: { testing: 'testing' },
    rejected: { disposed: 'disposed', returned: 'returned' },
    testing: { backup_retained: 'backup_retained' },
    backup_retained: {
      retest_dispatched: 'retest_in_transit',
      disposed: 'disposed',
      returned: 'returned',
    },
    retest_in_transit: { received: 'retest_received', rejected_at_receipt: 'retest_rejected' },
    retest_received: { testing: 'retesting' },
    retest_rejected: {
      retest_dispatched: 'retest_in_transit',
      disposed: 'disposed',
      returned: 'returned',
    },
    retesting: { disposed: 'disposed', returned: 'returned' },
    disposed: {},
    returned: {},
  });

/**
 * Who records a kind: `sampling_record` — only POST /tasks/:id/sample; `field` — the
 * inspectors' side (regulators of the plan's jurisdiction); `lab` — the lab holding
 * the sample ({@link custodianOf}).
 */
export const CUSTODY_RECORDER: Readonly<Record<CustodyKind, 'sampling_record' | 'field' | 'lab'>> =
  Object.freeze({
    sampled: 'sampling_record',
    sealed: 'field',
    shipped: 'field',
    received: 'lab',
    rejected_at_receipt: 'lab',
    testing: 'lab',
    backup_retained: 'lab',
    retest_dispatched: 'lab',
    disposed: 'lab',
    returned: 'lab',
  });

export function isCustodyKind(x: unknown): x is CustodyKind {
  return typeof x === 'string' && (CUSTODY_KINDS as readonly string[]).includes(x);
}

export function isCustodyState(x: unknown): x is CustodyState {
  return typeof x === 'string' && (CUSTODY_STATES as readonly string[]).includes(x);
}

/** The kinds a state accepts (null: a sample without events), in CUSTODY_KINDS order. */
export function allowedCustodyKinds(state: CustodyState | null): readonly CustodyKind[] {
  const from: From | undefined =
    state === null ? 'none' : isCustodyState(state) ? state : undefined;
  const next = from ? GRAPH[from] : {};
  return CUSTODY_KINDS.filter((k) => next[k] !== undefined);
}

export function isFinalCustodyState(state: CustodyState): boolean {
  return isCustodyState(state) && allowedCustodyKinds(state).length === 0;
}

/**
 * Which lab holds the sample in `state`, for the lab's steps: the lab the task assigned
 * (`lab`), or the retest lab once the backup is on its way there (`retest_lab`); null in a
 * final state.
 */
export function custodianOf(state: CustodyState): 'lab' | 'retest_lab' | null {
  switch (state) {
    case 'retest_in_transit':
    case 'retest_received':
    case 'retest_rejected':
    case 'retesting':
      return 'retest_lab';
    case 'disposed':
    case 'returned':
      return null;
    default:
      return isCustodyState(state) ? 'lab' : null;
  }
}

export interface IllegalCustodyTransition {
  readonly code: 'ILLEGAL_CUSTODY_TRANSITION';
  readonly currentState: string | null;
  readonly kind: string;
  readonly allowedKinds: readonly CustodyKind[];
  readonly message: string;
}

/** A backup leaving before its keep-until date (a conflict with the state, like the above). */
export interface BackupStillRetained {
  readonly code: 'BACKUP_RETAINED';
  readonly currentState: 'backup_retained';
  readonly kind: string;
  readonly keepUntil: IsoDate;
  readonly message: string;
}

export type CustodyTransition =
  | { readonly ok: true; readonly state: CustodyState }
  | { readonly ok: false; readonly error: IllegalCustodyTransition | BackupStillRetained };

/** When a step happens and, for a backup leaving storage, its keep-until date. */
export interface CustodyTransitionContext {
  /** The step's date in China Standard Time. */
  readonly on?: IsoDate;
  /** The backup's keep-until date (set by backup_retained). */
  readonly keepUntil?: IsoDate | null;
}

/**
 * The state after `kind` in `state` (null: no event yet), or why not. A backup in storage may
 * be disposed of or returned only after its keep-until date, so from `backup_retained` those
 * two need `ctx.on` later than `ctx.keepUntil`. Unknown states and kinds are errors, never
 * exceptions.
 */
export function transitionCustody(
  state: CustodyState | null,
  kind: CustodyKind,
  ctx: CustodyTransitionContext = {},
): CustodyTransition {
  const from: From | undefined =
    state === null ? 'none' : isCustodyState(state) ? state : undefined;
  const next = from && isCustodyKind(kind) ? GRAPH[from][kind] : undefined;
  if (next === undefined) {
    const allowedKinds = allowedCustodyKinds(state);
    const shown = state === null ? 'has no custody event yet' : `is ${String(state)}`;
    let message: string;
    if (from === undefined) message = `unknown custody state ${JSON.stringify(state)}`;
    else if (!isCustodyKind(kind)) message = `unknown custody event ${JSON.stringify(kind)}`;
    else if (allowedKinds.length === 0) message = `the sample ${shown}; its custody has ended`;
    else
      message = `the sample ${shown}: ${kind} may not follow (allowed: ${allowedKinds.join(', ')})`;
    return {
      ok: false,
      error: {
        code: 'ILLEGAL_CUSTODY_TRANSITION',
        currentState: state === null ? null : String(state),
        kind: String(kind),
        allowedKinds,
        message,
      },
    };
  }
  if (state === 'backup_retained' && (kind === 'disposed' || kind === 'returned')) {
    const { on, keepUntil } = ctx;
    if (!keepUntil || !on || on <= keepUntil)
      return {
        ok: false,
        error: {
          code: 'BACKUP_RETAINED',
          currentState: 'backup_retained',
          kind,
          keepUntil: keepUntil ?? '',
          message: keepUntil
            ? `the backup must be kept until ${keepUntil}: it may be ${kind} from the next day, or dispatched for a retest before`
            : `the backup has no keep-until date; it may not be ${kind}`,
        },
      };
  }
  return { ok: true, state: next };
}

/** The event being appended, as the request gives it. */
export interface CustodyEventInput {
  kind: CustodyKind;
  occurredAt: string;
  detail?: Record<string, unknown> | null;
}

/** What the checks of an event see of its sample. */
export interface CustodySampleContext {
  /** The sampling date (China Standard Time). */
  samplingDate: IsoDate;
  /** The end of shelf life on the sampling record, if any. */
  expiryDate: IsoDate | null;
  /** The lab the task assigned. */
  labId: string;
  /** When the last event happened; null before the first. */
  lastOccurredAt: Date | null;
  /** The rules of the sample's sector: how long a backup is kept. */
  rules: SectorRules;
  /**
   * The latest issued version of the report of the lab holding the sample, if any: a
   * backup_retained event takes its verdict and date from it, never from the request.
   */
  report?: IssuedReportRef | null;
}

/**
 * An issued report as custody needs it: its number, latest issued version and verdict, and the
 * day its verdict stands from (CST): the day it was issued, or, after amendments that left the
 * conclusion as it was, the day of the first version that concluded so ({@link standingReport}).
 */
export interface IssuedReportRef {
  reportNo: string;
  version: number;
  verdict: 'pass' | 'fail' | 'not_applicable';
  issuedOn: IsoDate;
}

/** One issued version of a report at a lab, as {@link standingReport} reads it. */
export interface IssuedVersionRef extends IssuedReportRef {
  /** What it concluded beyond the verdict: a digest of its failed items (values and limits). */
  conclusion: string;
}

/**
 * The report the backup is kept from: the latest issued version, with the day of the first
 * version of the latest run of versions concluding the same (verdict and failed items). An
 * amendment re-opens what it changes (docs/rules.md §3.6): one that changes the conclusion
 * starts the backup's keeping afresh from its own day, one that changes nothing of it leaves
 * the day as it was. Versions in any order; null when none is issued.
 */
export function standingReport(versions: readonly IssuedVersionRef[]): IssuedReportRef | null {
  if (versions.length === 0) return null;
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const last = sorted[sorted.length - 1];
  let first = sorted.length - 1;
  while (
    first > 0 &&
    sorted[first - 1].verdict === last.verdict &&
    sorted[first - 1].conclusion === last.conclusion
  )
    first--;
  return {
    reportNo: last.reportNo,
    version: last.version,
    verdict: last.verdict,
    issuedOn: sorted[first].issuedOn,
  };
}

/** How long a backup is kept after a report, and by which rule (a backup_retained's detail). */
export interface BackupKeeping {
  verdict: IssuedReportRef['verdict'];
  verdictDate: IsoDate;
  reportNo: string;
  reportVersion: number;
  keepUntil: IsoDate;
  keepUntilRule: 'backupAfterPass' | 'backupAfterFail' | 'shelf_life';
  keepUntilBasis: RuleRef;
}

/**
 * The backup's keeping after `report` under the sector's rules: `backupAfterPass` or
 * `backupAfterFail` months from the verdict's day, or the end of shelf life when sooner. A
 * report whose items were all not applicable failed nothing: it keeps the backup as a pass.
 */
export function backupKeeping(
  rules: SectorRules,
  report: IssuedReportRef,
  expiryDate: IsoDate | null,
): BackupKeeping {
  const verdict: Verdict = report.verdict === 'fail' ? 'fail' : 'pass';
  const k = backupRetention(rules, verdict, report.issuedOn, expiryDate);
  return {
    verdict: report.verdict,
    verdictDate: report.issuedOn,
    reportNo: report.reportNo,
    reportVersion: report.version,
    keepUntil: k.keepUntil,
    keepUntilRule: k.byShelfLife
      ? 'shelf_life'
      : (k.rule.rule as 'backupAfterPass' | 'backupAfterFail'),
    keepUntilBasis: k.rule,
  };
}

export type CustodyEventCheck =
  | { ok: true; occurredAt: Date; on: IsoDate; detail: Record<string, unknown> }
  | { ok: false; problems: RecordProblem[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL text cannot hold
const TEXT = /^[^\u0000]*[^\s\u0000][^\u0000]*$/;

type DetailRule = (v: unknown) => string | null;
const text =
  (max: number): DetailRule =>
  (v) =>
    typeof v === 'string' && v.length <= max && TEXT.test(v)
      ? null
      : `must be text of 1–${max} characters, not blank, without NUL`;
const oneOf =
  (values: readonly string[]): DetailRule =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`;
const sealList: DetailRule = (v) => {
  if (!Array.isArray(v) || v.length < 1 || v.length > 20)
    return 'must list the seal numbers (1–20)';
  for (const s of v) if (text(64)(s) !== null) return 'each seal number must be 1–64 characters';
  if (new Set(v).size !== v.length) return 'must not list a seal number twice';
  return null;
};
const labId: DetailRule = (v) =>
  typeof v === 'string' && UUID.test(v) ? null : 'must be the id (uuid) of a lab';

/** The detail fields of each kind: required (true) or optional (false), with their rule. */
const DETAIL: Readonly<Record<CustodyKind, Readonly<Record<string, [boolean, DetailRule]>>>> = {
  sampled: {},
  sealed: { sealNumbers: [true, sealList] },
  shipped: { carrier: [false, text(100)], trackingNo: [false, text(100)] },
  received: {},
  rejected_at_receipt: { reason: [true, oneOf(REJECTION_REASONS)] },
  testing: {},
  backup_retained: {},
  retest_dispatched: {
    toLabId: [true, labId],
    carrier: [false, text(100)],
    trackingNo: [false, text(100)],
  },
  disposed: { method: [false, text(200)] },
  returned: { recipient: [false, text(200)] },
};

/**
 * The checks of one event against its sample, all listed under their field paths:
 * `occurredAt` is an RFC 3339 instant, not in the future and not before the previous event;
 * `detail` holds exactly the fields of its kind —
 * - sealed: `sealNumbers` (1–20, distinct);
 * - shipped: optional `carrier`, `trackingNo`;
 * - rejected_at_receipt: `reason` (seal_broken, damaged, wrong_sample);
 * - backup_retained: nothing; the issued report gives `verdict`, `verdictDate` (its day of
 *   issue, not after the event), `reportNo` and `reportVersion`, and from them come
 *   `keepUntil`, `keepUntilRule` (`backupAfterPass`, `backupAfterFail` or `shelf_life`) and
 *   `keepUntilBasis` (the sector rule, with its version and source; sector-rules.ts
 *   `backupRetention`). A report whose items were all not applicable failed nothing: it keeps
 *   the backup as after a pass. Without an issued report the event is refused;
 * - retest_dispatched: `toLabId`, another lab than the sample's, optional carrier and tracking;
 * - disposed: optional `method`; returned: optional `recipient`;
 * - the others: nothing.
 */
export function checkCustodyEvent(
  e: CustodyEventInput,
  sample: CustodySampleContext,
  now: Date,
): CustodyEventCheck {
  const problems: RecordProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field, reason });

  let occurredAt: Date | null = null;
  const at = parseInstant(e.occurredAt);
  if (!at.ok) problem('occurredAt', at.reason);
  else if (at.at.getTime() > now.getTime() + CLOCK_SKEW_MS)
    problem('occurredAt', `must not be in the future (now is ${now.toISOString()})`);
  else if (sample.lastOccurredAt && at.at.getTime() < sample.lastOccurredAt.getTime())
    problem(
      'occurredAt',
      `must not be before the previous custody event (${sample.lastOccurredAt.toISOString()})`,
    );
  else occurredAt = at.at;
  const on = occurredAt ? chinaDate(occurredAt) : null;

  const rules = isCustodyKind(e.kind) ? DETAIL[e.kind] : {};
  const given = e.detail ?? {};
  const detail: Record<string, unknown> = {};
  if (typeof given !== 'object' || Array.isArray(given)) problem('detail', 'must be an object');
  else {
    for (const key of Object.keys(given))
      if (!(key in rules))
        problem(
          `detail.${key}`,
          e.kind === 'backup_retained' && (key === 'verdict' || key === 'verdictDate')
            ? 'is taken from the issued report, not from the request'
            : `unknown field for a ${e.kind} event`,
        );
    for (const [key, [required, rule]] of Object.entries(rules)) {
      const v = given[key];
      if (v === undefined || v === null) {
        if (required) problem(`detail.${key}`, `is required for a ${e.kind} event`);
        continue;
      }
      const why = rule(v);
      if (why) problem(`detail.${key}`, why);
      else detail[key] = v;
    }
  }

  if (e.kind === 'backup_retained') {
    const r = sample.report;
    if (!r)
      problem(
        'kind',
        'the backup is kept from the issued report’s verdict: issue the report first',
      );
    else if (on !== null && r.issuedOn > on)
      problem(
        'occurredAt',
        `must not be before the day report ${r.reportNo} was issued (${r.issuedOn}): the backup is kept from its verdict`,
      );
    else Object.assign(detail, backupKeeping(sample.rules, r, sample.expiryDate));
  }
  if (e.kind === 'retest_dispatched' && detail.toLabId === sample.labId)
    problem('detail.toLabId', 'a retest goes to another lab than the one that tested the sample');

  if (problems.length) return { ok: false, problems };
  return { ok: true, occurredAt: occurredAt!, on: on!, detail };
}
