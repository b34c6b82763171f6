import type { CalendarEntry } from '@spotcheck/domain';
import type { WorkCalendarRepository } from './work-calendar.repository';
import { WorkCalendarService } from './work-calendar.service';

/** A repository that answers the whole calendar with the days given, counting the loads. */
function fakeSource(rows: () => CalendarEntry[]) {
  const query = jest.fn(async () => rows());
  return { ds: { all: query } as unknown as WorkCalendarRepository, query };
}

const HOLIDAY = [{ date: '2026-10-08', workday: false, name: '测试' }];

describe('WorkCalendarService cache', () => {
  it('loads once per TTL, and again after invalidate()', async () => {
    let rows: CalendarEntry[] = [];
    const { ds, query } = fakeSource(() => rows);
    const svc = new WorkCalendarService(ds);
    const t0 = 1_000_000;
    const first = await svc.calendar(t0);
    expect(await svc.calendar(t0 + WorkCalendarService.TTL_MS - 1)).toBe(first);
    expect(query).toHaveBeenCalledTimes(1);

    rows = HOLIDAY;
    expect((await svc.calendar(t0 + 1)).isWorkday('2026-10-08')).toBe(true); // still cached
    svc.invalidate();
    expect((await svc.calendar(t0 + 2)).isWorkday('2026-10-08')).toBe(false);
    expect(query).toHaveBeenCalledTimes(2);

    await svc.calendar(t0 + 2 + WorkCalendarService.TTL_MS);
    expect(query).toHaveBeenCalledTimes(3);
  });

  it('shares one load between concurrent callers and does not keep a failed one', async () => {
    let fail = true;
    const { ds, query } = fakeSource(() => {
      if (fail) throw new Error('connection lost');
      return HOLIDAY;
    });
    const svc = new WorkCalendarService(ds);
    const [a, b] = [svc.calendar(0), svc.calendar(0)];
    await expect(a).rejects.toThrow('connection lost');
    await expect(b).rejects.toThrow('connection lost');
    expect(query).toHaveBeenCalledTimes(1);
    fail = false;
    expect((await svc.calendar(1)).isWorkday('2026-10-08')).toBe(false);
  });

  it('answers deadlines with whether every day counted was in the table', async () => {
    const days = Array.from({ length: 10 }, (_, i) => ({
      date: `2026-10-0${i}`,
      workday: i !== 8,
      name: null,
    })).slice(1); // 2026-10-01 … 2026-10-09, the 8th off
    const svc = new WorkCalendarService(fakeSource(() => days).ds);
    expect(await svc.workingDayDeadline('2026-10-06', 2)).toEqual({
      from: '2026-10-06',
      workingDays: 2,
      deadline: '2026-10-09',
      covered: true,
      firstUncovered: null,
    });
    expect(await svc.workingDayDeadline('2026-10-08', 2)).toMatchObject({
      deadline: '2026-10-12',
      covered: false,
      firstUncovered: '2026-10-10',
    });
    expect(await svc.calendarDayDeadline('2026-10-01', 7)).toMatchObject({
      calendarDays: 7,
      deadline: '2026-10-09',
      covered: true,
    });
  });
});
