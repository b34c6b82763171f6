import { IsoDate, dayNumber, fromDayNumber, validateIsoDate, weekdayOfDayNumber } from './iso-date';
import { CalendarEntry, DateRange, isWeekdayRuleWorkday } from './work-calendar';

/**
 * The data of the `chinese-days` package (dist/chinese-days.json), compiled from the State
 * Council's yearly holiday notices (国务院办公厅关于部分节假日安排的通知). Each map goes from a
 * date to "English name,中文名,days":
 * - `holidays`: days off (法定节假日 and the days moved next to them);
 * - `workdays`: make-up working days on a Saturday or Sunday (调休上班);
 * - `inLieuDays`: the holidays that were moved (调休假), a subset of `holidays`. They do not
 *   change any flag and are only checked for consistency.
 *
 * Passed in as plain data so that this module stays free of I/O; the database seed reads the
 * package.
 */
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays?: Record<string, string>;
}

export interface ChineseDaysCalendar {
  /** Every day of each covered year, and any listed day outside them, in date order. */
  entries: CalendarEntry[];
  /** The covered years, one range per run of consecutive years. */
  coverage: DateRange[];
}

/** The Chinese name from "Spring Festival,春节,4"; the whole value if it has no comma. */
function chineseName(value: string): string {
  const parts = value.split(',');
  return (parts.length >= 2 ? parts[1] : value).trim() || value;
}

function dates(map: Record<string, string> | undefined, what: string): [IsoDate, string][] {
  return Object.entries(map ?? {}).map(([date, value]) => {
    const v = validateIsoDate(date);
    if (!v.ok) throw new RangeError(`chinese-days ${what} ${date}: ${v.reason}`);
    if (typeof value !== 'string') throw new RangeError(`chinese-days ${what} ${date}: no name`);
    return [date, value];
  });
}

/**
 * Calendar entries from the `chinese-days` data.
 *
 * A year counts as covered when the data holds both its Spring Festival (January/February) and
 * its National Day (October) holidays: every notice since 2000 has both, so their presence
 * says the year's notice was included. A year that appears only through a neighbour's notice
 * (2022-12-31 belongs to the 2023 New Year holiday) is not covered on that account; its listed
 * days are still entries. Every day of a covered year becomes an entry (ordinary days with the
 * weekday rule and no name), so the table is a complete calendar for those years.
 *
 * Make-up working days are named after their holiday with 调休上班 (国庆节调休上班). Throws
 * RangeError when a date is both a holiday and a working day, or when a make-up working day is
 * a Monday–Friday (the data would then not mean what this code thinks it means).
 */
export function entriesFromChineseDays(data: ChineseDaysData): ChineseDaysCalendar {
  const holidays = dates(data.holidays, 'holiday');
  const workdays = dates(data.workdays, 'workday');
  const listed = new Map<number, CalendarEntry>();
  for (const [date, value] of holidays) {
    listed.set(dayNumber(date), { date, workday: false, name: chineseName(value) });
  }
  for (const [date, value] of workdays) {
    const n = dayNumber(date);
    if (listed.has(n))
      throw new RangeError(`chinese-days: ${date} is both a holiday and a workday`);
    if (isWeekdayRuleWorkday(weekdayOfDayNumber(n))) {
      throw new RangeError(`chinese-days: make-up workday ${date} is not a Saturday or Sunday`);
    }
    listed.set(n, { date, workday: true, name: `${chineseName(value)}调休上班` });
  }
  for (const [date] of dates(data.inLieuDays, 'in-lieu day')) {
    if (listed.get(dayNumber(date))?.workday !== false) {
      throw new RangeError(`chinese-days: in-lieu day ${date} is not a holiday`);
    }
  }

  const springFestival = new Set<number>();
  const nationalDay = new Set<number>();
  for (const [date, value] of holidays) {
    const name = chineseName(value);
    const year = Number(date.slice(0, 4));
    const month = Number(date.slice(5, 7));
    if (name === '春节' && month <= 2) springFestival.add(year);
    if (name === '国庆节' && month === 10) nationalDay.add(year);
  }
  const years = [...springFestival].filter((y) => nationalDay.has(y)).sort((a, b) => a - b);

  const coverage: DateRange[] = [];
  const entries: CalendarEntry[] = [];
  const inYears = new Set<number>();
  for (const y of years) {
    const from = `${String(y).padStart(4, '0')}-01-01`;
    const to = `${String(y).padStart(4, '0')}-12-31`;
    const last = coverage[coverage.length - 1];
    if (last && Number(last.to.slice(0, 4)) === y - 1)
      coverage[coverage.length - 1] = { ...last, to };
    else coverage.push({ from, to });
    for (let n = dayNumber(from), end = dayNumber(to); n <= end; n++) {
      inYears.add(n);
      entries.push(
        listed.get(n) ?? {
          date: fromDayNumber(n),
          workday: isWeekdayRuleWorkday(weekdayOfDayNumber(n)),
          name: null,
        },
      );
    }
  }
  for (const [n, e] of listed) if (!inYears.has(n)) entries.push(e);
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { entries, coverage };
}
