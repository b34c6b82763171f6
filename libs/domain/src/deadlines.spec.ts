import fc from 'fast-check';
import data from 'chinese-days/dist/chinese-days.json';
import { entriesFromChineseDays } from './calendar/chinese-days';
import { addCalendarDays, fromDayNumber, dayNumber } from './calendar/iso-date';
import { WorkCalendar } from './calendar/work-calendar';
import {
  LAB_DELIVERY_WORKING_DAYS,
  TEST_WORKING_DAYS,
  deadlineToday,
  isLate,
  isOverdue,
  labDeliveryDeadline,
  testDeadline,
  workingDayDeadline,
} from './deadlines';

const china = entriesFromChineseDays(data);
const CN = new WorkCalendar(china.entries, china.coverage);
const PLAIN = new WorkCalendar();

describe('labDeliveryDeadline', () => {
  it('is the 5th working day after the sampling day, which is not counted', () => {
    // Sampled Mon 2026-03-02: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9.
    expect(labDeliveryDeadline(CN, '2026-03-02')).toEqual({
      from: '2026-03-02',
      workingDays: 5,
      deadline: '2026-03-09',
      covered: true,
      firstUncovered: null,
    });
    // Sampled on a Saturday: counting starts on Monday.
    expect(labDeliveryDeadline(CN, '2026-03-07').deadline).toBe('2026-03-13');
  });

  it('skips holidays and counts make-up working days (National Day 2025)', () => {
    // Fri 26, Sun 28 (make-up), Mon 29, Tue 30, then the holiday to 10-08, Thu 09.
    expect(labDeliveryDeadline(CN, '2025-09-25').deadline).toBe('2025-10-09');
  });

  it('says when it relied on days the calendar does not know', () => {
    const d = labDeliveryDeadline(PLAIN, '2026-03-02');
    expect(d.deadline).toBe('2026-03-09');
    expect(d.covered).toBe(false);
    expect(d.firstUncovered).toBe('2026-03-03');
  });
});

describe('testDeadline', () => {
  it('is the 20th working day after the day of receipt', () => {
    // Received Mon 2026-03-02: four full weeks of working days end on Mon 03-30.
    expect(testDeadline(CN, '2026-03-02').deadline).toBe('2026-03-30');
    expect(testDeadline(CN, '2026-03-02').workingDays).toBe(TEST_WORKING_DAYS);
  });
});

describe('workingDayDeadline', () => {
  it('lands on a working day with exactly n working days after the start', () => {
    const first = dayNumber('2020-01-01');
    const last = dayNumber('2026-06-30');
    fc.assert(
      fc.property(
        fc.integer({ min: first, max: last }),
        fc.constantFrom(LAB_DELIVERY_WORKING_DAYS, TEST_WORKING_DAYS, 1),
        (n, days) => {
          const from = fromDayNumber(n);
          const d = workingDayDeadline(CN, from, days);
          expect(CN.isWorkday(d.deadline)).toBe(true);
          expect(CN.workingDaysBetween(from, d.deadline)).toBe(days);
          expect(d.deadline > from).toBe(true);
        },
      ),
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
