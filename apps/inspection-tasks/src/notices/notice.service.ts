import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Scope, scopeOf } from '@spotcheck/auth';
import { recordAudit } from '@spotcheck/common';
import { WorkCalendarService } from '@spotcheck/database';
import {
  type WorkCalendar,
  chinaDate,
  dayNumber,
  forbiddenError,
  notFoundError,
} from '@spotcheck/domain';
import { NoticeRepository, NoticeView } from './notice.repository';

/**
 * A notice as answered: with the days left to its objection deadline, counted as the deadline's
 * rule counts them (working days on the calendar, or calendar days).
 */
export interface NoticeAnswer extends NoticeView {
  daysLeft: number | null;
}

/**
 * Result notices (检验结果通知书) as an enterprise reads them. Written by lab-results when a
 * report version is issued; addressed to the sampled enterprise, and readable by the nominal
 * manufacturer named on the sampling record. Only the addressee marks one read.
 */
@Injectable()
export class NoticeService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notices: NoticeRepository,
    private readonly calendar: WorkCalendarService,
  ) {}

  async list(p: Principal): Promise<{ items: NoticeAnswer[] }> {
    const items = await this.notices.list(this.scope(p));
    const left = daysLeft(await this.calendar.calendar());
    return { items: items.map(left) };
  }

  /** `id` is a UUID (the controller's `@IdParam`). */
  async get(p: Principal, id: string): Promise<NoticeAnswer> {
    const n = await this.find(this.ds.manager, this.scope(p), id);
    return daysLeft(await this.calendar.calendar())(n);
  }

  /** Marks the notice read (the first time only); by the enterprise it is addressed to. */
  async read(p: Principal, id: string): Promise<NoticeAnswer> {
    const scope = this.scope(p);
    const left = daysLeft(await this.calendar.calendar());
    const after = await this.ds.transaction(async (m) => {
      const before = await this.find(m, scope, id);
      if (p.role !== 'enterprise' || before.uscc !== p.org)
        throw forbiddenError('only the enterprise the notice is addressed to marks it read');
      if (before.readAt !== null) return before;
      const marked = await this.notices.markRead(m, id);
      const after = await this.find(m, scope, id);
      if (!marked) return after;
      await recordAudit(m, p, [
        { action: 'read', entityType: 'result_notice', entityId: id, before, after },
      ]);
      return after;
    });
    return left(after);
  }

  private scope(p: Principal): Scope {
    return scopeOf(p, 'result notices', ['enterprise', 'admin']);
  }

  private async find(m: EntityManager, scope: Scope, id: string): Promise<NoticeView> {
    const row = await this.notices.find(m, scope, id);
    if (!row) throw notFoundError('notice', id);
    return row;
  }
}

/**
 * Days from today (Beijing) to the objection deadline, the last day in time, as its rule counts
 * them: working days on the calendar (holidays off, make-up days on) unless the rule counts
 * calendar days; 0 on the day itself, negative (calendar days) once past; null when the
 * calendar cannot count the span.
 */
function daysLeft(cal: WorkCalendar, today = chinaDate(new Date())) {
  return (n: NoticeView): NoticeAnswer => {
    const due = n.objectionDeadline;
    let left: number | null;
    if (due <= today || n.objectionDeadlineRule?.dayKind === 'calendar')
      left = dayNumber(due) - dayNumber(today);
    else
      try {
        left = cal.workingDaysBetween(today, due);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        left = null;
      }
    return { ...n, daysLeft: left };
  };
}
