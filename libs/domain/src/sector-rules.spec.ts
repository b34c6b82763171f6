import fc from 'fast-check';
import data from 'chinese-days/dist/chinese-days.json';
import { entriesFromChineseDays } from './calendar/chinese-days';
import { addCalendarDays, dayNumber, fromDayNumber } from './calendar/iso-date';
import { WorkCalendar } from './calendar/work-calendar';
import { SECTORS } from './enums';
import {
  DEFAULT_SECTOR_RULES,
  PERIOD_RULES,
  RULE_NAMES,
  type SectorRules,
  applySectorRulesPatch,
  ruleDeadline,
  sectorRuleSetProblems,
  sectorRulesOf,
} from './sector-rules';

const china = entriesFromChineseDays(data);
const CN = new WorkCalendar(china.entries, china.coverage);
const PLAIN = new WorkCalendar();

const FOOD: SectorRules = { ...DEFAULT_SECTOR_RULES.food, sector: 'food', version: 1 };
const PRODUCT: SectorRules = {
  ...DEFAULT_SECTOR_RULES.consumer_goods,
  sector: 'consumer_goods',
  version: 1,
};

describe('the default sector rules', () => {
  it('are complete and valid for every sector, each value with its source', () => {
    for (const sector of SECTORS) {
      expect(sectorRuleSetProblems(DEFAULT_SECTOR_RULES[sector])).toEqual([]);
      for (const name of RULE_NAMES)
        expect(DEFAULT_SECTOR_RULES[sector][name].source.zh.length).toBeGreaterThan(0);
    }
  });

  it('put food under the Food Safety Law and SAMR Order 15, the others under the Product Quality Law', () => {
    expect(FOOD.objectionWindow).toMatchObject({ days: 7, dayKind: 'working' });
    expect(FOOD.objectionWindow.source.zh).toContain('食品安全法》第八十八条');
    expect(FOOD.microbialRetest.allowed).toBe(false);
    expect(FOOD.expiredBackupRetest.allowed).toBe(false);
    expect(FOOD.retestTesting.source.zh).toContain('总局令第15号');
    for (const sector of SECTORS.filter((s) => s !== 'food')) {
      const r = DEFAULT_SECTOR_RULES[sector];
      expect(r.objectionWindow).toMatchObject({ days: 15, dayKind: 'calendar' });
      expect(r.objectionWindow.source.zh).toContain('产品质量法》第十五条');
      expect(r.objectionWindow.source.zh).toContain('总局令第18号');
    }
  });
});

describe('ruleDeadline', () => {
  it('counts working days after the start, skipping holidays and counting make-up days', () => {
    // Sampled Thursday 2026-02-12 before the Spring Festival: Fri 13, Sat 14 (make-up), then
    // the holiday to 02-23, Tue 24, Wed 25, Thu 26.
    expect(ruleDeadline(CN, FOOD, 'sampleDelivery', '2026-02-12')).toEqual({
      from: '2026-02-12',
      deadline: '2026-02-26',
      covered: true,
      firstUncovered: null,
      rule: expect.objectContaining({
        sector: 'food',
        version: 1,
        rule: 'sampleDelivery',
        days: 5,
        dayKind: 'working',
      }),
    });
    // National Day 2025: received Thu 09-25 — Fri 26, Sun 28 (make-up), Mon 29, Tue 30, then
    // 10-09, Fri 10, Sat 11 (make-up), Mon 13, Tue 14, Wed 15 (10).
    expect(ruleDeadline(CN, FOOD, 'retestTesting', '2025-09-25').deadline).toBe('2025-10-15');
    // A decision on an objection filed on the Saturday before: Mon–Fri of the next week.
    expect(ruleDeadline(CN, FOOD, 'objectionDecision', '2026-03-07').deadline).toBe('2026-03-13');
  });

  it('counts calendar days and moves the last one off a rest day or holiday', () => {
    // 2026-09-22 + 15 = 10-07, the last day of the National Day holiday: 10-08.
    expect(ruleDeadline(CN, PRODUCT, 'objectionWindow', '2026-09-22').deadline).toBe('2026-10-08');
    // 2026-03-06 + 15 = Saturday 03-21: Monday 03-23.
    expect(ruleDeadline(CN, PRODUCT, 'objectionWindow', '2026-03-06').deadline).toBe('2026-03-23');
    // A make-up Saturday is a working day: 2026-01-31 + 15 = Sat 02-14, worked, stays.
    expect(ruleDeadline(CN, PRODUCT, 'objectionWindow', '2026-01-30').deadline).toBe('2026-02-14');
  });

  it('follows the rule version it is given and names it', () => {
    const edited: SectorRules = {
      ...FOOD,
      version: 3,
      testing: { days: 10, dayKind: 'calendar', source: { zh: '细则', en: 'rules' } },
    };
    const d = ruleDeadline(CN, edited, 'testing', '2026-03-02');
    expect(d.deadline).toBe('2026-03-12');
    expect(d.rule).toEqual({
      sector: 'food',
      version: 3,
      rule: 'testing',
      label: '检验并出具检验报告',
      days: 10,
      dayKind: 'calendar',
      source: { zh: '细则', en: 'rules' },
    });
  });

  it('says which day the calendar did not know', () => {
    expect(ruleDeadline(PLAIN, FOOD, 'testing', '2026-03-02').firstUncovered).toBe('2026-03-03');
    expect(ruleDeadline(PLAIN, PRODUCT, 'objectionWindow', '2026-03-02').firstUncovered).toBe(
      '2026-03-17',
    );
  });

  it('lands on a working day exactly n working days on, for every working-day rule (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber('2010-01-01'), max: dayNumber('2026-11-01') }),
        fc.constantFrom(...PERIOD_RULES.filter((r) => FOOD[r].dayKind === 'working')),
        (n, rule) => {
          const from = fromDayNumber(n);
          const { deadline } = ruleDeadline(CN, FOOD, rule, from);
          expect(CN.isWorkday(deadline)).toBe(true);
          expect(CN.workingDaysBetween(from, deadline)).toBe(FOOD[rule].days);
          expect(CN.workingDaysBetween(from, addCalendarDays(deadline, -1))).toBe(
            FOOD[rule].days - 1,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('applySectorRulesPatch', () => {
  const source = { zh: '某市食品抽检实施细则第五条' };

  it('changes a value with its new source, and says what changed', () => {
    const r = applySectorRulesPatch(FOOD, { testing: { days: 15, source } });
    expect(r).toEqual({
      ok: true,
      changed: ['testing'],
      rules: expect.objectContaining({
        testing: { days: 15, dayKind: 'working', source: { zh: source.zh, en: source.zh } },
        objectionWindow: FOOD.objectionWindow,
      }),
    });
  });

  it('refuses a changed value without its source, naming the field', () => {
    expect(applySectorRulesPatch(FOOD, { objectionWindow: { days: 10 } })).toEqual({
      ok: false,
      problems: [
        {
          field: 'objectionWindow.source',
          reason: expect.stringContaining('is required when the value changes'),
        },
      ],
    });
  });

  it('names every bad field at once', () => {
    const r = applySectorRulesPatch(FOOD, {
      testing: { days: 0, dayKind: 'weekly', source },
      backupAfterPass: { months: 1.5, source },
      microbialRetest: { allowed: 'yes', source },
      nonsense: { days: 1 },
      sampleDelivery: { hours: 3 },
      retestTesting: { days: 3, source: { zh: ' ' } },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.field)).toEqual([
      'testing.days',
      'testing.dayKind',
      'backupAfterPass.months',
      'microbialRetest.allowed',
      'nonsense',
      'sampleDelivery.hours',
      'retestTesting.source.zh',
      'retestTesting.source.en',
    ]);
  });

  it('changes nothing when nothing differs, and takes a better citation alone as a change', () => {
    expect(applySectorRulesPatch(FOOD, { testing: { days: 20 } })).toEqual({
      ok: true,
      changed: [],
      rules: expect.objectContaining({ testing: FOOD.testing }),
    });
    expect(
      applySectorRulesPatch(FOOD, { testing: { source: { zh: '更准确的出处', en: 'better' } } }),
    ).toMatchObject({ ok: true, changed: ['testing'] });
  });

  it('gives a rule set the table accepts back', () => {
    const r = applySectorRulesPatch(PRODUCT, { microbialRetest: { allowed: false, source } });
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(sectorRulesOf('consumer_goods', 2, r.rules)).toMatchObject({
        version: 2,
        microbialRetest: { allowed: false },
      });
    expect(() => sectorRulesOf('toys', 1, DEFAULT_SECTOR_RULES.food)).toThrow('unknown sector');
    expect(() => sectorRulesOf('food', 1, { testing: {} })).toThrow('sector rules food v1');
  });
});
