/**
 * Calendar dates as `YYYY-MM-DD` strings (ISO 8601 calendar dates, proleptic Gregorian,
 * years 0001–9999).
 *
 * Deadlines are about days, not instants, so no `Date` object is involved anywhere: a `Date`
 * is an instant and turning it into a day depends on the time zone of whoever does it (a
 * PostgreSQL `date` read into a JS `Date` at local midnight in Beijing is the previous day in
 * UTC). Dates are converted to a day number (days since 1970-01-01) with integer arithmetic
 * (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil /
 * civil_from_days), computed on and converted back.
 *
 * Strings in this format sort and compare like the dates they name, so `a < b` is a date
 * comparison.
 */

/** `YYYY-MM-DD`. Only a type alias: check untrusted input with {@link validateIsoDate}. */
export type IsoDate = string;

export type IsoDateValidation = { ok: true } | { ok: false; reason: string };

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day numbers of 0001-01-01 and 9999-12-31. */
export const MIN_DAY_NUMBER = -719162;
export const MAX_DAY_NUMBER = 2932896;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Days since 1970-01-01 of a valid Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, m: number, d: number): number {
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function show(input: string): string {
  return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
}

export function validateIsoDate(input: unknown): IsoDateValidation {
  if (typeof input !== 'string') return { ok: false, reason: 'must be a date string YYYY-MM-DD' };
  const m = SHAPE.exec(input);
  if (!m) return { ok: false, reason: `must be a date written YYYY-MM-DD, got ${show(input)}` };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year === 0) return { ok: false, reason: 'year 0000 does not exist (years run 0001–9999)' };
  if (month < 1 || month > 12) return { ok: false, reason: `month ${m[2]} does not exist` };
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return {
      ok: false,
      reason: `${input} does not exist (${m[1]}-${m[2]} has ${last} days)`,
    };
  }
  return { ok: true };
}

export function isIsoDate(input: unknown): input is IsoDate {
  return validateIsoDate(input).ok;
}

/** The day number (days since 1970-01-01) of a date. Throws RangeError on a malformed date. */
export function dayNumber(date: IsoDate): number {
  const v = validateIsoDate(date);
  if (!v.ok) throw new RangeError(`date: ${v.reason}`);
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8)));
}

/** The date of a day number (Hinnant's civil_from_days). Throws outside 0001–9999. */
export function fromDayNumber(n: number): IsoDate {
  if (!Number.isSafeInteger(n) || n < MIN_DAY_NUMBER || n > MAX_DAY_NUMBER) {
    throw new RangeError(`day number ${n} is outside the years 0001–9999`);
  }
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** ISO weekday of a day number: 1970-01-01 (day 0) was a Thursday. */
export function weekdayOfDayNumber(n: number): IsoWeekday {
  return (((((n + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function isoWeekday(date: IsoDate): IsoWeekday {
  return weekdayOfDayNumber(dayNumber(date));
}

/** `date` plus `days` calendar days (negative goes back). Throws outside 0001–9999. */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `a` to `b`: positive when `b` is later. */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/**
 * `date` plus `months` calendar months, as Civil Code Art. 202 counts a period in months: the
 * day of the final month that corresponds to the starting day, or that month's last day when
 * it has no such day (2026-08-31 + 6 months = 2027-02-28; 2024-02-29 + 12 = 2025-02-28).
 * Negative `months` go back the same way. Throws outside 0001–9999.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isSafeInteger(months)) {
    throw new RangeError(`months must be an integer, got ${months}`);
  }
  const v = validateIsoDate(date);
  if (!v.ok) throw new RangeError(`date: ${v.reason}`);
  const total = Number(date.slice(0, 4)) * 12 + (Number(date.slice(5, 7)) - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  if (year < 1 || year > 9999) {
    throw new RangeError(`${date} + ${months} months is outside the years 0001–9999`);
  }
  const day = Math.min(Number(date.slice(8)), daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}
