import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  type RuleRef,
  type WatchedDeadline,
  addCalendarDays,
  deadlineRaisesAt,
  deadlineToday,
  sampleDeadlines,
} from '@spotcheck/domain';
import type { JobName } from '@spotcheck/queue';
import {
  NotificationRepository,
  NotificationToRaise,
  RaisedNotification,
  SampleDeadlineRow,
} from './notification.repository';

/** A deadline still to come, with the sample whose job will look at it again. */
export interface UpcomingDeadline extends WatchedDeadline {
  sampleId: string;
}

export interface Noticed {
  raised: RaisedNotification[];
  upcoming: UpcomingDeadline[];
}

/** What the sweep decides at once. */
export const NOTIFY_SWEEP_BATCH = 500;

/**
 * How far back the sweep looks for deadlines that passed without their notification: far
 * beyond any outage it makes up for, and it keeps the first sweep on an old database from
 * raising the whole history.
 */
export const NOTIFY_SWEEP_LOOKBACK_DAYS = 31;

/** The delayed job's id: one per deadline and day, so scheduling twice makes one job. */
export const notifyJobId = (w: WatchedDeadline) => `notify-${w.kind}-${w.subject}-${w.raiseOn}`;

/**
 * Raises the regulators' deadline notifications (docs/rules.md §3.7): a delivery or a test
 * overdue, a failing result's objection window closed. Deciding is a function of the stored
 * facts and the day (libs/domain `sampleDeadlines`), and raising is once per kind, subject and
 * recipient (the table's unique key), so it runs whenever a deadline is set (sampling, receipt,
 * an issued report), when a deadline's delayed job fires, and from the sweep, in any order and
 * as often as needed. Each goes to the regulators of the plan's jurisdiction.
 */
@Injectable()
export class DeadlineNotifier {
  private readonly logger = new Logger(DeadlineNotifier.name);
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notifications: NotificationRepository,
    @InjectQueue('notifications') private readonly queue: Queue,
  ) {}

  /** Raises what is due for `sampleIds` as of `now`; returns it and what is still to come. */
  async decide(sampleIds: readonly string[], now = new Date()): Promise<Noticed> {
    if (sampleIds.length === 0) return { raised: [], upcoming: [] };
    const today = deadlineToday(now);
    const raise: NotificationToRaise[] = [];
    const upcoming: UpcomingDeadline[] = [];
    for (const f of await this.notifications.facts(this.ds.manager, sampleIds)) {
      const d = sampleDeadlines(
        {
          sampleId: f.sampleId,
          labDueDate: f.labDueDate,
          arrived: f.arrived,
          testDueDate: f.testDueDate,
          tested: f.tested,
          failedNotice:
            f.noticeId && f.objectionDeadline
              ? { noticeId: f.noticeId, objectionDeadline: f.objectionDeadline }
              : null,
        },
        today,
      );
      raise.push(...d.raise.map((w) => toRaise(f, w)));
      upcoming.push(...d.later.map((w) => ({ ...w, sampleId: f.sampleId })));
    }
    const raised = await this.notifications.raise(this.ds.manager, raise);
    for (const r of raised) this.logger.log(`raised ${r.kind} about ${r.subject}`);
    return { raised, upcoming };
  }

  /**
   * Gives each deadline still to come a delayed job at the start of the day it would be raised.
   * The id names the deadline and the day, so scheduling again adds nothing; a job lost with
   * Redis is made up for by the sweep.
   */
  async schedule(upcoming: readonly UpcomingDeadline[]): Promise<void> {
    if (upcoming.length === 0) return;
    const job: JobName = 'notification.due';
    await this.queue.addBulk(
      upcoming.map((u) => ({
        name: job,
        data: { sampleId: u.sampleId },
        opts: {
          jobId: notifyJobId(u),
          delay: Math.max(0, deadlineRaisesAt(u).getTime() - Date.now()),
        },
      })),
    );
  }

  /** Decides, and schedules what is still to come. */
  async decideAndSchedule(sampleIds: readonly string[], now = new Date()): Promise<Noticed> {
    const r = await this.decide(sampleIds, now);
    await this.schedule(r.upcoming);
    return r;
  }

  /**
   * Raises every notification whose deadline passed in the last
   * {@link NOTIFY_SWEEP_LOOKBACK_DAYS} days and was not raised yet, a page of samples at a
   * time (keyset by id, so a sample is read once per sweep). Returns how many it raised.
   */
  async sweep(now = new Date()): Promise<{ samples: number; raised: number }> {
    const today = deadlineToday(now);
    const since = addCalendarDays(today, -NOTIFY_SWEEP_LOOKBACK_DAYS);
    let after: string | null = null;
    let samples = 0;
    let raised = 0;
    for (;;) {
      const page = await this.notifications.due(
        this.ds.manager,
        today,
        since,
        after,
        NOTIFY_SWEEP_BATCH,
      );
      if (page.length === 0) break;
      raised += (await this.decideAndSchedule(page, now)).raised.length;
      samples += page.length;
      after = page[page.length - 1];
      if (page.length < NOTIFY_SWEEP_BATCH) break;
    }
    return { samples, raised };
  }
}

/** The notification of a passed deadline, to the regulators of the plan's jurisdiction. */
function toRaise(f: SampleDeadlineRow, w: WatchedDeadline): NotificationToRaise {
  const to = { audience: 'regulator' as const, jurisdiction: f.jurisdiction, addressee: null };
  const base = { subject: w.subject, dueOn: w.dueDate, ...to };
  switch (w.kind) {
    case 'delivery_overdue':
      return {
        ...base,
        kind: w.kind,
        detail: {
          sampleNo: f.sampleNo,
          dueDate: w.dueDate,
          planCode: f.planCode,
          ...periodOf(f.labDueRule),
        },
      };
    case 'testing_overdue':
      return {
        ...base,
        kind: w.kind,
        detail: {
          sampleNo: f.sampleNo,
          dueDate: w.dueDate,
          labName: f.labName,
          ...periodOf(f.testDueRule),
        },
      };
    case 'objection_closed':
      return {
        ...base,
        kind: w.kind,
        detail: { sampleNo: f.sampleNo, dueDate: w.dueDate, reportNo: f.reportNo ?? '' },
      };
  }
}

/** The period of the sector rule a due date came from, for the message. */
function periodOf(rule: RuleRef | null): { days?: number; dayKind?: string } {
  return rule?.days !== undefined ? { days: rule.days, dayKind: rule.dayKind } : {};
}
