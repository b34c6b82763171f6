import data from 'chinese-days/dist/chinese-days.json';
import { getDayDetail, isWorkday as packageIsWorkday } from 'chinese-days';
import { ChineseDaysData, entriesFromChineseDays } from './chinese-days';
import { dayNumber, fromDayNumber } from './iso-date';

const { entries, coverage } = entriesFromChineseDays(data);
const byDate = new Map(entries.map((e) => [e.date, e]));

describe('entries from the chinese-days data', () => {
  it('covers every year the package has a full notice for, from 2004', () => {
    expect(coverage).toHaveLength(1);
    expect(coverage[0].from).toBe('2004-01-01');
    expect(coverage[0].to >= '2026-12-31').toBe(true);
    const days = dayNumber(coverage[0].to) - dayNumber(coverage[0].from) + 1;
    expect(
      entries.filter((e) => e.date >= coverage[0].from && e.date <= coverage[0].to),
    ).toHaveLength(days);
  });

  it("agrees with the package's own isWorkday on every covered day", () => {
    const disagree: string[] = [];
    for (let n = dayNumber(coverage[0].from); n <= dayNumber(coverage[0].to); n++) {
      const d = fromDayNumber(n);
      if (byDate.get(d)?.workday !== packageIsWorkday(d)) disagree.push(d);
    }
    expect(disagree).toEqual([]);
  });

  it('names holidays and make-up working days in Chinese', () => {
    expect(byDate.get('2026-02-17')).toEqual({ date: '2026-02-17', workday: false, name: '春节' });
    expect(getDayDetail('2026-02-17').name).toContain('春节');
    expect(byDate.get('2026-10-10')).toEqual({
      date: '2026-10-10',
      workday: true,
      name: '国庆节调休上班',
    });
    expect(byDate.get('2026-03-10')).toEqual({ date: '2026-03-10', workday: true, name: null });
  });

  it('keeps entries in date order without duplicates', () => {
    const dates = entries.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('does not count a year that only appears through a neighbouring notice', () => {
    const partial: ChineseDaysData = {
      holidays: {
        '2030-01-25': 'Spring Festival,春节,3',
        '2030-10-01': 'National Day,国庆节,3',
        '2031-01-01': "New Year's Day,元旦,1",
      },
      workdays: { '2029-12-29': "New Year's Day,元旦,1" },
    };
    const r = entriesFromChineseDays(partial);
    expect(r.coverage).toEqual([{ from: '2030-01-01', to: '2030-12-31' }]);
    expect(r.entries).toHaveLength(365 + 2);
    expect(r.entries[0]).toEqual({ date: '2029-12-29', workday: true, name: '元旦调休上班' });
    expect(r.entries[r.entries.length - 1]).toEqual({
      date: '2031-01-01',
      workday: false,
      name: '元旦',
    });
  });

  it('refuses data it would misread', () => {
    expect(() =>
      entriesFromChineseDays({
        holidays: { '2030-10-05': 'National Day,国庆节,3' },
        workdays: { '2030-10-05': 'National Day,国庆节,3' },
      }),
    ).toThrow('2030-10-05 is both a holiday and a workday');
    expect(() =>
      entriesFromChineseDays({ holidays: {}, workdays: { '2030-10-08': 'National Day,国庆节,3' } }),
    ).toThrow('make-up workday 2030-10-08 is not a Saturday or Sunday');
    expect(() =>
      entriesFromChineseDays({ holidays: { '2030-02-30': '春节' }, workdays: {} }),
    ).toThrow('chinese-days holiday 2030-02-30: 2030-02-30 does not exist');
    expect(() =>
      entriesFromChineseDays({
        holidays: {},
        workdays: {},
        inLieuDays: { '2030-10-07': 'National Day,国庆节,3' },
      }),
    ).toThrow('in-lieu day 2030-10-07 is not a holiday');
  });
});
