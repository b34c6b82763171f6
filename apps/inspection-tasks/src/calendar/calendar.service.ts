import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { recordAudit } from '@spotcheck/common';
import { CalendarDayView, Deadline, WorkCalendarService } from '@spotcheck/database';
import { calendarDaysBetween, invalidError } from '@spotcheck/domain';
import { CalendarRangeQuery, DeadlineQuery, SetCalendarDayDto } from './calendar.dto';

/** Two years: enough to look at a holiday season across a year end, small enough to answer. */
export const MAX_RANGE_DAYS = 731;

@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly calendar: WorkCalendarService,
  ) {}

  async list(q: CalendarRangeQuery) {
    const span = calendarDaysBetween(q.from, q.to);
    if (span < 0)
      throw invalidError([{ field: 'to', reason: `must not be before from (${q.from})` }]);
    if (span >= MAX_RANGE_DAYS) {
      throw invalidError([
        { field: 'to', reason: `at most ${MAX_RANGE_DAYS} days from ${q.from}` },
      ]);
    }
    return { from: q.from, to: q.to, days: await this.calendar.days(q.from, q.to) };
  }

  deadline(q: DeadlineQuery): Promise<Deadline> {
    if ((q.workingDays === undefined) === (q.calendarDays === undefined)) {
      throw invalidError([
        {
          field: 'workingDays',
          reason:
            q.workingDays === undefined
              ? 'give workingDays (or calendarDays)'
              : 'give workingDays or calendarDays, not both',
        },
      ]);
    }
    return q.workingDays !== undefined
      ? this.calendar.workingDayDeadline(q.from, q.workingDays)
      : this.calendar.calendarDayDeadline(q.from, q.calendarDays!);
  }

  /**
   * An admin sets one day. The row becomes `source = admin`, which the chinese-days seed never
   * overwrites; the audit entry keeps the previous flag and where it came from.
   */
  async setDay(p: Principal, date: string, dto: SetCalendarDayDto): Promise<CalendarDayView> {
    const name = dto.name ?? null;
    const after = await this.ds.transaction(async (m) => {
      const { before, after } = await this.calendar.setDay(m, date, dto.workday, name, p.sub);
      await recordAudit(m, p, [
        {
          action: 'set-day',
          entityType: 'work_calendar',
          entityId: date,
          before: before.source === 'weekday-rule' ? null : before,
          after,
          detail: {
            workday: dto.workday,
            name,
            was: { workday: before.workday, name: before.name, source: before.source },
          },
        },
      ]);
      return after;
    });
    // After the commit, so a deadline asked for meanwhile cannot cache the old day again.
    this.calendar.invalidate();
    return after;
  }
}
