import fc from 'fast-check';
import {
  type LimitRule,
  compareDecimal,
  formatLimitRule,
  isAtLeastAsStrict,
  isDecimal,
  parseLimitRule,
  sameLimitRule,
  validateLimitRule,
} from './limit-rule';

const SCALE = 8;

const decimal = fc
  .record({
    negative: fc.boolean(),
    int: fc.stringMatching(/^\d{1,7}$/),
    frac: fc.option(fc.stringMatching(/^\d{1,8}$/), { nil: undefined }),
  })
  .map(
    ({ negative, int, frac }) =>
      `${negative ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`,
  );

/** The value × 10^SCALE as a BigInt: an independent oracle for compareDecimal. */
function scaled(d: string): bigint {
  const negative = d.startsWith('-');
  const [int, frac = ''] = (negative ? d.slice(1) : d).split('.');
  const v = BigInt(int + frac.padEnd(SCALE, '0'));
  return negative ? -v : v;
}

const positiveDecimal = decimal.filter((d) => compareDecimal(d, '0') > 0);

const rangeRule: fc.Arbitrary<LimitRule> = fc.oneof(
  fc
    .tuple(decimal, decimal, fc.boolean(), fc.boolean())
    .filter(
      ([a, b, li, hi]) => compareDecimal(a, b) < 0 || (compareDecimal(a, b) === 0 && li && hi),
    )
    .map(([min, max, minInclusive, maxInclusive]) => ({
      kind: 'range' as const,
      min,
      max,
      minInclusive,
      maxInclusive,
    })),
  fc.tuple(decimal, fc.boolean()).map(([max, maxInclusive]) => ({
    kind: 'range' as const,
    max,
    minInclusive: false,
    maxInclusive,
  })),
  fc.tuple(decimal, fc.boolean()).map(([min, minInclusive]) => ({
    kind: 'range' as const,
    min,
    minInclusive,
    maxInclusive: false,
  })),
);

const textValue = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 8 })
  .filter((v) => v === v.trim() && v !== '' && !/[{}|｛｝｜]/.test(v));

const limitRule: fc.Arbitrary<LimitRule> = fc.oneof(
  rangeRule,
  positiveDecimal.map((detectionLimit) => ({ kind: 'not_detected' as const, detectionLimit })),
  fc
    .uniqueArray(fc.oneof(textValue, fc.constantFrom('合格', '符合', '不合格', '无')), {
      minLength: 1,
      maxLength: 4,
    })
    .map((allowed) => ({ kind: 'text' as const, allowed })),
);

const range = (r: Partial<Extract<LimitRule, { kind: 'range' }>>) => ({
  kind: 'range',
  minInclusive: false,
  maxInclusive: false,
  ...r,
});
const ok = (rule: object) => ({ ok: true, rule });

describe('compareDecimal', () => {
  it('compares by value, not by text', () => {
    expect(compareDecimal('0.5', '0.50')).toBe(0);
    expect(compareDecimal('-0', '0.000')).toBe(0);
    expect(compareDecimal('007', '7')).toBe(0);
    expect(compareDecimal('10', '9')).toBe(1);
    expect(compareDecimal('0.6', '0.51')).toBe(1);
    expect(compareDecimal('-0.6', '-0.51')).toBe(-1);
    expect(compareDecimal('-1', '0')).toBe(-1);
    expect(compareDecimal('-10', '-9')).toBe(-1);
    expect(compareDecimal('1.05', '1.5')).toBe(-1);
  });

  it('agrees with BigInt comparison of the scaled values', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const x = scaled(a);
        const y = scaled(b);
        expect(compareDecimal(a, b)).toBe(x < y ? -1 : x > y ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('is antisymmetric and reflexive', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(compareDecimal(a, a)).toBe(0);
        expect(compareDecimal(b, a)).toBe(-compareDecimal(a, b) || 0);
      }),
    );
  });

  it('throws on anything that is not a decimal string', () => {
    for (const bad of ['', '.5', '5.', '+1', '1e3', '0x10', ' 1', '1,5', '∞']) {
      expect(isDecimal(bad)).toBe(false);
      expect(() => compareDecimal(bad, '1')).toThrow(RangeError);
      expect(() => compareDecimal('1', bad)).toThrow(RangeError);
    }
  });
});

describe('parseLimitRule', () => {
  it.each([
    ['≤0.5', range({ max: '0.5', maxInclusive: true })],
    ['<=0.5', range({ max: '0.5', maxInclusive: true })],
    ['⩽0.5', range({ max: '0.5', maxInclusive: true })],
    ['＜＝0.5', range({ max: '0.5', maxInclusive: true })],
    ['不大于0.5', range({ max: '0.5', maxInclusive: true })],
    ['<0.5', range({ max: '0.5' })],
    ['＜0.5', range({ max: '0.5' })],
    ['小于 0.5', range({ max: '0.5' })],
    ['≥2.9', range({ min: '2.9', minInclusive: true })],
    ['>=2.9', range({ min: '2.9', minInclusive: true })],
    ['不小于2.9', range({ min: '2.9', minInclusive: true })],
    ['>2.9', range({ min: '2.9' })],
    ['≥ -5', range({ min: '-5', minInclusive: true })],
    ['0.1~0.5', range({ min: '0.1', max: '0.5', minInclusive: true, maxInclusive: true })],
    [' 0.1 ～ 0.5 ', range({ min: '0.1', max: '0.5', minInclusive: true, maxInclusive: true })],
    ['6.5-8.5', range({ min: '6.5', max: '8.5', minInclusive: true, maxInclusive: true })],
    ['-1--0.5', range({ min: '-1', max: '-0.5', minInclusive: true, maxInclusive: true })],
    ['2~2', range({ min: '2', max: '2', minInclusive: true, maxInclusive: true })],
    ['[0.1,0.5)', range({ min: '0.1', max: '0.5', minInclusive: true })],
    ['(0,1]', range({ min: '0', max: '1', maxInclusive: true })],
    ['( 0 ， 1 ］', range({ min: '0', max: '1', maxInclusive: true })],
    ['[2.9,+∞)', range({ min: '2.9', minInclusive: true })],
    ['(-∞,0.5]', range({ max: '0.5', maxInclusive: true })],
    ['≤0.50', range({ max: '0.50', maxInclusive: true })],
    ['未检出(0.01)', { kind: 'not_detected', detectionLimit: '0.01' }],
    ['不得检出（0.01）', { kind: 'not_detected', detectionLimit: '0.01' }],
    ['ND(0.01)', { kind: 'not_detected', detectionLimit: '0.01' }],
    ['nd ( 0.010 )', { kind: 'not_detected', detectionLimit: '0.010' }],
    ['{合格|符合}', { kind: 'text', allowed: ['合格', '符合'] }],
    ['{ 合格 | 符合 }', { kind: 'text', allowed: ['合格', '符合'] }],
    ['｛合格｜符合｝', { kind: 'text', allowed: ['合格', '符合'] }],
    ['{无异常}', { kind: 'text', allowed: ['无异常'] }],
  ])('reads %s', (text, rule) => {
    expect(parseLimitRule(text)).toStrictEqual(ok(rule));
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['0.5', /bare number is ambiguous/],
    ['≤', /bound after ≤ is missing/],
    ['≤.5', /'.5' is not a decimal/],
    ['≤0.5mg/kg', /'0.5mg\/kg' is not a decimal.*no units/],
    ['≤1e-3', /not a decimal/],
    ['0.5~0.1', /min 0.5 is greater than max 0.1/],
    ['(1,1]', /empty/],
    ['[1,1)', /empty/],
    ['[+∞,1]', /lower bound \+∞ must be -∞/],
    ['(-∞,+∞)', /at least one bound/],
    ['不得检出', /needs the detection limit in parentheses/],
    ['ND()', /detection limit is missing/],
    ['ND(0)', /detection limit must be positive/],
    ['ND(-0.1)', /detection limit must be positive/],
    ['{}', /must not be empty/],
    ['{合格||符合}', /must not be empty/],
    ['{合格|合格}', /listed twice/],
    ['合格', /cannot read limit rule '合格'/],
    ['≈0.5', /cannot read/],
  ])('rejects %j', (text, reason) => {
    const r = parseLimitRule(text);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ reason: expect.stringMatching(reason) });
  });

  it('never throws, and whatever it accepts is a valid rule', () => {
    const alphabet = fc.constantFrom(...'0123456789.-~,()[]{}|≤≥<>=+∞ 未检出不得ND合格'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 12 })), (s) => {
        const r = parseLimitRule(s);
        if (r.ok) {
          expect(validateLimitRule(r.rule)).toStrictEqual(r);
          expect(parseLimitRule(formatLimitRule(r.rule))).toStrictEqual(r);
        } else {
          expect(r.reason).toEqual(expect.any(String));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatLimitRule', () => {
  it('writes the canonical compact form', () => {
    expect(formatLimitRule(range({ max: '0.5', maxInclusive: true }) as LimitRule)).toBe('≤0.5');
    expect(formatLimitRule(range({ max: '0.5' }) as LimitRule)).toBe('<0.5');
    expect(formatLimitRule(range({ min: '2.9', minInclusive: true }) as LimitRule)).toBe('≥2.9');
    expect(formatLimitRule(range({ min: '2.9' }) as LimitRule)).toBe('>2.9');
    expect(
      formatLimitRule(
        range({ min: '0.1', max: '0.5', minInclusive: true, maxInclusive: true }) as LimitRule,
      ),
    ).toBe('0.1~0.5');
    expect(
      formatLimitRule(range({ min: '0.1', max: '0.5', minInclusive: true }) as LimitRule),
    ).toBe('[0.1,0.5)');
    expect(formatLimitRule(range({ min: '0', max: '1', maxInclusive: true }) as LimitRule)).toBe(
      '(0,1]',
    );
    expect(formatLimitRule({ kind: 'not_detected', detectionLimit: '0.01' })).toBe(
      '不得检出(0.01)',
    );
    expect(formatLimitRule({ kind: 'text', allowed: ['合格', '符合'] })).toBe('{合格|符合}');
    expect(() => formatLimitRule(range({}) as LimitRule)).toThrow('at least one bound');
  });

  it('round-trips every valid rule through parseLimitRule', () => {
    fc.assert(
      fc.property(limitRule, (rule) => {
        expect(parseLimitRule(formatLimitRule(rule))).toStrictEqual({ ok: true, rule });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('validateLimitRule', () => {
  it('accepts every valid rule, also after a trip through JSON', () => {
    fc.assert(
      fc.property(limitRule, (rule) => {
        expect(validateLimitRule(rule)).toStrictEqual({ ok: true, rule });
        expect(validateLimitRule(JSON.parse(JSON.stringify(rule)))).toStrictEqual({
          ok: true,
          rule,
        });
      }),
    );
  });

  it('returns a copy, not the caller object', () => {
    const input = { kind: 'text', allowed: ['合格'] };
    const r = validateLimitRule(input);
    expect(r.ok && r.rule).not.toBe(input);
    expect(r.ok && r.rule.kind === 'text' && r.rule.allowed).not.toBe(input.allowed);
  });

  it('treats null or missing bounds as absent and stores their flags as false', () => {
    expect(
      validateLimitRule({ kind: 'range', min: null, max: '0.5', maxInclusive: true }),
    ).toStrictEqual(ok(range({ max: '0.5', maxInclusive: true })));
    expect(
      validateLimitRule({ kind: 'range', max: '0.5', minInclusive: true, maxInclusive: false }),
    ).toStrictEqual(ok(range({ max: '0.5' })));
  });

  it.each([
    [null, /must be an object, got null/],
    [[], /must be an object, got an array/],
    ['≤0.5', /must be an object, got string/],
    [{}, /kind must be one of range, not_detected, text; got nothing/],
    [{ kind: 'limit' }, /got "limit"/],
    [
      { kind: 'range', max: 0.5, maxInclusive: true },
      /max must be a decimal string like "0.5", got the number 0.5/,
    ],
    [{ kind: 'range', max: '.5', maxInclusive: true }, /max must be a decimal string.*got '.5'/],
    [{ kind: 'range', max: '0.5' }, /maxInclusive must be true or false, got undefined/],
    [{ kind: 'range', max: '0.5', maxInclusive: 'yes' }, /maxInclusive must be true or false/],
    [{ kind: 'range', minInclusive: false, maxInclusive: false }, /at least one bound/],
    [
      { kind: 'range', min: '2', max: '1', minInclusive: true, maxInclusive: true },
      /min 2 is greater than max 1/,
    ],
    [
      { kind: 'range', max: '1', maxInclusive: true, maxInclusiv: true },
      /unexpected property 'maxInclusiv'/,
    ],
    [{ kind: 'not_detected', detectionLimit: 0.01 }, /detectionLimit must be a decimal string/],
    [{ kind: 'not_detected', detectionLimit: '0' }, /must be positive/],
    [
      { kind: 'not_detected', detectionLimit: '0.01', allowed: [] },
      /unexpected property 'allowed'/,
    ],
    [{ kind: 'text', allowed: '合格' }, /allowed must be an array of strings, got string/],
    [{ kind: 'text', allowed: [] }, /at least one allowed value/],
    [{ kind: 'text', allowed: ['合格', 1] }, /allowed\[1\] must be a string/],
    [{ kind: 'text', allowed: [' 合格'] }, /leading or trailing whitespace/],
    [{ kind: 'text', allowed: ['合|格'] }, /must not contain/],
    [{ kind: 'text', allowed: ['合格', '合格'] }, /listed twice/],
  ])('rejects %j', (input, reason) => {
    const r = validateLimitRule(input);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ reason: expect.stringMatching(reason) });
  });
});

describe('isAtLeastAsStrict', () => {
  const rule = (s: string) => {
    const r = parseLimitRule(s);
    if (!r.ok) throw new Error(r.reason);
    return r.rule;
  };
  it('takes a tighter or equal bound, never a looser one or another kind', () => {
    expect(isAtLeastAsStrict(rule('≤0.3'), rule('≤0.5'))).toBe(true);
    expect(isAtLeastAsStrict(rule('≤0.50'), rule('≤0.5'))).toBe(true);
    expect(isAtLeastAsStrict(rule('<0.5'), rule('≤0.5'))).toBe(true);
    expect(isAtLeastAsStrict(rule('≤0.5'), rule('<0.5'))).toBe(false);
    expect(isAtLeastAsStrict(rule('≤0.6'), rule('≤0.5'))).toBe(false);
    expect(isAtLeastAsStrict(rule('≥3.0'), rule('≥2.9'))).toBe(true);
    expect(isAtLeastAsStrict(rule('[3.0,4)'), rule('≥2.9'))).toBe(true);
    expect(isAtLeastAsStrict(rule('≥2.9'), rule('[2.9,4)'))).toBe(false);
    expect(isAtLeastAsStrict(rule('不得检出(0.005)'), rule('不得检出(0.01)'))).toBe(true);
    expect(isAtLeastAsStrict(rule('不得检出(0.02)'), rule('不得检出(0.01)'))).toBe(false);
    expect(isAtLeastAsStrict(rule('≤0.001'), rule('不得检出(0.01)'))).toBe(false);
    expect(isAtLeastAsStrict(rule('{合格}'), rule('{合格|符合}'))).toBe(true);
    expect(isAtLeastAsStrict(rule('{合格|良好}'), rule('{合格|符合}'))).toBe(false);
    expect(sameLimitRule(rule('≤0.50'), rule('≤0.5'))).toBe(true);
    expect(sameLimitRule(rule('<0.5'), rule('≤0.5'))).toBe(false);
  });
});
