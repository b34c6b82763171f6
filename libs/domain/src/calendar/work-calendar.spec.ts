import fc from 'fast-check';
import data from 'chinese-days/dist/chinese-days.json';
import { entriesFromChineseDays } from './chinese-days';
import { addCalendarDays, dayNumber, fromDayNumber, isoWeekday } from './iso-date';
import { CalendarEntry, WorkCalendar } from './work-calendar';

/** Names a calendar in fast-check's counterexamples instead of printing its thousands of days. */
function named(cal: WorkCalendar, name: string): WorkCalendar {
  return Object.defineProperty(cal, fc.toStringMethod, { value: () => name });
}

const china = entriesFromChineseDays(data);
const CN = named(new WorkCalendar(china.entries, china.coverage), 'chinese-days calendar');
const PLAIN = named(new WorkCalendar(), 'weekday-rule calendar');

/** Walks day by day: the definition that the fast paths must agree with. */
function naiveBetween(cal: WorkCalendar, a: string, b: string): number {
  const [x, y, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let n = dayNumber(x) + 1; n <= dayNumber(y); n++)
    if (cal.isWorkday(fromDayNumber(n))) count++;
  return count === 0 ? 0 : sign * count;
}

// Dates around the data the package covers, a year either side (weekday rule there).
const LO = dayNumber('2003-01-01');
const HI = dayNumber('2027-12-31');
const anyDate = fc.integer({ min: LO, max: HI }).map(fromDayNumber);
/** Days of the Spring Festival and National Day weeks (and the fortnight around them). */
const holidayWeekDate = fc
  .constantFrom('2025-01-28', '2025-10-01', '2026-02-15', '2026-10-01', '2024-02-10', '2024-10-01')
  .chain((d) => fc.integer({ min: -14, max: 14 }).map((k) => addCalendarDays(d, k)));

/**
 * Random calendars: arbitrary flags on arbitrary days of 2025–2026, long holiday runs and
 * make-up weekends included, so that the arithmetic is tested beyond the real data.
 */
const randomCalendar = fc
  .uniqueArray(
    fc.record({
      n: fc.integer({ min: dayNumber('2025-01-01'), max: dayNumber('2026-12-31') }),
      workday: fc.boolean(),
    }),
    { selector: (e) => e.n, maxLength: 300 },
  )
  .map((list) => {
    const entries = list.map((e): CalendarEntry => ({
      date: fromDayNumber(e.n),
      workday: e.workday,
    }));
    return named(new WorkCalendar(entries), `new WorkCalendar(${JSON.stringify(entries)})`);
  });
const calendar = fc.oneof(fc.constant(CN), fc.constant(PLAIN), randomCalendar);
const date = fc.oneof(anyDate, holidayWeekDate);
const count = fc.integer({ min: 0, max: 60 });

describe('WorkCalendar on the chinese-days data', () => {
  it('keeps holidays and make-up working days as the notices set them', () => {
    // 2026 Spring Festival: 2026-02-15 (Sun) … 2026-02-23 (Mon) off; Sat 02-14 and 02-28 worked.
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23']) {
      expect(CN.day(d)).toMatchObject({
        workday: false,
        name: '春节',
        explicit: true,
        covered: true,
      });
    }
    expect(CN.day('2026-02-14')).toMatchObject({
      isoWeekday: 6,
      workday: true,
      name: '春节调休上班',
    });
    expect(CN.isWorkday('2026-02-28')).toBe(true);
    expect(CN.isWorkday('2026-02-24')).toBe(true);
    // 2026 National Day: 10-01 … 10-07 off; Sun 09-20 and Sat 10-10 worked.
    expect(CN.isWorkday('2026-10-07')).toBe(false);
    expect(CN.day('2026-09-20')).toMatchObject({ isoWeekday: 7, workday: true });
    expect(CN.day('2026-10-10')).toMatchObject({ isoWeekday: 6, workday: true });
    // 2025 National Day and Mid-Autumn: 10-01 … 10-08 off; Sun 09-28 and Sat 10-11 worked.
    expect(CN.day('2025-10-06')).toMatchObject({ workday: false, name: '中秋' });
    expect(CN.isWorkday('2025-10-08')).toBe(false);
    expect(CN.isWorkday('2025-09-28')).toBe(true);
    expect(CN.isWorkday('2025-10-11')).toBe(true);
    // An ordinary weekend of a covered year: explicit, not working, no name.
    expect(CN.day('2026-03-07')).toEqual({
      date: '2026-03-07',
      isoWeekday: 6,
      workday: false,
      name: null,
      explicit: true,
      covered: true,
    });
  });

  it('deadline of 5 working days across the 2026 Spring Festival', () => {
    // Thu 02-12: Fri 13 (1), make-up Sat 14 (2), 15–23 off, Tue 24 (3), 25 (4), 26 (5).
    expect(CN.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    // Fri 02-13: Sat 14 (1), 24, 25, 26, Fri 27 (5).
    expect(CN.addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
    // Sampled on a holiday: the count starts after it; the 5th is the make-up Saturday 02-28.
    expect(CN.addWorkingDays('2026-02-18', 5)).toBe('2026-02-28');
    // Sampled on the make-up Saturday itself: it is not counted either.
    expect(CN.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(CN.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
    expect(CN.workingDaysBetween('2026-02-14', '2026-02-23')).toBe(0);
    expect(CN.nextWorkday('2026-02-15')).toBe('2026-02-24');
  });

  it('deadline of 5 working days across the 2025 Spring Festival', () => {
    // 01-28 (Tue) … 02-04 (Tue) off; Sun 01-26 and Sat 02-08 worked.
    // Fri 01-24: Sun 26 (1), Mon 27 (2), Wed 02-05 (3), 06 (4), 07 (5).
    expect(CN.addWorkingDays('2025-01-24', 5)).toBe('2025-02-07');
    // Mon 01-27: 02-05, 06, 07, Sat 08 (4), Mon 10 (5).
    expect(CN.addWorkingDays('2025-01-27', 5)).toBe('2025-02-10');
    // (01-24, 02-10]: 26, 27, 02-05, 06, 07, 08, 10.
    expect(CN.workingDaysBetween('2025-01-24', '2025-02-10')).toBe(7);
  });

  it('deadline of 5 working days across the National Day weeks of 2025 and 2026', () => {
    // Fri 2025-09-26: Sun 28 (1), 29, 30 (3), 10-01 … 10-08 off, Thu 09 (4), Fri 10 (5).
    expect(CN.addWorkingDays('2025-09-26', 5)).toBe('2025-10-10');
    // Tue 2025-09-30: 10-09, 10-10, Sat 10-11 (3), Mon 13, Tue 14 (5).
    expect(CN.addWorkingDays('2025-09-30', 5)).toBe('2025-10-14');
    // Wed 2026-09-30: Thu 10-08, Fri 09, Sat 10 (3), Mon 12, Tue 13 (5).
    expect(CN.addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
    // Sat 2026-09-19: the make-up Sunday 09-20 is the first working day.
    expect(CN.addWorkingDays('2026-09-19', 1)).toBe('2026-09-20');
  });

  it('the other deadlines of the rules: 20 working days to report, 7 to object (food)', () => {
    // Received Tue 2026-02-10: 11, 12, 13, Sat 14 (4), 24–27 (8), Sat 28 (9), then ordinary
    // weeks: 03-02 … 03-06 (14), 03-09 … 03-13 (19), Mon 03-16 (20).
    expect(CN.addWorkingDays('2026-02-10', 20)).toBe('2026-03-16');
    // Notice received Thu 2025-09-25: Fri 26, Sun 28, Mon 29, Tue 30 (4), Thu 10-09, Fri 10,
    // Sat 11 (7).
    expect(CN.addWorkingDays('2025-09-25', 7)).toBe('2025-10-11');
  });

  it('calendar-day deadlines move off a holiday to the next working day (Civil Code Art. 203)', () => {
    // 15 days from 2026-09-22 is 10-07, the last day of National Day: the deadline is 10-08.
    expect(CN.calendarDayDeadline('2026-09-22', 15)).toBe('2026-10-08');
    // Ending on the make-up Saturday 10-10, a working day: it stays.
    expect(CN.calendarDayDeadline('2026-09-25', 15)).toBe('2026-10-10');
    // Ending on an ordinary Sunday: the Monday.
    expect(CN.calendarDayDeadline('2026-03-01', 14)).toBe('2026-03-16');
    expect(CN.calendarDayDeadline('2026-03-02', 0)).toBe('2026-03-02');
  });

  it('says which days it knows: the covered years, and the weekday rule outside', () => {
    expect(CN.coverageRanges[0].from).toBe('2004-01-01');
    expect(CN.covers('2026-12-31')).toBe(true);
    expect(CN.covers('2003-12-31')).toBe(false);
    const beyond = CN.coverageRanges[CN.coverageRanges.length - 1].to;
    const after = addCalendarDays(beyond, 1);
    expect(CN.day(after)).toMatchObject({ explicit: false, covered: false });
    expect(CN.firstUncovered('2026-12-20', addCalendarDays(beyond, 30))).toBe(after);
    expect(CN.firstUncovered('2025-01-01', '2026-12-31')).toBeNull();
    // Outside the data a Monday is a working day even if it turns out to be a holiday.
    expect(PLAIN.isWorkday('2027-02-08')).toBe(true);
  });
});

describe('WorkCalendar arithmetic (properties)', () => {
  it('a deadline is a working day after the start, and exactly n working days away', () => {
    fc.assert(
      fc.property(calendar, date, fc.integer({ min: 1, max: 60 }), (cal, d, n) => {
        const due = cal.addWorkingDays(d, n);
        expect(due > d).toBe(true);
        expect(cal.isWorkday(due)).toBe(true);
        expect(cal.workingDaysBetween(d, due)).toBe(n);
        // and it is the earliest such day: the day before has only n − 1.
        expect(cal.workingDaysBetween(d, addCalendarDays(due, -1))).toBe(n - 1);
      }),
      { numRuns: 500 },
    );
  });

  it('is monotonic in the start date and in n', () => {
    fc.assert(
      fc.property(calendar, date, date, count, count, (cal, a, b, m, n) => {
        const [d1, d2] = a <= b ? [a, b] : [b, a];
        expect(cal.addWorkingDays(d1, n) <= cal.addWorkingDays(d2, n)).toBe(true);
        const [k1, k2] = m <= n ? [m, n] : [n, m];
        const x = cal.addWorkingDays(d1, k1);
        const y = cal.addWorkingDays(d1, k2);
        expect(k1 < k2 ? x < y : x === y).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is additive: a working days then b is a + b', () => {
    fc.assert(
      fc.property(calendar, date, count, count, (cal, d, a, b) => {
        expect(cal.addWorkingDays(cal.addWorkingDays(d, a), b)).toBe(cal.addWorkingDays(d, a + b));
      }),
      { numRuns: 500 },
    );
  });

  it('counts like walking day by day, for any two dates in either order', () => {
    fc.assert(
      fc.property(calendar, date, date, date, (cal, a, b, c) => {
        const ab = cal.workingDaysBetween(a, b);
        expect(ab).toBe(naiveBetween(cal, a, b));
        expect(cal.workingDaysBetween(b, a) + ab).toBe(0);
        expect(ab + cal.workingDaysBetween(b, c)).toBe(cal.workingDaysBetween(a, c));
        expect(cal.workingDaysBetween(a, a)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('counts long spans without walking them, 1900–2199', () => {
    // (2000-01-02, 2099-12-27], both Sundays: 5217 whole weeks of 5 working days.
    expect(PLAIN.workingDaysBetween('2000-01-02', '2099-12-27')).toBe(5217 * 5);
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('2199-12-31') }),
        fc.integer({ min: 0, max: 3 * 365 }),
        (n, span) => {
          const a = fromDayNumber(n);
          const b = fromDayNumber(n + span);
          expect(PLAIN.workingDaysBetween(a, b)).toBe(naiveBetween(PLAIN, a, b));
          expect(CN.workingDaysBetween(a, b)).toBe(naiveBetween(CN, a, b));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('with no entries is Monday to Friday: 5 working days from a weekday are one week', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 20 }), (d, k) => {
        fc.pre(isoWeekday(d) <= 5);
        expect(PLAIN.addWorkingDays(d, 5 * k)).toBe(addCalendarDays(d, 7 * k));
        expect(PLAIN.day(d)).toMatchObject({ workday: true, explicit: false, covered: false });
      }),
    );
  });

  it('nextWorkday and workdayOnOrAfter agree with addWorkingDays', () => {
    fc.assert(
      fc.property(calendar, date, (cal, d) => {
        expect(cal.nextWorkday(d)).toBe(cal.addWorkingDays(d, 1));
        expect(cal.workdayOnOrAfter(d)).toBe(cal.isWorkday(d) ? d : cal.nextWorkday(d));
        expect(cal.addWorkingDays(d, 0)).toBe(d);
      }),
    );
  });

  it('a calendar-day deadline is the first working day on or after date + n', () => {
    fc.assert(
      fc.property(calendar, date, fc.integer({ min: 0, max: 40 }), (cal, d, n) => {
        const due = cal.calendarDayDeadline(d, n);
        const plain = addCalendarDays(d, n);
        expect(due >= plain).toBe(true);
        expect(cal.isWorkday(due)).toBe(true);
        // no working day in [plain, due)
        expect(cal.workingDaysBetween(addCalendarDays(plain, -1), addCalendarDays(due, -1))).toBe(
          0,
        );
        expect(cal.isWorkday(plain)).toBe(due === plain);
      }),
    );
  });

  it('an explicit entry wins over the weekday rule; coverage is declared, not guessed', () => {
    const cal = new WorkCalendar(
      [
        { date: '2027-02-06', workday: false, name: '春节' }, // a Saturday anyway
        { date: '2027-02-08', workday: false, name: '春节' }, // a Monday
        { date: '2027-02-20', workday: true, name: '春节调休上班' }, // a Saturday
      ],
      [{ from: '2026-01-01', to: '2026-12-31' }],
    );
    expect(cal.isWorkday('2027-02-08')).toBe(false);
    expect(cal.isWorkday('2027-02-20')).toBe(true);
    expect(cal.day('2027-02-08')).toMatchObject({ explicit: true, covered: true, name: '春节' });
    expect(cal.covers('2026-06-01')).toBe(true); // declared, so the weekday rule is the truth
    expect(cal.covers('2027-02-09')).toBe(false);
    expect(cal.firstUncovered('2026-12-30', '2027-01-02')).toBe('2027-01-01');
    expect(cal.firstUncovered('2027-02-08', '2027-02-08')).toBeNull();
    // Fri 2027-02-05 + 1: Sat 06 off, Sun 07, Mon 08 off, Tue 09.
    expect(cal.addWorkingDays('2027-02-05', 1)).toBe('2027-02-09');
  });

  it('merges overlapping and adjacent coverage ranges', () => {
    const cal = new WorkCalendar(
      [],
      [
        { from: '2026-01-01', to: '2026-12-31' },
        { from: '2025-01-01', to: '2025-12-31' },
        { from: '2025-06-01', to: '2025-07-01' },
        { from: '2030-01-01', to: '2030-01-01' },
      ],
    );
    expect(cal.coverageRanges).toEqual([
      { from: '2025-01-01', to: '2026-12-31' },
      { from: '2030-01-01', to: '2030-01-01' },
    ]);
  });

  it('refuses malformed input instead of answering a wrong deadline', () => {
    expect(() => CN.addWorkingDays('2026-02-30', 5)).toThrow('date: 2026-02-30 does not exist');
    expect(() => CN.addWorkingDays('2026-02-13', -1)).toThrow('non-negative integer, got -1');
    expect(() => CN.addWorkingDays('2026-02-13', 1.5)).toThrow(RangeError);
    expect(() => CN.workingDaysBetween('2026-02-13', '13/02/2026')).toThrow('to: must be a date');
    expect(
      () =>
        new WorkCalendar([
          { date: '2026-02-14', workday: true },
          { date: '2026-02-14', workday: false },
        ]),
    ).toThrow('calendar entry 2026-02-14 is listed twice');
    expect(() => new WorkCalendar([{ date: '2026-2-14', workday: true }])).toThrow(
      'calendar entry: must be a date',
    );
    expect(() => new WorkCalendar([], [{ from: '2026-12-31', to: '2026-01-01' }])).toThrow(
      'ends before it starts',
    );
    expect(() => CN.addWorkingDays('9999-12-30', 5)).toThrow('outside the years 0001–9999');
  });
});
