import fc from 'fast-check';
import { type LimitRule, type RangeRule, compareDecimal, parseLimitRule } from './limit-rule';
import {
  type ComparisonMode,
  type ItemInput,
  type ItemOutcome,
  evaluateItem,
  evaluateSample,
  prepareItem,
  sampleOutcome,
} from './verdict';

function rule(text: string): LimitRule {
  const r = parseLimitRule(text);
  if (!r.ok) throw new Error(r.reason);
  return r.rule;
}

function item(
  limit: string,
  value: string,
  extra: Partial<Omit<ItemInput, 'rule' | 'result'>> = {},
): ItemInput {
  return {
    itemCode: 'X1',
    itemName: '项目',
    unit: 'mg/kg',
    rule: rule(limit),
    limitText: limit,
    result: { kind: 'measured', value },
    ...extra,
  };
}

function outcome(
  limit: string,
  value: string,
  comparison: ComparisonMode = 'full',
  digits?: number,
) {
  const e = evaluateItem(item(limit, value, { comparison, roundingDigits: digits ?? null }));
  if (!e.ok) throw new Error(e.reason);
  return e.verdict.outcome;
}

const ok = (pass: boolean): ItemOutcome => (pass ? 'pass' : 'fail');

describe('evaluateItem: the two comparison methods of GB/T 8170 §4.3 (Table 2 examples)', () => {
  // [limit, value, full-value method passes, rounded value, rounded method passes, digits]
  it.each<[string, string, boolean, string, boolean, number | null]>([
    // Tensile strength ≥ 14×100 MPa: the limit's digit is the hundreds, stored as 1400.
    ['≥1400', '1349', false, '1300', false, -2],
    ['≥1400', '1351', false, '1400', true, -2],
    ['≥1400', '1400', true, '1400', true, -2],
    ['≥1400', '1402', true, '1400', true, -2],
    // NaOH mass fraction ≥ 97.0 %.
    ['≥97.0', '97.01', true, '97.0', true, null],
    ['≥97.0', '97.00', true, '97.0', true, null],
    ['≥97.0', '96.96', false, '97.0', true, null],
    ['≥97.0', '96.94', false, '96.9', false, null],
    // Si mass fraction ≤ 0.5 %.
    ['≤0.5', '0.452', true, '0.5', true, null],
    ['≤0.5', '0.500', true, '0.5', true, null],
    ['≤0.5', '0.549', false, '0.5', true, null],
    ['≤0.5', '0.551', false, '0.6', false, null],
    // Mn mass fraction 1.2 ~ 1.6 %.
    ['1.2~1.6', '1.151', false, '1.2', true, null],
    ['1.2~1.6', '1.200', true, '1.2', true, null],
    ['1.2~1.6', '1.649', false, '1.6', true, null],
    ['1.2~1.6', '1.651', false, '1.7', false, null],
    // Wire rod diameter 10.0 ± 0.1 mm, bounds included …
    ['9.9~10.1', '9.89', false, '9.9', true, null],
    ['9.9~10.1', '9.85', false, '9.8', false, null], // 5 then nothing, 8 even: down (3.2.4)
    ['9.9~10.1', '10.10', true, '10.1', true, null],
    ['9.9~10.1', '10.16', false, '10.2', false, null],
    // … and excluded: there the full-value method is the more lenient one.
    ['(9.9,10.1)', '9.94', true, '9.9', false, null],
    ['(9.9,10.1)', '9.96', true, '10.0', true, null],
    ['(9.9,10.1)', '10.06', true, '10.1', false, null],
    ['(9.9,10.1)', '10.05', true, '10.0', true, null],
  ])('%s with %s: full %s, rounded %s %s', (limit, value, full, rounded, roundedPass, digits) => {
    expect(outcome(limit, value, 'full')).toBe(ok(full));
    const e = evaluateItem(item(limit, value, { comparison: 'rounded', roundingDigits: digits }));
    expect(e).toMatchObject({
      ok: true,
      verdict: { outcome: ok(roundedPass), value, roundedValue: rounded },
    });
  });

  it('says which value was compared, and how it was rounded', () => {
    expect(evaluateItem(item('≤0.5', '0.551', { comparison: 'rounded' }))).toMatchObject({
      verdict: {
        reason: {
          zh: '修约值 0.6（实测值 0.551 按 GB/T 8170 修约至1位小数）不符合限值 ≤0.5',
          en: 'rounded value 0.6 (0.551 rounded to 1 decimal by GB/T 8170) is outside the limit ≤0.5',
        },
      },
    });
    expect(
      evaluateItem(item('≥1400', '1351', { comparison: 'rounded', roundingDigits: -2 })),
    ).toMatchObject({
      verdict: {
        reason: {
          zh: '修约值 1400（实测值 1351 按 GB/T 8170 修约至100的整数倍）符合限值 ≥1400',
          en: 'rounded value 1400 (1351 rounded to a multiple of 100 by GB/T 8170) is within the limit ≥1400',
        },
      },
    });
  });

  it('compares by the full value when the item says nothing', () => {
    const e = evaluateItem(item('≤0.5', '0.501'));
    expect(e).toMatchObject({ ok: true, verdict: { outcome: 'fail', roundedValue: null } });
  });
});

describe('evaluateItem: edge cases', () => {
  it('a value exactly at the limit passes an inclusive bound and fails an exclusive one', () => {
    for (const mode of ['full', 'rounded'] as const) {
      expect(outcome('≤0.5', '0.5', mode)).toBe('pass');
      expect(outcome('≤0.5', '0.50', mode)).toBe('pass');
      expect(outcome('<0.5', '0.5', mode)).toBe('fail');
      expect(outcome('≥2.9', '2.9', mode)).toBe('pass');
      expect(outcome('>2.9', '2.90', mode)).toBe('fail');
      expect(outcome('[0.1,0.5)', '0.1', mode)).toBe('pass');
      expect(outcome('[0.1,0.5)', '0.5', mode)).toBe('fail');
      expect(outcome('2~2', '2.000', mode)).toBe('pass');
    }
  });

  it('rounded comparison: 5 followed by zeros goes to the even digit (GB/T 8170 3.2.4)', () => {
    expect(outcome('≤0.5', '0.550', 'rounded')).toBe('fail'); // 0.6: 5 is odd
    expect(outcome('≤0.4', '0.450', 'rounded')).toBe('pass'); // 0.4: 4 is even
    expect(outcome('≤1.0', '1.05', 'rounded')).toBe('pass'); // 1.0
    expect(outcome('≤1.1', '1.15', 'rounded')).toBe('fail'); // 1.2
    expect(outcome('≤1.0', '1.0500001', 'rounded')).toBe('fail'); // 1.1: non-zero after 5
    expect(outcome('≥2', '1.5', 'rounded')).toBe('pass'); // 2
    expect(outcome('≥2', '2.5', 'rounded')).toBe('pass'); // 2
    expect(outcome('≤2', '2.5', 'rounded')).toBe('pass'); // 2
    expect(outcome('≤3', '2.5', 'rounded')).toBe('pass'); // 2
    expect(outcome('≥3', '2.5', 'rounded')).toBe('fail'); // 2
  });

  it('negative values: full comparison, and rounding of the absolute value (3.2.5)', () => {
    expect(outcome('-1~1', '-1.05', 'full')).toBe('fail');
    expect(outcome('-1.0~1.0', '-1.05', 'rounded')).toBe('pass'); // −1.0
    expect(outcome('-1.0~1.0', '-1.15', 'rounded')).toBe('fail'); // −1.2
    expect(outcome('≥-5', '-5.0', 'full')).toBe('pass');
    expect(outcome('>-5', '-5', 'full')).toBe('fail');
    expect(outcome('≥-5', '-5.01', 'full')).toBe('fail');
    // −0.04 rounds to 0.0, which is no less than 0.0: a negative blank-corrected reading of
    // a ≥ 0.0 quantity passes in rounded mode and fails in full mode.
    expect(outcome('≥0.0', '-0.04', 'rounded')).toBe('pass');
    expect(outcome('≥0.0', '-0.04', 'full')).toBe('fail');
    expect(outcome('≤0.1', '-3', 'full')).toBe('pass');
  });

  it('a limit written with trailing zeros is rounded to its written digit', () => {
    expect(outcome('≤0.5', '0.54', 'rounded')).toBe('pass'); // 0.5
    expect(outcome('≤0.50', '0.54', 'rounded')).toBe('fail'); // 0.54
    expect(outcome('≤0.50', '0.505', 'rounded')).toBe('pass'); // 0.50
    expect(outcome('≤0.50', '0.506', 'rounded')).toBe('fail'); // 0.51
    const e = evaluateItem(item('≤0.50', '0.5', { comparison: 'rounded' }));
    expect(e).toMatchObject({ ok: true, verdict: { roundedValue: '0.50', value: '0.5' } });
  });

  it('an explicit rounding digit overrides the written one', () => {
    expect(outcome('≤0.5', '0.54', 'rounded', 2)).toBe('fail');
    expect(outcome('≤0.50', '0.54', 'rounded', 1)).toBe('pass');
  });

  it('refuses a rounded comparison whose bounds are written to different digits', () => {
    const e = evaluateItem(item('1~1.50', '0.96', { comparison: 'rounded' }));
    expect(e).toEqual({
      ok: false,
      reason:
        'rounded comparison: the bounds 1 and 1.50 are written to different decimals; set roundingDigits',
    });
    expect(outcome('1~1.50', '0.96', 'rounded', 0)).toBe('pass');
    expect(outcome('1~1.50', '0.96', 'full')).toBe('fail');
  });
});

describe('evaluateItem: not detected (不得检出)', () => {
  it('passes ND, 未检出 and any value below the detection limit; fails at or above it', () => {
    expect(outcome('不得检出(0.01)', 'ND')).toBe('pass');
    expect(outcome('不得检出(0.01)', ' nd ')).toBe('pass');
    expect(outcome('不得检出(0.01)', '未检出')).toBe('pass');
    expect(outcome('不得检出(0.01)', '0.009')).toBe('pass');
    expect(outcome('不得检出(0.01)', '0')).toBe('pass');
    expect(outcome('不得检出(0.01)', '-0.002')).toBe('pass');
    expect(outcome('不得检出(0.01)', '0.01')).toBe('fail');
    expect(outcome('不得检出(0.01)', '0.0100')).toBe('fail');
    expect(outcome('不得检出(0.01)', '0.012')).toBe('fail');
  });

  it('ignores the comparison mode: detection is not rounded', () => {
    expect(outcome('不得检出(0.01)', '0.0096', 'rounded')).toBe('pass');
    expect(outcome('不得检出(0.010)', '0.0100', 'rounded')).toBe('fail');
  });

  it('explains itself in Chinese and English', () => {
    expect(evaluateItem(item('不得检出(0.01)', '0.012'))).toMatchObject({
      ok: true,
      verdict: {
        outcome: 'fail',
        value: '0.012',
        limit: '不得检出(0.01)',
        reason: {
          zh: '检出 0.012（检出限 0.01），不符合“不得检出”',
          en: 'detected at 0.012 (detection limit 0.01); it must not be detected',
        },
      },
    });
    expect(evaluateItem(item('不得检出(0.01)', '0.005'))).toMatchObject({
      verdict: { outcome: 'pass', reason: { zh: expect.stringContaining('按未检出判定') } },
    });
  });

  it('judges ND against a range: below a maximum passes, short of a minimum content fails', () => {
    expect(outcome('≤0.5', 'ND')).toBe('pass');
    expect(outcome('<0.5', '未检出', 'rounded')).toBe('pass');
    expect(outcome('≥2.9', 'ND')).toBe('fail');
    expect(outcome('>0', 'ND')).toBe('fail');
    expect(outcome('[0,1]', 'ND')).toBe('pass');
    expect(outcome('-1~1', 'ND')).toBe('pass');
    expect(outcome('0.1~0.5', 'ND')).toBe('fail');
  });
});

describe('evaluateItem: text rules, not tested, bad input', () => {
  it('matches one of the allowed values exactly, after trimming', () => {
    expect(outcome('{合格|符合}', '符合')).toBe('pass');
    expect(outcome('{合格|符合}', ' 合格　')).toBe('pass');
    expect(outcome('{合格|符合}', '不合格')).toBe('fail');
    expect(outcome('{无异常}', '无 异常')).toBe('fail');
    expect(outcome('{Pass}', 'pass')).toBe('fail');
    expect(evaluateItem(item('{合格|符合}', '不合格'))).toMatchObject({
      verdict: {
        reason: {
          zh: '结果“不合格”不在允许值 {合格|符合} 之中',
          en: "result '不合格' is not one of the allowed values {合格|符合}",
        },
      },
    });
  });

  it('makes a not-tested item not applicable, with its reason', () => {
    const e = evaluateItem({
      ...item('≤0.5', '0'),
      result: { kind: 'not_tested', reason: ' 样品量不足 ' },
    });
    expect(e).toEqual({
      ok: true,
      verdict: {
        itemCode: 'X1',
        itemName: '项目',
        unit: 'mg/kg',
        outcome: 'not_applicable',
        value: null,
        roundedValue: null,
        limit: '≤0.5',
        reason: { zh: '未检测：样品量不足', en: 'not tested: 样品量不足' },
      },
    });
  });

  it('writes the limit from the rule when the template gives no text', () => {
    const e = evaluateItem({ ...item('≤0.50', '0.6'), limitText: null, unit: null });
    expect(e).toMatchObject({ ok: true, verdict: { limit: '≤0.50', unit: null, outcome: 'fail' } });
  });

  it.each<[string, Partial<ItemInput>, RegExp]>([
    [
      'a text for a range',
      { result: { kind: 'measured', value: '合格' } },
      /'合格' is not a decimal/,
    ],
    ['a value with units', { result: { kind: 'measured', value: '0.5mg' } }, /not a decimal/],
    ['a below-LOQ notation', { result: { kind: 'measured', value: '<0.01' } }, /ND\/未检出/],
    ['an exponent', { result: { kind: 'measured', value: '1e-3' } }, /not a decimal/],
    ['an empty value', { result: { kind: 'measured', value: '  ' } }, /must not be empty/],
    ['no reason', { result: { kind: 'not_tested', reason: '' } }, /needs a reason/],
    ['an unknown result', { result: { kind: 'guessed' } as never }, /measured or not_tested/],
    ['no item code', { itemCode: ' ' }, /itemCode/],
    ['no item name', { itemName: '' }, /itemName/],
    ['a bad rule', { rule: { kind: 'range' } as never }, /^rule: /],
    ['a bad mode', { comparison: 'approx' as never }, /full or rounded/],
    ['bad digits', { roundingDigits: 1.5 }, /roundingDigits must be an integer/],
  ])('refuses %s', (_, patch, reason) => {
    const e = evaluateItem({ ...item('≤0.5', '0.1'), ...patch });
    expect(e).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('refuses a non-decimal value for a not-detected rule', () => {
    expect(evaluateItem(item('不得检出(0.01)', '阴性'))).toMatchObject({ ok: false });
  });
});

// ---- properties ----

const SCALE = 12;
const decimal = fc
  .record({
    negative: fc.boolean(),
    int: fc.stringMatching(/^\d{1,4}$/),
    frac: fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
  })
  .map(
    ({ negative, int, frac }) =>
      `${negative ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`,
  );
/** Bounds with a fixed number of decimals, as limits are written. */
const bound = fc
  .tuple(fc.integer({ min: -9999, max: 9999 }), fc.integer({ min: 0, max: 3 }))
  .map(([n, d]) => {
    const s = Math.abs(n)
      .toString()
      .padStart(d + 1, '0');
    const body = d === 0 ? s : `${s.slice(0, s.length - d)}.${s.slice(s.length - d)}`;
    return n < 0 ? `-${body}` : body;
  });
const scaled = (d: string): bigint => {
  const negative = d.startsWith('-');
  const [int, frac = ''] = (negative ? d.slice(1) : d).split('.');
  const v = BigInt(int + frac.padEnd(SCALE, '0'));
  return negative ? -v : v;
};
const negate = (s: string) => (s.startsWith('-') ? s.slice(1) : `-${s}`);

const rangeRule: fc.Arbitrary<RangeRule> = fc
  .tuple(fc.option(bound), fc.option(bound), fc.boolean(), fc.boolean())
  .filter(([a, b, li, hi]) => {
    if (a === null && b === null) return false;
    if (a === null || b === null) return true;
    const c = compareDecimal(a, b);
    return c < 0 || (c === 0 && li && hi);
  })
  .map(([min, max, li, hi]) => {
    const r: RangeRule = {
      kind: 'range',
      minInclusive: min !== null && li,
      maxInclusive: max !== null && hi,
    };
    if (min !== null) r.min = min;
    if (max !== null) r.max = max;
    return r;
  });

/** A rule and a value that is often one of its bounds, or one written with more zeros. */
const ruleAndValue = rangeRule.chain((r) => {
  const bounds = [r.min, r.max].filter((b): b is string => b !== undefined);
  const near = bounds.flatMap((b) => [b, b.includes('.') ? `${b}0` : `${b}.00`]);
  return fc.tuple(fc.constant(r), fc.oneof(decimal, fc.constantFrom(...near)));
});

function judge(r: RangeRule, value: string, comparison: ComparisonMode, digits?: number) {
  const e = evaluateItem({
    itemCode: 'P',
    itemName: 'p',
    rule: r,
    comparison,
    roundingDigits: digits ?? null,
    result: { kind: 'measured', value },
  });
  if (!e.ok) throw new Error(e.reason);
  return e.verdict.outcome;
}

describe('evaluateItem (properties)', () => {
  it('full-value comparison is the plain definition of the range on exact integers', () => {
    fc.assert(
      fc.property(ruleAndValue, ([r, v]) => {
        const x = scaled(v);
        const inside =
          (r.min === undefined || (r.minInclusive ? x >= scaled(r.min) : x > scaled(r.min))) &&
          (r.max === undefined || (r.maxInclusive ? x <= scaled(r.max) : x < scaled(r.max)));
        expect(judge(r, v, 'full')).toBe(ok(inside));
      }),
      { numRuns: 2000 },
    );
  });

  it('a value exactly at a bound passes iff the bound is inclusive, in both modes', () => {
    fc.assert(
      fc.property(
        rangeRule,
        fc.boolean(),
        fc.constantFrom<ComparisonMode>('full', 'rounded'),
        (r, atMin, mode) => {
          const b = atMin ? (r.min ?? r.max!) : (r.max ?? r.min!);
          const inclusive = b === r.min ? r.minInclusive : r.maxInclusive;
          const other = b === r.min ? r.max : r.min;
          fc.pre(other === undefined || compareDecimal(other, b) !== 0 || inclusive);
          const digits = Math.max(
            ...[r.min, r.max]
              .filter((x) => x !== undefined)
              .map((x) => x!.split('.')[1]?.length ?? 0),
          );
          expect(judge(r, b, mode, digits)).toBe(ok(inclusive));
        },
      ),
    );
  });

  it('with inclusive bounds a full-value pass is a rounded pass (full is the stricter, §4.3.4)', () => {
    fc.assert(
      fc.property(rangeRule, decimal, fc.integer({ min: 0, max: 3 }), (r0, v, extra) => {
        const r = { ...r0, minInclusive: r0.min !== undefined, maxInclusive: r0.max !== undefined };
        const digits =
          Math.max(...[r.min, r.max].map((x) => x?.split('.')[1]?.length ?? 0)) + extra;
        if (judge(r, v, 'full') === 'pass') expect(judge(r, v, 'rounded', digits)).toBe('pass');
      }),
      { numRuns: 1000 },
    );
  });

  it('is symmetric under negation: v in [a, b] as −v in [−b, −a], in both modes', () => {
    fc.assert(
      fc.property(
        rangeRule,
        decimal,
        fc.integer({ min: -2, max: 4 }),
        fc.constantFrom<ComparisonMode>('full', 'rounded'),
        (r, v, digits, mode) => {
          const mirrored: RangeRule = {
            kind: 'range',
            minInclusive: r.maxInclusive,
            maxInclusive: r.minInclusive,
          };
          if (r.max !== undefined) mirrored.min = negate(r.max);
          if (r.min !== undefined) mirrored.max = negate(r.min);
          expect(judge(mirrored, negate(v), mode, digits)).toBe(judge(r, v, mode, digits));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('prepareItem', () => {
  it('one prepared item judges any sequence of results as fresh evaluations do', () => {
    const result = fc.oneof(
      fc.record({
        kind: fc.constant('measured' as const),
        value: fc.oneof(decimal, fc.constantFrom('ND', '未检出', '', 'abc')),
      }),
      fc.record({
        kind: fc.constant('not_tested' as const),
        reason: fc.constantFrom('仪器故障', ' '),
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('≤0.50', '2.9~3.1', '不得检出(0.01)', '{合格|符合}', '>0'),
        fc.constantFrom<ComparisonMode>('full', 'rounded'),
        fc.array(result, { minLength: 1, maxLength: 8 }),
        (limit, comparison, results) => {
          const base = {
            itemCode: 'X',
            itemName: '项目',
            rule: rule(limit),
            limitText: limit,
            comparison,
          };
          const prepared = prepareItem(base);
          expect(prepared.ok).toBe(true);
          if (!prepared.ok) return;
          for (const r of results)
            expect(prepared.judge(r)).toEqual(evaluateItem({ ...base, result: r }));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('answers a bad limit, mode or digits before any result, with evaluateItem’s reason', () => {
    const bad = prepareItem({
      itemCode: 'X',
      itemName: '项目',
      rule: rule('≤0.5'),
      roundingDigits: 1000,
    });
    expect(bad).toEqual({ ok: false, reason: expect.stringContaining('roundingDigits') });
    expect(
      evaluateItem({
        itemCode: 'X',
        itemName: '项目',
        rule: rule('≤0.5'),
        roundingDigits: 1000,
        result: { kind: 'measured', value: '0.1' },
      }),
    ).toEqual(bad);
  });
});

describe('evaluateSample', () => {
  const tested = (code: string, limit: string, value: string): ItemInput => ({
    ...item(limit, value),
    itemCode: code,
    itemName: `项目${code}`,
  });
  const notTested = (code: string): ItemInput => ({
    ...tested(code, '≤1', '0'),
    result: { kind: 'not_tested', reason: '设备故障' },
  });

  it('fails when any item fails, and lists the failed items for publication', () => {
    const e = evaluateSample([
      tested('A', '≤0.5', '0.3'),
      tested('B', '≤0.50', '0.62'),
      notTested('C'),
      tested('D', '不得检出(0.01)', '0.02'),
    ]);
    expect(e).toMatchObject({
      ok: true,
      verdict: {
        outcome: 'fail',
        counts: { pass: 1, fail: 2, notApplicable: 1 },
        failedItems: [
          {
            itemCode: 'B',
            itemName: '项目B',
            value: '0.62',
            unit: 'mg/kg',
            limit: '≤0.50',
            reason: {
              zh: '实测值 0.62 不符合限值 ≤0.50（全数值比较）',
              en: 'measured 0.62 is outside the limit ≤0.50 (full-value comparison)',
            },
          },
          { itemCode: 'D', value: '0.02', limit: '不得检出(0.01)' },
        ],
      },
    });
  });

  it('passes when at least one item passes and none fails', () => {
    const e = evaluateSample([tested('A', '≤0.5', '0.5'), notTested('B')]);
    expect(e).toMatchObject({ ok: true, verdict: { outcome: 'pass', failedItems: [] } });
  });

  it('is not applicable when nothing was tested', () => {
    expect(evaluateSample([notTested('A'), notTested('B')])).toMatchObject({
      ok: true,
      verdict: { outcome: 'not_applicable', counts: { pass: 0, fail: 0, notApplicable: 2 } },
    });
    expect(evaluateSample([])).toMatchObject({ ok: true, verdict: { outcome: 'not_applicable' } });
  });

  it('answers every bad item with its index instead of a verdict, and refuses duplicate codes', () => {
    const e = evaluateSample([
      tested('A', '≤0.5', '0.3'),
      tested('B', '≤0.5', 'abc'),
      tested('A', '≤0.5', '0.1'),
      { ...notTested('C'), result: { kind: 'not_tested', reason: '' } },
    ]);
    expect(e).toEqual({
      ok: false,
      errors: [
        { index: 1, itemCode: 'B', reason: expect.stringContaining("'abc' is not a decimal") },
        { index: 2, itemCode: 'A', reason: 'item code A is already item 0' },
        { index: 3, itemCode: 'C', reason: 'a not-tested item needs a reason' },
      ],
    });
  });

  it('sampleOutcome: fail dominates, then pass, else not applicable (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<ItemOutcome>('pass', 'fail', 'not_applicable')),
        (os) => {
          const expected = os.includes('fail')
            ? 'fail'
            : os.includes('pass')
              ? 'pass'
              : 'not_applicable';
          expect(sampleOutcome(os)).toBe(expected);
        },
      ),
    );
  });

  it('keeps the items in order and the failed list consistent with them (property)', () => {
    const anyItem = fc
      .tuple(
        fc.constantFrom('≤0.5', '<0.5', '≥2.9', '不得检出(0.01)', '0.1~0.5'),
        fc.option(fc.constantFrom('0', '0.5', '0.01', '3', 'ND', '-1'), { nil: null }),
      )
      .map(([limit, value]) => [limit, value] as const);
    fc.assert(
      fc.property(fc.array(anyItem, { maxLength: 8 }), (specs) => {
        const items = specs.map(([limit, value], i) =>
          value === null ? notTested(`I${i}`) : tested(`I${i}`, limit, value),
        );
        const e = evaluateSample(items);
        if (!e.ok) throw new Error(JSON.stringify(e.errors));
        const v = e.verdict;
        expect(v.items.map((x) => x.itemCode)).toEqual(items.map((x) => x.itemCode));
        expect(v.failedItems.map((x) => x.itemCode)).toEqual(
          v.items.filter((x) => x.outcome === 'fail').map((x) => x.itemCode),
        );
        expect(v.counts.pass + v.counts.fail + v.counts.notApplicable).toBe(items.length);
        expect(v.outcome).toBe(sampleOutcome(v.items.map((x) => x.outcome)));
      }),
    );
  });
});
