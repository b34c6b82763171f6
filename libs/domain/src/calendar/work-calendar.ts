import {
  IsoDate,
  IsoWeekday,
  dayNumber,
  fromDayNumber,
  validateIsoDate,
  weekdayOfDayNumber,
} from './iso-date';

/**
 * Working-day arithmetic on the Chinese calendar (docs/rules.md §3.3): statutory holidays are not
 * working days, and the make-up working days (调休上班) that the State Council's yearly notice
 * moves onto a Saturday or Sunday are.
 *
 * A calendar is built from explicit day entries (the `work_calendar` table: the
 * `chinese-days` data and admins' edits). A day without an entry follows the weekday rule,
 * Monday–Friday working. That is right for ordinary weeks and wrong for the holidays of a
 * year nobody has entered yet (the State Council publishes a year's arrangement only in the
 * November before), so every answer can say whether the days it relied on were covered:
 * entered explicitly, or inside a declared coverage range whose days are all known. A caller
 * that needs certainty checks {@link WorkCalendar.firstUncovered}.
 */

export interface CalendarEntry {
  readonly date: IsoDate;
  readonly workday: boolean;
  /** Holiday or make-up day name (春节, 国庆节调休上班), null for an ordinary day. */
  readonly name?: string | null;
}

/** Inclusive range of dates. */
export interface DateRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

export interface CalendarDay {
  readonly date: IsoDate;
  readonly isoWeekday: IsoWeekday;
  readonly workday: boolean;
  readonly name: string | null;
  /** The calendar holds an entry for this day (otherwise the weekday rule decided). */
  readonly explicit: boolean;
  /** The day is known: explicit, or inside a coverage range. */
  readonly covered: boolean;
}

/** Monday–Friday: the rule for days without an entry. */
export function isWeekdayRuleWorkday(weekday: IsoWeekday): boolean {
  return weekday <= 5;
}

/**
 * Number of Monday–Friday days among day numbers [0, n) (negative n counts backwards, so
 * that f(b + 1) − f(a) is the count in [a, b] for any a ≤ b). Day 0 is a Thursday; from
 * there the week runs Thu Fri Sat Sun Mon Tue Wed.
 */
const WEEKDAYS_IN_FIRST = [0, 1, 2, 2, 2, 3, 4];
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  return weeks * 5 + WEEKDAYS_IN_FIRST[n - weeks * 7];
}

/** First index in the sorted array whose value is ≥ x. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkDate(date: IsoDate, what: string): number {
  const v = validateIsoDate(date);
  if (!v.ok) throw new RangeError(`${what}: ${v.reason}`);
  return dayNumber(date);
}

function checkCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
  }
}

interface Entry {
  workday: boolean;
  name: string | null;
}

export class WorkCalendar {
  private readonly entries = new Map<number, Entry>();
  /** Day numbers whose entry contradicts the weekday rule, sorted, and +1 / −1 for each. */
  private readonly exceptions: Int32Array;
  private readonly exceptionDelta: Int8Array;
  /** Prefix sums of exceptionDelta: prefix[i] = Σ delta[0..i). */
  private readonly exceptionPrefix: Int32Array;
  /** Disjoint, non-adjacent coverage ranges [from, to] as day numbers, sorted. */
  private readonly coverage: [number, number][];

  /**
   * Throws RangeError on a malformed date, a date listed twice, or a range that ends before
   * it starts: a calendar that cannot be trusted must not silently answer deadlines.
   */
  constructor(entries: Iterable<CalendarEntry> = [], coverage: Iterable<DateRange> = []) {
    for (const e of entries) {
      const n = checkDate(e.date, 'calendar entry');
      if (typeof e.workday !== 'boolean') {
        throw new RangeError(`calendar entry ${e.date}: workday must be true or false`);
      }
      if (this.entries.has(n)) throw new RangeError(`calendar entry ${e.date} is listed twice`);
      this.entries.set(n, { workday: e.workday, name: e.name ?? null });
    }
    const ex = [...this.entries]
      .filter(([n, e]) => e.workday !== isWeekdayRuleWorkday(weekdayOfDayNumber(n)))
      .sort((a, b) => a[0] - b[0]);
    this.exceptions = Int32Array.from(ex, ([n]) => n);
    this.exceptionDelta = Int8Array.from(ex, ([, e]) => (e.workday ? 1 : -1));
    this.exceptionPrefix = new Int32Array(ex.length + 1);
    for (let i = 0; i < ex.length; i++) {
      this.exceptionPrefix[i + 1] = this.exceptionPrefix[i] + this.exceptionDelta[i];
    }

    const ranges: [number, number][] = [];
    for (const r of coverage) {
      const from = checkDate(r.from, 'coverage from');
      const to = checkDate(r.to, 'coverage to');
      if (to < from) throw new RangeError(`coverage ${r.from}..${r.to} ends before it starts`);
      ranges.push([from, to]);
    }
    ranges.sort((a, b) => a[0] - b[0]);
    this.coverage = [];
    for (const r of ranges) {
      const last = this.coverage[this.coverage.length - 1];
      if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
      else this.coverage.push([r[0], r[1]]);
    }
  }

  /** The declared coverage ranges, merged. */
  get coverageRanges(): DateRange[] {
    return this.coverage.map(([a, b]) => ({ from: fromDayNumber(a), to: fromDayNumber(b) }));
  }

  isWorkday(date: IsoDate): boolean {
    return this.workdayAt(checkDate(date, 'date'));
  }

  day(date: IsoDate): CalendarDay {
    const n = checkDate(date, 'date');
    const e = this.entries.get(n);
    const isoWeekday = weekdayOfDayNumber(n);
    return {
      date,
      isoWeekday,
      workday: e ? e.workday : isWeekdayRuleWorkday(isoWeekday),
      name: e ? e.name : null,
      explicit: e !== undefined,
      covered: this.coveredAt(n),
    };
  }

  covers(date: IsoDate): boolean {
    return this.coveredAt(checkDate(date, 'date'));
  }

  /** The first day in [from, to] that is not covered, or null when all are. */
  firstUncovered(from: IsoDate, to: IsoDate): IsoDate | null {
    let n = checkDate(from, 'from');
    const end = checkDate(to, 'to');
    while (n <= end) {
      const r = this.rangeAt(n);
      if (r) n = r[1] + 1;
      else if (this.entries.has(n)) n++;
      else return fromDayNumber(n);
    }
    return null;
  }

  /**
   * The deadline "within `n` working days of `date`": the n-th working day after `date`.
   * `date` itself is never counted, whatever it is (a sample taken on a Saturday or on a
   * holiday starts counting on the next working day, like one taken on a Tuesday). A deadline
   * is always a working day; n = 0 answers `date` itself (so that adding a + b working days
   * is adding a then b). Something done on day R met the deadline iff R ≤ the answer.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    let d = checkDate(date, 'date');
    checkCount(n, 'working days');
    for (let left = n; left > 0;) {
      d++;
      if (this.workdayAt(d)) left--;
    }
    return fromDayNumber(d);
  }

  /**
   * Working days in (a, b]: after `a`, up to and including `b` — how many of a deadline's
   * working days have been used by day `b`. Negative when `b` is before `a` (minus the count
   * in (b, a]), so workingDaysBetween(a, b) + workingDaysBetween(b, c) =
   * workingDaysBetween(a, c). Constant time in the span (prefix sums over the exceptions).
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const x = checkDate(a, 'from');
    const y = checkDate(b, 'to');
    if (y < x) return 0 - this.countWorkdays(y + 1, x); // 0 − count: never −0
    return this.countWorkdays(x + 1, y);
  }

  /** The first working day strictly after `date` (= addWorkingDays(date, 1)). */
  nextWorkday(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1);
  }

  /** `date` if it is a working day, else the next working day. */
  workdayOnOrAfter(date: IsoDate): IsoDate {
    let d = checkDate(date, 'date');
    while (!this.workdayAt(d)) d++;
    return fromDayNumber(d);
  }

  /**
   * A deadline of `days` calendar days from `date` (such as the 15 days to object under
   * Product Quality Law Art. 15): `date` + `days`, moved to the next working day when it falls
   * on a rest day or holiday, because Civil Code Art. 203 makes the day after a statutory rest
   * period the last day of a period that would end inside it.
   */
  calendarDayDeadline(date: IsoDate, days: number): IsoDate {
    const d = checkDate(date, 'date');
    checkCount(days, 'calendar days');
    return this.workdayOnOrAfter(fromDayNumber(d + days));
  }

  private workdayAt(n: number): boolean {
    const e = this.entries.get(n);
    return e ? e.workday : isWeekdayRuleWorkday(weekdayOfDayNumber(n));
  }

  /** Working days among day numbers [from, to]; 0 when to < from. */
  private countWorkdays(from: number, to: number): number {
    if (to < from) return 0;
    const i = lowerBound(this.exceptions, from);
    const j = lowerBound(this.exceptions, to + 1);
    return (
      weekdaysBefore(to + 1) -
      weekdaysBefore(from) +
      this.exceptionPrefix[j] -
      this.exceptionPrefix[i]
    );
  }

  private rangeAt(n: number): [number, number] | undefined {
    let lo = 0;
    let hi = this.coverage.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const r = this.coverage[mid];
      if (n < r[0]) hi = mid - 1;
      else if (n > r[1]) lo = mid + 1;
      else return r;
    }
    return undefined;
  }

  private coveredAt(n: number): boolean {
    return this.entries.has(n) || this.rangeAt(n) !== undefined;
  }
}
