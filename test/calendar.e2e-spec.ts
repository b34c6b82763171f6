import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@spotcheck/auth';
import { CHINESE_DAYS_SOURCE, seedWorkCalendar } from '@spotcheck/database';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { ADMIN, REGULATOR_HOHHOT, bearer, bootHttp, dataSource } from './support/app';

const LAB: Principal = {
  sub: 'lab-user',
  role: 'lab',
  org: '00000000-0000-4000-8000-000000000001',
};
const ENTERPRISE: Principal = { sub: 'ent-user', role: 'enterprise', org: '91350100M000100Y43' };

let app: NestFastifyApplication;
beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
});
afterAll(async () => {
  // Put back what the admin edits changed, so later test files see the package's calendar.
  const ds = dataSource(app);
  await ds.query(`DELETE FROM work_calendar WHERE source = 'admin'`);
  await seedWorkCalendar(ds);
  await app.close();
});

const get = (url: string, p: Principal = REGULATOR_HOHHOT) =>
  app.inject({ method: 'GET', url, headers: bearer(p) });
const put = (date: string, payload: object, p: Principal = ADMIN) =>
  app.inject({ method: 'PUT', url: `/api/v1/calendar/${date}`, headers: bearer(p), payload });

describe('working-day calendar', () => {
  it('is seeded from chinese-days at migration time: holidays off, make-up weekends on', async () => {
    const res = await get('/api/v1/calendar?from=2026-02-13&to=2026-02-24');
    expect(res.statusCode).toBe(200);
    const days = res.json().days as { date: string; workday: boolean; name: string | null }[];
    expect(days).toHaveLength(12);
    expect(days[0]).toEqual({
      date: '2026-02-13',
      isoWeekday: 5,
      workday: true,
      name: null,
      source: 'chinese-days',
      updatedAt: expect.any(String),
      updatedBy: CHINESE_DAYS_SOURCE,
    });
    // Sat 02-14 is a make-up working day; 02-15 (Sun) … 02-23 (Mon) is the Spring Festival.
    expect(days[1]).toMatchObject({ date: '2026-02-14', isoWeekday: 6, workday: true });
    expect(days[1].name).toBe('春节调休上班');
    expect(days.slice(2, 11).every((d) => !d.workday && d.name === '春节')).toBe(true);
    expect(days[11]).toMatchObject({ date: '2026-02-24', workday: true });

    // National Day 2025 with Mid-Autumn; Sun 09-28 worked.
    const oct = await get('/api/v1/calendar?from=2025-09-28&to=2025-10-11', ADMIN);
    const flags = Object.fromEntries(
      (oct.json().days as { date: string; workday: boolean }[]).map((d) => [d.date, d.workday]),
    );
    expect(flags['2025-09-28']).toBe(true);
    expect(flags['2025-10-06']).toBe(false);
    expect(flags['2025-10-08']).toBe(false);
    expect(flags['2025-10-11']).toBe(true);

    const [seeded] = await dataSource(app).query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'seed-calendar'`,
    );
    expect(seeded.n).toBeGreaterThanOrEqual(1);
  });

  it('shows days beyond the data as the weekday rule', async () => {
    const res = await get('/api/v1/calendar?from=2099-01-02&to=2099-01-05');
    expect(
      res.json().days.map((d: { source: string; workday: boolean }) => [d.source, d.workday]),
    ).toEqual([
      ['weekday-rule', true], // Friday
      ['weekday-rule', false],
      ['weekday-rule', false],
      ['weekday-rule', true],
    ]);
  });

  it('answers deadlines across the Spring Festival and National Day', async () => {
    const within5 = await get('/api/v1/calendar/deadline?from=2026-02-12&workingDays=5');
    expect(within5.statusCode).toBe(200);
    expect(within5.json()).toEqual({
      from: '2026-02-12',
      workingDays: 5,
      deadline: '2026-02-26',
      covered: true,
      firstUncovered: null,
    });
    // Sampled during the holiday: the 5th working day is the make-up Saturday 02-28.
    expect(
      (await get('/api/v1/calendar/deadline?from=2026-02-18&workingDays=5')).json(),
    ).toMatchObject({ deadline: '2026-02-28' });
    // The lab's 20 working days from receipt.
    expect(
      (await get('/api/v1/calendar/deadline?from=2026-02-10&workingDays=20', LAB)).json(),
    ).toMatchObject({ deadline: '2026-03-16' });
    // 15 calendar days ending on the last day of National Day move to the next working day.
    expect(
      (await get('/api/v1/calendar/deadline?from=2026-09-22&calendarDays=15', ENTERPRISE)).json(),
    ).toEqual({
      from: '2026-09-22',
      calendarDays: 15,
      deadline: '2026-10-08',
      covered: true,
      firstUncovered: null,
    });
  });

  it('says when a deadline relies on days nobody has entered yet', async () => {
    const [{ last }] = await dataSource(app).query(
      `SELECT max(day)::text AS last FROM work_calendar`,
    );
    const res = await get(`/api/v1/calendar/deadline?from=${last}&workingDays=10`);
    expect(res.json()).toMatchObject({ covered: false, firstUncovered: expect.any(String) });
    expect(res.json().firstUncovered > last).toBe(true);
  });

  it('lets an admin change a day, audits it, and deadlines follow at once', async () => {
    // Fri 2026-05-08 after the Labour Day week: Sat 05-09 is a make-up day, then Mon 05-11.
    const before = await get('/api/v1/calendar/deadline?from=2026-05-08&workingDays=2');
    expect(before.json().deadline).toBe('2026-05-11');

    const res = await put('2026-05-11', { workday: false, name: '地方调休' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      date: '2026-05-11',
      workday: false,
      name: '地方调休',
      source: 'admin',
      updatedBy: ADMIN.sub,
    });

    const after = await get('/api/v1/calendar/deadline?from=2026-05-08&workingDays=2');
    expect(after.json().deadline).toBe('2026-05-12');
    const listed = await get('/api/v1/calendar?from=2026-05-11&to=2026-05-11', LAB);
    expect(listed.json().days[0]).toMatchObject({ workday: false, source: 'admin' });

    const audit = await dataSource(app).query(
      `SELECT actor, role, action, before_digest, after_digest, detail FROM audit_log
       WHERE entity_type = 'work_calendar' AND entity_id = '2026-05-11'`,
    );
    expect(audit).toEqual([
      {
        actor: ADMIN.sub,
        role: 'admin',
        action: 'set-day',
        before_digest: expect.stringMatching(/^[0-9a-f]{64}$/),
        after_digest: expect.stringMatching(/^[0-9a-f]{64}$/),
        detail: {
          workday: false,
          name: '地方调休',
          was: { workday: true, name: null, source: 'chinese-days' },
        },
      },
    ]);
  });

  it('keeps admin edits when the seed runs again, and changes nothing else', async () => {
    await put('2026-05-11', { workday: false, name: '地方调休' });
    const again = await seedWorkCalendar(dataSource(app));
    expect(again).toMatchObject({ inserted: 0, updated: 0, keptAdminEdits: 1 });
    const day = await get('/api/v1/calendar?from=2026-05-11&to=2026-05-11');
    expect(day.json().days[0]).toMatchObject({ workday: false, source: 'admin' });
  });

  it('takes a day the data does not have, and a name may be left out', async () => {
    const res = await put('2099-01-03', { workday: true }); // a Saturday
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      date: '2099-01-03',
      workday: true,
      name: null,
      isoWeekday: 6,
    });
    expect(
      (await get('/api/v1/calendar/deadline?from=2099-01-02&workingDays=1')).json(),
    ).toMatchObject({ deadline: '2099-01-03', covered: true });
  });

  it('audits two changes of one new day at once in order: each before is what it replaced', async () => {
    const date = '2099-02-07'; // a Saturday no row holds yet
    const rs = await Promise.all([
      put(date, { workday: true, name: '甲' }),
      put(date, { workday: true, name: '乙' }),
    ]);
    expect(rs.map((r) => r.statusCode)).toEqual([200, 200]);
    const audit = (await dataSource(app).query(
      `SELECT detail->'was' AS was, detail->>'name' AS name FROM audit_log
        WHERE entity_type = 'work_calendar' AND entity_id = $1 ORDER BY seq`,
      [date],
    )) as { was: { name: string | null; source: string }; name: string }[];
    expect(audit).toHaveLength(2);
    expect(audit[0].was).toMatchObject({ source: 'weekday-rule' });
    // The second replaced the first's day, not the weekday rule.
    expect(audit[1].was).toMatchObject({ source: 'admin', name: audit[0].name });
  });

  it('lets only admins edit (403), and nobody without a token (401)', async () => {
    for (const p of [REGULATOR_HOHHOT, LAB, ENTERPRISE]) {
      const res = await put('2026-05-12', { workday: false }, p);
      expect(res.statusCode).toBe(403);
    }
    const anonymous = await app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/2026-05-12',
      payload: { workday: false },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/api/v1/calendar?from=2026-01-01&to=2026-01-02' })).statusCode,
    ).toBe(401);
    const [{ n }] = await dataSource(app).query(
      `SELECT count(*)::int AS n FROM work_calendar WHERE day = '2026-05-12' AND source = 'admin'`,
    );
    expect(n).toBe(0);
  });

  it('answers 400 with the field and the reason for bad input', async () => {
    const cases: [Promise<{ statusCode: number; json: () => unknown }>, object][] = [
      [
        put('2026-02-30', { workday: true }),
        { field: 'date', reason: '2026-02-30 does not exist (2026-02 has 28 days)' },
      ],
      [
        put('26-02-14', { workday: true }),
        { field: 'date', reason: 'must be a date written YYYY-MM-DD, got "26-02-14"' },
      ],
      [
        put('1999-12-31', { workday: true }),
        { field: 'date', reason: 'must be between 2000-01-01 and 2100-12-31, got 1999-12-31' },
      ],
      [put('2026-05-12', {}), { field: 'workday', reason: expect.stringContaining('boolean') }],
      [put('2026-05-12', { workday: 'yes' }), { field: 'workday' }],
      [put('2026-05-12', { workday: false, name: '' }), { field: 'name' }],
      [
        put('2026-05-12', { workday: false, extra: 1 }),
        { field: 'extra', reason: 'unknown field' },
      ],
      [
        get('/api/v1/calendar?from=2026-13-01&to=2026-12-31'),
        { field: 'from', reason: 'month 13 does not exist' },
      ],
      [get('/api/v1/calendar?from=2026-02-01'), { field: 'to' }],
      [
        get('/api/v1/calendar?from=2026-02-01&to=2026-01-31'),
        { field: 'to', reason: 'must not be before from (2026-02-01)' },
      ],
      [
        get('/api/v1/calendar?from=2020-01-01&to=2026-01-01'),
        { field: 'to', reason: 'at most 731 days from 2020-01-01' },
      ],
      [
        get('/api/v1/calendar/deadline?from=2026-02-12'),
        { field: 'workingDays', reason: 'give workingDays (or calendarDays)' },
      ],
      [
        get('/api/v1/calendar/deadline?from=2026-02-12&workingDays=5&calendarDays=15'),
        { field: 'workingDays', reason: 'give workingDays or calendarDays, not both' },
      ],
      [get('/api/v1/calendar/deadline?from=2026-02-12&workingDays=0'), { field: 'workingDays' }],
      [get('/api/v1/calendar/deadline?from=2026-02-12&workingDays=five'), { field: 'workingDays' }],
      [get('/api/v1/calendar/deadline?from=2026/02/12&workingDays=5'), { field: 'from' }],
    ];
    for (const [request, error] of cases) {
      const res = await request;
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: expect.arrayContaining([expect.objectContaining(error)]),
      });
    }
  });
});
