import { CalendarModule } from '../../../apps/inspection-tasks/src/calendar/calendar.module';
import { CalendarService } from '../../../apps/inspection-tasks/src/calendar/calendar.service';
import { ADMIN, failure, marks, writtenSince } from '../factories/directories';
import { Medium, medium } from '../support';

/** A day of 2098, far from any day another test counts, distinct per process. */
const farDay = () => {
  const d = new Date(Date.UTC(2098, 0, 1) + (process.pid % 360) * 86_400_000);
  return d.toISOString().slice(0, 10);
};

describe('CalendarService', () => {
  let m: Medium;
  let svc: CalendarService;
  beforeAll(async () => {
    m = await medium([CalendarModule]);
    svc = m.get(CalendarService);
  });
  afterAll(() => m.close());

  it('sets a day as an admin edit, auditing what it replaced, and counts it at once', async () => {
    const day = farDay();
    const before = await marks(m.ds);
    const first = await svc.setDay(ADMIN, day, { workday: false, name: '测试假日' });
    expect(first).toMatchObject({ date: day, workday: false, name: '测试假日', source: 'admin' });
    const second = await svc.setDay(ADMIN, day, { workday: true });
    expect(second).toMatchObject({ workday: true, name: null, source: 'admin' });
    const { audit } = await writtenSince(m.ds, before);
    expect(audit.map((a) => [a.action, a.entityId])).toEqual([
      ['set-day', day],
      ['set-day', day],
    ]);
    expect(audit[1].detail).toMatchObject({
      workday: true,
      was: { workday: false, name: '测试假日', source: 'admin' },
    });
    const { days } = await svc.list({ from: day, to: day });
    expect(days).toEqual([expect.objectContaining({ date: day, workday: true, source: 'admin' })]);
  });

  it('refuses a range that runs backwards or is longer than two years, naming `to`', async () => {
    const back = await failure(() => svc.list({ from: '2026-03-01', to: '2026-02-01' }));
    expect(back.details.errors).toEqual([
      { field: 'to', reason: 'must not be before from (2026-03-01)' },
    ]);
    const long = await failure(() => svc.list({ from: '2026-01-01', to: '2028-01-02' }));
    expect(long).toMatchObject({ kind: 'invalid' });
  });

  it('asks for exactly one of workingDays and calendarDays', async () => {
    const none = await failure(() => svc.deadline({ from: '2026-02-12' }));
    expect(none.details.errors).toEqual([
      { field: 'workingDays', reason: 'give workingDays (or calendarDays)' },
    ]);
    const both = await failure(() =>
      svc.deadline({ from: '2026-02-12', workingDays: 5, calendarDays: 5 }),
    );
    expect(both.details.errors).toEqual([
      { field: 'workingDays', reason: 'give workingDays or calendarDays, not both' },
    ]);
    // 2026-02-12 (Thu) + 5 working days across the Spring Festival holiday.
    const d = await svc.deadline({ from: '2026-02-12', workingDays: 5 });
    expect(d).toMatchObject({ from: '2026-02-12', workingDays: 5, covered: true });
    expect(d.deadline > '2026-02-19').toBe(true);
  });
});
