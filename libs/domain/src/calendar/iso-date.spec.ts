import fc from 'fast-check';
import {
  MAX_DAY_NUMBER,
  MIN_DAY_NUMBER,
  addCalendarDays,
  addCalendarMonths,
  calendarDaysBetween,
  dayNumber,
  fromDayNumber,
  isIsoDate,
  isoWeekday,
  validateIsoDate,
} from './iso-date';

const dayNo = fc.integer({ min: MIN_DAY_NUMBER, max: MAX_DAY_NUMBER });

/** The reference: JavaScript's own proleptic Gregorian calendar, in UTC. */
function viaDate(n: number): string {
  const d = new Date(n * 86_400_000);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

describe('ISO dates', () => {
  it('numbers days from 1970-01-01 and knows the weekday', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('0001-01-01')).toBe(MIN_DAY_NUMBER);
    expect(dayNumber('9999-12-31')).toBe(MAX_DAY_NUMBER);
    expect(fromDayNumber(20_000)).toBe('2024-10-04');
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2026-02-17')).toBe(2); // 春节, a Tuesday
    expect(isoWeekday('2026-02-14')).toBe(6); // make-up Saturday
    expect(isoWeekday('2025-01-26')).toBe(7); // make-up Sunday
  });

  it('agrees with the JavaScript calendar on every day of years 0001–9999', () => {
    fc.assert(
      fc.property(dayNo, (n) => {
        const iso = fromDayNumber(n);
        expect(iso).toBe(viaDate(n));
        expect(dayNumber(iso)).toBe(n);
        expect(isoWeekday(iso)).toBe(new Date(n * 86_400_000).getUTCDay() || 7);
      }),
      { numRuns: 2000 },
    );
  });

  it('orders dates like their strings', () => {
    fc.assert(
      fc.property(dayNo, dayNo, (a, b) => {
        expect(Math.sign(fromDayNumber(a).localeCompare(fromDayNumber(b)))).toBe(Math.sign(a - b));
      }),
    );
  });

  it('adds calendar days across months, leap days and years', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2100-02-28', 1)).toBe('2100-03-01'); // not a leap year
    expect(addCalendarDays('2000-02-28', 1)).toBe('2000-02-29'); // a leap year
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCalendarDays('2026-09-22', 15)).toBe('2026-10-07');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(calendarDaysBetween('2026-02-14', '2026-02-28')).toBe(14);
    expect(calendarDaysBetween('2026-02-28', '2026-02-14')).toBe(-14);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        (n, a, b) => {
          const d = fromDayNumber(n);
          expect(addCalendarDays(addCalendarDays(d, a), b)).toBe(addCalendarDays(d, a + b));
          expect(calendarDaysBetween(d, addCalendarDays(d, a))).toBe(a);
        },
      ),
    );
  });

  it('refuses to leave the years 0001–9999', () => {
    expect(() => addCalendarDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('0001-01-01', -1)).toThrow('outside the years 0001–9999');
    expect(() => addCalendarDays('2026-01-01', 0.5)).toThrow('must be an integer');
  });

  it('names why a date is malformed', () => {
    expect(validateIsoDate('2026-02-14')).toEqual({ ok: true });
    expect(validateIsoDate('2024-02-29')).toEqual({ ok: true });
    expect(validateIsoDate('2025-02-29')).toEqual({
      ok: false,
      reason: '2025-02-29 does not exist (2025-02 has 28 days)',
    });
    expect(validateIsoDate('2026-04-31')).toMatchObject({ reason: expect.stringContaining('30') });
    expect(validateIsoDate('2026-13-01')).toEqual({ ok: false, reason: 'month 13 does not exist' });
    expect(validateIsoDate('2026-00-10')).toEqual({ ok: false, reason: 'month 00 does not exist' });
    expect(validateIsoDate('2026-01-00')).toMatchObject({ ok: false });
    expect(validateIsoDate('0000-01-01')).toMatchObject({
      reason: expect.stringContaining('0000'),
    });
    for (const bad of [
      '2026-2-14',
      '20260214',
      '2026/02/14',
      ' 2026-02-14',
      '2026-02-14T00:00',
      '',
    ]) {
      expect(validateIsoDate(bad)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^must be a date written YYYY-MM-DD, got "/),
      });
    }
    expect(validateIsoDate(20260214)).toEqual({
      ok: false,
      reason: 'must be a date string YYYY-MM-DD',
    });
    expect(validateIsoDate(new Date())).toMatchObject({ ok: false });
    expect(validateIsoDate('x'.repeat(1000))).toMatchObject({
      reason: expect.stringMatching(/…"$/),
    });
    expect(isIsoDate('2026-10-01')).toBe(true);
    expect(() => dayNumber('2026-02-30')).toThrow('date: 2026-02-30 does not exist');
  });

  it('accepts exactly the strings it prints', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/), (s) => {
        const ok = validateIsoDate(s).ok;
        if (ok) expect(fromDayNumber(dayNumber(s))).toBe(s);
        const y = Number(s.slice(0, 4));
        const m = Number(s.slice(5, 7));
        const d = Number(s.slice(8));
        const real =
          y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(2000, m, 0)).getUTCDate();
        // Date.UTC(2000, m, 0) is the last day of month m in a leap year; Feb 29 also needs one.
        const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
        expect(ok).toBe(real && !(m === 2 && d === 29 && !leap));
      }),
      { numRuns: 2000 },
    );
  });

  it('adds calendar months as Civil Code Art. 202 counts them', () => {
    expect(addCalendarMonths('2026-03-15', 3)).toBe('2026-06-15');
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addCalendarMonths('2026-10-31', 2)).toBe('2026-12-31');
    expect(addCalendarMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(addCalendarMonths('2026-05-05', 0)).toBe('2026-05-05');
    expect(() => addCalendarMonths('9999-12-01', 1)).toThrow('outside the years 0001–9999');
    expect(() => addCalendarMonths('2026-02-30', 1)).toThrow('does not exist');
    expect(() => addCalendarMonths('2026-01-01', 1.5)).toThrow('must be an integer');
  });

  it('keeps the day of the month when it can, else takes the last day of the month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('2200-12-31') }),
        fc.integer({ min: -1200, max: 1200 }),
        (n, k) => {
          const d = fromDayNumber(n);
          const r = addCalendarMonths(d, k);
          const months = (x: string) => Number(x.slice(0, 4)) * 12 + Number(x.slice(5, 7));
          expect(months(r) - months(d)).toBe(k);
          const day = Number(d.slice(8));
          const lastOfMonth = Number(
            addCalendarDays(addCalendarMonths(`${r.slice(0, 7)}-01`, 1), -1).slice(8),
          );
          expect(Number(r.slice(8))).toBe(Math.min(day, lastOfMonth));
          // Months are monotone: a later start never ends earlier.
          expect(addCalendarMonths(fromDayNumber(n + 1), k) >= r).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
