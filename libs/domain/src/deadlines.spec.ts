import fc from 'fast-check';
import data from 'chinese-days/dist/chinese-days.json';
import { entriesFromChineseDays } from './calendar/chinese-days';
import { addCalendarDays, fromDayNumber, dayNumber } from './calendar/iso-date';
import { WorkCalendar } from './calendar/work-calendar';
import { deadlineToday, isLate, isOverdue, workingDayDeadline } from './deadlines';

const china = entriesFromChineseDays(data);
const CN = new WorkCalendar(china.entries, china.coverage);
const PLAIN = new WorkCalendar();

describe('workingDayDeadline', () => {
  it('lands on a working day with exactly n working days after the start', () => {
    const first = dayNumber('2020-01-01');
    const last = dayNumber('2026-06-30');
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), fc.constantFrom(5, 20, 1), (n, days) => {
        const from = fromDayNumber(n);
        const d = workingDayDeadline(CN, from, days);
        expect(CN.isWorkday(d.deadline)).toBe(true);
        expect(CN.workingDaysBetween(from, d.deadline)).toBe(days);
        expect(d.deadline > from).toBe(true);
      }),
    );
  });
});

describe('the overdue rule', () => {
  it('is overdue only when not done and the due date is before today', () => {
    expect(isOverdue('2026-03-09', false, '2026-03-10')).toBe(true);
    expect(isOverdue('2026-03-09', false, '2026-03-09')).toBe(false); // the due day is in time
    expect(isOverdue('2026-03-09', true, '2026-03-10')).toBe(false);
    expect(isOverdue(null, false, '2026-03-10')).toBe(false);
  });

  it('counts today in China (UTC+8)', () => {
    expect(deadlineToday(new Date('2026-03-09T15:59:59Z'))).toBe('2026-03-09');
    expect(deadlineToday(new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
  });

  it('is late when done after the due day', () => {
    expect(isLate('2026-03-09', '2026-03-09')).toBe(false);
    expect(isLate('2026-03-09', '2026-03-10')).toBe(true);
    expect(isLate('2026-03-09', null)).toBe(false);
  });

  it('agrees with comparing day numbers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40000 }),
        fc.integer({ min: -30, max: 30 }),
        fc.boolean(),
        (n, k, done) => {
          const due = fromDayNumber(n);
          const today = addCalendarDays(due, k);
          expect(isOverdue(due, done, today)).toBe(!done && k > 0);
        },
      ),
    );
  });
});
