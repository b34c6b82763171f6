import fc from 'fast-check';
import {
  disposalGap,
  disposalRate,
  type TargetEntry,
  parseRateDimensions,
  parseRatePeriod,
  parseTargetValue,
  prefectureOf,
  qualificationRate,
  quarterOf,
  rateGap,
  resolveTarget,
} from './rates';

describe('parseRateDimensions', () => {
  it('reads a comma list in order, once each; nothing means totals', () => {
    expect(parseRateDimensions('sector, prefecture,sector')).toEqual({
      ok: true,
      value: ['sector', 'prefecture'],
    });
    expect(parseRateDimensions(undefined)).toEqual({ ok: true, value: [] });
    expect(parseRateDimensions('')).toEqual({ ok: true, value: [] });
  });

  it('names an unknown dimension and the known ones', () => {
    const r = parseRateDimensions('sector,colour');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/unknown dimension "colour"; known: plan, category/);
    expect(parseRateDimensions(['sector']).ok).toBe(false);
  });
});

describe('parseRatePeriod', () => {
  it('reads a year, a quarter or a month as a range of months', () => {
    expect(parseRatePeriod('2026-Q3')).toEqual({
      ok: true,
      value: { label: '2026-Q3', kind: 'quarter', from: '2026-07-01', to: '2026-09-01' },
    });
    expect(parseRatePeriod('2026')).toMatchObject({
      ok: true,
      value: { kind: 'year', from: '2026-01-01', to: '2026-12-01' },
    });
    expect(parseRatePeriod('2026-02')).toMatchObject({
      ok: true,
      value: { kind: 'month', from: '2026-02-01', to: '2026-02-01' },
    });
  });

  it('refuses what does not parse, saying what would', () => {
    for (const bad of ['2026-Q5', '2026-13', '26', '2026-7', 'Q3', '1999', 2026, null]) {
      const r = parseRatePeriod(bad);
      expect(r.ok).toBe(false);
    }
    const r = parseRatePeriod('2026-Q5');
    expect(!r.ok && r.reason).toMatch(/a year \(2026\), a quarter \(2026-Q3\) or a month/);
  });
});

describe('qualificationRate and rateGap', () => {
  it('is pass over final batches in percent, two decimals, half to even', () => {
    expect(qualificationRate(965, 35)).toBe('96.50');
    expect(qualificationRate(2, 1)).toBe('66.67');
    expect(qualificationRate(0, 3)).toBe('0.00');
    expect(qualificationRate(0, 0)).toBeNull();
    // 1/8 = 12.5 % exactly; 1/1600 = 0.0625 % → 0.06 (half to even), 3/1600 → 0.1875 → 0.19.
    expect(qualificationRate(1, 1599)).toBe('0.06');
    expect(qualificationRate(3, 1597)).toBe('0.19');
    expect(qualificationRate(5, 39995)).toBe('0.01');
  });

  it('gaps from the exact rate, negative when short of the target', () => {
    expect(rateGap(965, 35, '96.5')).toBe('0.00');
    expect(rateGap(2, 1, '94')).toBe('-27.33');
    expect(rateGap(99, 1, '98')).toBe('1.00');
    expect(rateGap(0, 0, '98')).toBeNull();
    expect(rateGap(1, 0, null)).toBeNull();
  });

  it('agrees with exact arithmetic', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), (pass, fail) => {
        fc.pre(pass + fail > 0);
        const rate = Number(qualificationRate(pass, fail));
        expect(Math.abs(rate - (pass * 100) / (pass + fail))).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Number(rateGap(pass, fail, '50'))).toBeCloseTo(rate - 50, 1);
      }),
    );
  });
});

describe('parseTargetValue', () => {
  it('takes 0–100 with at most two decimals, as a number or a string', () => {
    expect(parseTargetValue('96.50')).toEqual({ ok: true, value: '96.5' });
    expect(parseTargetValue(94)).toEqual({ ok: true, value: '94' });
    expect(parseTargetValue('100.00')).toEqual({ ok: true, value: '100' });
    expect(parseTargetValue('0')).toEqual({ ok: true, value: '0' });
    for (const bad of ['100.01', '-1', '101', '96.555', 'abc', '', NaN, Infinity, null])
      expect(parseTargetValue(bad).ok).toBe(false);
  });
});

describe('resolveTarget', () => {
  const t = (jurisdiction: string, year: number, target: string): TargetEntry => ({
    jurisdiction,
    sector: 'manufacturing',
    year,
    metric: 'pass_rate',
    target,
  });
  const targets = [t('150000', 2025, '96.5'), t('150100', 2024, '95'), t('150000', 2023, '90')];
  const q = (region: string, year: number) =>
    resolveTarget(targets, { region, sector: 'manufacturing', year, metric: 'pass_rate' });

  it('takes the most local jurisdiction, then its latest year not after the one asked', () => {
    expect(q('150102', 2026)?.target).toBe('95');
    expect(q('150200', 2026)?.target).toBe('96.5');
    expect(q('150200', 2024)?.target).toBe('90');
    expect(q('150000', 2025)?.target).toBe('96.5');
    expect(q('150200', 2022)).toBeNull();
    expect(q('140100', 2026)).toBeNull();
    expect(
      resolveTarget(targets, { region: '150102', sector: 'food', year: 2026, metric: 'pass_rate' }),
    ).toBeNull();
  });
});

describe('region and period helpers', () => {
  it('names a county’s prefecture and a month’s quarter', () => {
    expect(prefectureOf('150102')).toBe('150100');
    expect(quarterOf('2026-07-01')).toBe('2026-Q3');
    expect(quarterOf('2026-12-01')).toBe('2026-Q4');
  });
});

describe('disposalRate', () => {
  it('is closed cases over final failures, half to even, beside the 100 % target', () => {
    expect(disposalRate(0, 0)).toBeNull();
    expect(disposalRate(3, 3)).toBe('100.00');
    expect(disposalRate(3, 2)).toBe('66.67');
    expect(disposalRate(8, 1)).toBe('12.50');
    expect(disposalGap(3, 2, '100')).toBe('-33.33');
    expect(disposalGap(3, 3, '100')).toBe('0.00');
    expect(disposalGap(3, 2, null)).toBeNull();
    expect(disposalGap(0, 0, '100')).toBeNull();
  });
});
