import fc from 'fast-check';
import data from 'chinese-days/dist/chinese-days.json';
import { entriesFromChineseDays } from './calendar/chinese-days';
import { addCalendarDays, dayNumber, fromDayNumber } from './calendar/iso-date';
import { WorkCalendar } from './calendar/work-calendar';
import { isObjectionInTime, objectionDeadline as byRules, regimeOf } from './objection-deadline';
import { DEFAULT_SECTOR_RULES, type SectorRules } from './sector-rules';

const RULES: Record<'food' | 'product', SectorRules> = {
  food: { ...DEFAULT_SECTOR_RULES.food, sector: 'food', version: 1 },
  product: { ...DEFAULT_SECTOR_RULES.manufacturing, sector: 'manufacturing', version: 1 },
};
const objectionDeadline = (cal: WorkCalendar, regime: 'food' | 'product', day: string) =>
  byRules(cal, RULES[regime], day);

const china = entriesFromChineseDays(data);
const CN = new WorkCalendar(china.entries, china.coverage);
const PLAIN = new WorkCalendar();

describe('objectionDeadline', () => {
  it('food: the 7th working day after the day of receipt (Food Safety Law Art. 88)', () => {
    // Received Mon 2026-03-02: Tue 3 … Fri 6 (4), Mon 9, Tue 10, Wed 11 (7).
    expect(objectionDeadline(CN, 'food', '2026-03-02')).toEqual({
      regime: 'food',
      receivedOn: '2026-03-02',
      from: '2026-03-02',
      deadline: '2026-03-11',
      covered: true,
      firstUncovered: null,
      rule: {
        sector: 'food',
        version: 1,
        rule: 'objectionWindow',
        label: '提出复检申请（异议）',
        days: 7,
        dayKind: 'working',
        source: {
          zh: '《中华人民共和国食品安全法》第八十八条：自收到检验结论之日起七个工作日内提出复检申请',
          en: 'Food Safety Law art. 88: an objection within 7 working days of receiving the result',
        },
      },
    });
    // Received on a Saturday: counting starts on Monday 03-09, the 7th is Tue 03-17.
    expect(objectionDeadline(CN, 'food', '2026-03-07').deadline).toBe('2026-03-17');
    // Across National Day 2025: Fri 26, Sun 28 (make-up), Mon 29, Tue 30 (4), then the holiday
    // to 10-08, Thu 09, Fri 10, Sat 11 (make-up) (7).
    expect(objectionDeadline(CN, 'food', '2025-09-25').deadline).toBe('2025-10-11');
    // Across the Spring Festival 2026: Fri 13, Sat 14 (make-up) (2), 24–27 (6), Sat 28 (7).
    expect(objectionDeadline(CN, 'food', '2026-02-12').deadline).toBe('2026-02-28');
  });

  it('products: receipt + 15 days, moved off a rest day (Product Quality Law Art. 15)', () => {
    expect(objectionDeadline(CN, 'product', '2026-03-02')).toMatchObject({
      regime: 'product',
      deadline: '2026-03-17',
      rule: { rule: 'objectionWindow', days: 15, dayKind: 'calendar', version: 1 },
      firstUncovered: null,
    });
    expect(objectionDeadline(CN, 'product', '2026-03-02').rule.source.en).toMatch(
      /^Product Quality Law art\. 15/,
    );
    // The 15th day is Saturday 03-21: the deadline is Monday 03-23.
    expect(objectionDeadline(CN, 'product', '2026-03-06').deadline).toBe('2026-03-23');
    // The 15th day is 10-07, the last day of the National Day holiday: 10-08.
    expect(objectionDeadline(CN, 'product', '2026-09-22').deadline).toBe('2026-10-08');
    // Received during a holiday: the count runs through it all the same.
    expect(objectionDeadline(CN, 'product', '2026-10-01').deadline).toBe('2026-10-16');
  });

  it('says when the calendar does not know a day the answer relied on', () => {
    expect(objectionDeadline(PLAIN, 'food', '2026-03-02').firstUncovered).toBe('2026-03-03');
    expect(objectionDeadline(PLAIN, 'product', '2026-03-02').firstUncovered).toBe('2026-03-17');
    const beyond = CN.coverageRanges[CN.coverageRanges.length - 1].to;
    const d = objectionDeadline(CN, 'food', addCalendarDays(beyond, -3));
    expect(d.firstUncovered).toBe(addCalendarDays(beyond, 1));
    // Product deadlines only rely on the last days, so an uncovered middle does not matter.
    expect(
      objectionDeadline(CN, 'product', addCalendarDays(beyond, -20)).firstUncovered,
    ).toBeNull();
  });

  it('refuses a malformed date; food is the food regime, every other sector the product one', () => {
    expect(() => objectionDeadline(CN, 'food', '2026-02-30')).toThrow(RangeError);
    expect(regimeOf('food')).toBe('food');
    expect(regimeOf('drug')).toBe('product');
  });

  it('food deadlines are exactly 7 working days away, on a working day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber('2004-01-01'), max: dayNumber('2026-12-01') }),
        (n) => {
          const received = fromDayNumber(n);
          const { deadline } = objectionDeadline(CN, 'food', received);
          expect(CN.isWorkday(deadline)).toBe(true);
          expect(CN.workingDaysBetween(received, deadline)).toBe(7);
          expect(CN.workingDaysBetween(received, addCalendarDays(deadline, -1))).toBe(6);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('product deadlines are the first working day on or after the 15th day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber('2004-01-01'), max: dayNumber('2026-12-01') }),
        (n) => {
          const received = fromDayNumber(n);
          const fifteenth = addCalendarDays(received, 15);
          const { deadline } = objectionDeadline(CN, 'product', received);
          expect(deadline >= fifteenth).toBe(true);
          expect(CN.isWorkday(deadline)).toBe(true);
          for (let d = fifteenth; d < deadline; d = addCalendarDays(d, 1)) {
            expect(CN.isWorkday(d)).toBe(false);
          }
          // (Only days off lie between: the 2020 Spring Festival, extended to 2 February,
          // moves a deadline by 10 days.)
          if (CN.isWorkday(fifteenth)) expect(deadline).toBe(fifteenth);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('isObjectionInTime', () => {
  it('includes the deadline day and nothing after it', () => {
    expect(isObjectionInTime('2026-03-11', '2026-03-02')).toBe(true);
    expect(isObjectionInTime('2026-03-11', '2026-03-11')).toBe(true);
    expect(isObjectionInTime('2026-03-11', '2026-03-12')).toBe(false);
    expect(() => isObjectionInTime('2026-03-11', '2026-3-12')).toThrow(RangeError);
  });
});
