import { type IsoDate, addCalendarDays } from './calendar/iso-date';
import { isOverdue } from './deadlines';
import { chinaDayStart } from './final-outcome';
import type { Localized } from './verdict';

/**
 * Notifications (提醒): what the system tells regulators and admins without being asked
 * (docs/rules.md §3.7). Each is raised once per kind, subject and recipient.
 *
 * - `delivery_overdue`: a sample has not reached its lab by its due date (the sector rule's
 *   sample delivery period after sampling); subject: the sample.
 * - `testing_overdue`: a lab received a sample and issued no report by its test due date (the
 *   sector rule's testing period after receipt); subject: the sample.
 * - `objection_closed`: the objection window of a failing result has closed (the day after the
 *   result notice's objection deadline); subject: the result notice.
 * - `job_failed`: a background job failed its last attempt; subject: `<queue>/<job id>`.
 * - `recall_holder`: a batch the enterprise holds failed for good: withdraw it and confirm
 *   (docs/cases.md#recall); subject: the follow-up case; addressed to the holder enterprise.
 *
 * The three deadlines follow one rule: raised on the first day the step is overdue (`isOverdue`:
 * the due day itself is still in time), that is the day after the due date, in China.
 */
export const NOTIFICATION_KINDS = [
  'delivery_overdue',
  'testing_overdue',
  'objection_closed',
  'job_failed',
  'recall_holder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who a notification is addressed to: the regulators (of a jurisdiction, or one), or admins. */
export const NOTIFICATION_AUDIENCES = ['regulator', 'admin', 'enterprise'] as const;
export type NotificationAudience = (typeof NOTIFICATION_AUDIENCES)[number];

export function isNotificationKind(x: unknown): x is NotificationKind {
  return typeof x === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(x);
}

/** What the notifier knows of one sample's deadlines, as stored. */
export interface SampleDeadlineFacts {
  sampleId: string;
  /** The 5th working day after sampling (`sample.lab_due_date`). */
  labDueDate: IsoDate;
  /** The sample reached its lab (received or rejected there). */
  arrived: boolean;
  /** The 20th working day after receipt, once the lab received it (`lab_receipt.test_due_date`). */
  testDueDate: IsoDate | null;
  /** The lab issued a report on it. */
  tested: boolean;
  /**
   * The result notice of the report version that counts (the latest issued at its lab), when
   * that version failed: its objection window is what closes.
   */
  failedNotice: { noticeId: string; objectionDeadline: IsoDate } | null;
}

/** A deadline the notifier watches: what would be raised about what, and when it is due. */
export interface WatchedDeadline {
  kind: Exclude<NotificationKind, 'job_failed' | 'recall_holder'>;
  /** The sample's id, or the result notice's for `objection_closed`. */
  subject: string;
  /** The last day in time. */
  dueDate: IsoDate;
  /** The day it is raised on: the day after `dueDate`. */
  raiseOn: IsoDate;
}

export interface SampleDeadlineDecision {
  /** Passed and not done: raise now. */
  raise: WatchedDeadline[];
  /** Pending and not passed yet: to be raised on `raiseOn` unless done by then. */
  later: WatchedDeadline[];
}

/**
 * Which of a sample's deadlines are to be raised on `today` (China), and which will be unless
 * their step is done in time. Done steps are neither. Depends only on the facts and the day,
 * so deciding again changes nothing.
 */
export function sampleDeadlines(f: SampleDeadlineFacts, today: IsoDate): SampleDeadlineDecision {
  const watched: WatchedDeadline[] = [];
  const watch = (kind: WatchedDeadline['kind'], subject: string, dueDate: IsoDate) =>
    watched.push({ kind, subject, dueDate, raiseOn: addCalendarDays(dueDate, 1) });
  if (!f.arrived) watch('delivery_overdue', f.sampleId, f.labDueDate);
  if (f.testDueDate !== null && !f.tested) watch('testing_overdue', f.sampleId, f.testDueDate);
  if (f.failedNotice)
    watch('objection_closed', f.failedNotice.noticeId, f.failedNotice.objectionDeadline);
  const decision: SampleDeadlineDecision = { raise: [], later: [] };
  for (const w of watched)
    (isOverdue(w.dueDate, false, today) ? decision.raise : decision.later).push(w);
  return decision;
}

/** When a watched deadline's own delayed job runs: the start of its `raiseOn` day in China. */
export function deadlineRaisesAt(w: WatchedDeadline): Date {
  return chinaDayStart(w.raiseOn);
}

/** What a notification says besides its kind, by kind (stored as `detail`). */
export interface NotificationDetails {
  /** `days` and `dayKind`: the sector rule's period the due date came from, when known. */
  delivery_overdue: {
    sampleNo: string;
    dueDate: IsoDate;
    planCode: string;
    days?: number;
    dayKind?: string;
  };
  testing_overdue: {
    sampleNo: string;
    dueDate: IsoDate;
    labName: string;
    days?: number;
    dayKind?: string;
  };
  objection_closed: { sampleNo: string; dueDate: IsoDate; reportNo: string };
  job_failed: { queue: string; job: string; jobId: string; attempts: number; error: string };
  recall_holder: {
    caseId: string;
    sampleNo: string;
    productName: string;
    gtin: string;
    batch: string;
    holder: string;
  };
}

/** The longest error text a `job_failed` notification carries (the whole is in failed_job). */
export const NOTIFIED_ERROR_LENGTH = 500;

/** The first line of an error, cut to {@link NOTIFIED_ERROR_LENGTH} characters. */
export function notifiedError(error: string): string {
  const line = error.split('\n', 1)[0].trim() || 'failed';
  return line.length > NOTIFIED_ERROR_LENGTH
    ? `${line.slice(0, NOTIFIED_ERROR_LENGTH - 1)}…`
    : line;
}

const text = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? `${v}` : '?';

/** The period a due date came from (its sector rule), in words; empty when unknown. */
function period(d: Record<string, unknown>, zhAfter: string, enAfter: string): Localized {
  if (typeof d.days !== 'number') return { zh: '', en: '' };
  const working = d.dayKind !== 'calendar';
  return {
    zh: `${zhAfter}${d.days}${working ? '个工作日' : '日'}内`,
    en: `${d.days} ${working ? 'working ' : ''}days after ${enAfter}`,
  };
}

/**
 * What a notification says, in Chinese and English, from its kind and detail. Computed when it
 * is read, so the wording can change without touching stored rows; a detail missing a field
 * shows `?` there rather than failing.
 */
export function notificationMessage(kind: NotificationKind, detail: unknown): Localized {
  const d = (detail ?? {}) as Record<string, unknown>;
  switch (kind) {
    case 'delivery_overdue': {
      const p = period(d, '抽样后', 'sampling');
      return {
        zh: `样品 ${text(d.sampleNo)} 未在 ${text(d.dueDate)} 前送达检验机构${p.zh ? `（${p.zh}）` : ''}`,
        en: `Sample ${text(d.sampleNo)} did not reach its lab by ${text(d.dueDate)}${p.en ? ` (${p.en})` : ''}`,
      };
    }
    case 'testing_overdue': {
      const p = period(d, '收样后', 'receipt');
      return {
        zh: `样品 ${text(d.sampleNo)} 的检验报告未在 ${text(d.dueDate)} 前出具（${text(d.labName)}${p.zh ? `，${p.zh}` : ''}）`,
        en: `No report on sample ${text(d.sampleNo)} by ${text(d.dueDate)} (${text(d.labName)}${p.en ? `, ${p.en}` : ''})`,
      };
    }
    case 'objection_closed':
      return {
        zh: `样品 ${text(d.sampleNo)} 不合格结果（报告 ${text(d.reportNo)}）的复检申请期限已于 ${text(d.dueDate)} 届满`,
        en: `The objection window of the failing result of sample ${text(d.sampleNo)} (report ${text(d.reportNo)}) closed on ${text(d.dueDate)}`,
      };
    case 'recall_holder':
      return {
        zh: `您经营的 ${text(d.productName)}（GTIN ${text(d.gtin)}，批号 ${text(d.batch)}）经抽检不合格（样品 ${text(d.sampleNo)}），请立即下架并确认`,
        en: `${text(d.productName)} (GTIN ${text(d.gtin)}, batch ${text(d.batch)}), which you hold, failed its spot check for good (sample ${text(d.sampleNo)}): withdraw it and confirm`,
      };
    case 'job_failed':
      return {
        zh: `后台任务 ${text(d.job)}（队列 ${text(d.queue)}，编号 ${text(d.jobId)}）${text(d.attempts)} 次尝试均失败：${text(d.error)}`,
        en: `Background job ${text(d.job)} (queue ${text(d.queue)}, id ${text(d.jobId)}) failed all ${text(d.attempts)} attempts: ${text(d.error)}`,
      };
  }
}
