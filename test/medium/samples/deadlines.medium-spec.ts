import { TODAY_SQL, lateSql, overdueSql } from '@spotcheck/database';
import { addCalendarDays, deadlineToday, isLate, isOverdue } from '@spotcheck/domain';
import { Medium, medium } from '../support';

/** The SQL of the deadline rules gives what libs/domain's functions give. */
describe('deadline rules in SQL (medium)', () => {
  let m: Medium;
  beforeAll(async () => {
    m = await medium([]);
  });
  afterAll(() => m.close());

  it('agrees with isOverdue for every kind of case', async () => {
    const [{ today }] = (await m.ds.query(`SELECT ${TODAY_SQL}::text AS today`)) as {
      today: string;
    }[];
    // Within a second of a day's end in China the two clocks could differ; not in a test run.
    expect([deadlineToday(new Date()), deadlineToday(new Date(Date.now() - 5_000))]).toContain(
      today,
    );
    const cases: [string | null, boolean][] = [];
    for (const d of [-3, -1, 0, 1, 5]) {
      for (const done of [false, true]) cases.push([addCalendarDays(today, d), done]);
    }
    cases.push([null, false], [null, true]);
    for (const [due, done] of cases) {
      const [{ sql }] = (await m.ds.query(
        `SELECT ${overdueSql('$1::date', 'NOT $2::boolean')} AS sql`,
        [due, done],
      )) as { sql: boolean }[];
      expect([due, done, sql]).toEqual([due, done, isOverdue(due, done, today)]);
    }
  });

  it('agrees with isLate', async () => {
    const cases: [string, string | null, boolean][] = [
      ['2026-03-09', '2026-03-09T15:59:59Z', false],
      ['2026-03-09', '2026-03-09T16:00:00Z', true],
      ['2026-03-09', null, false],
    ];
    for (const [due, at, late] of cases) {
      const [{ sql }] = (await m.ds.query(
        `SELECT ${lateSql('$1::date', '$2::timestamptz')} AS sql`,
        [due, at],
      )) as { sql: boolean }[];
      expect(sql).toBe(late);
      expect(isLate(due, at === null ? null : deadlineToday(new Date(at)))).toBe(late);
    }
  });
});
