import Decimal from 'decimal.js';
import fc from 'fast-check';
import { compareDecimal } from './limit-rule';
import { decimalPlaces, roundToDigits, roundToInterval } from './rounding';

/** decimal.js with room for every digit the tests generate, so that it never rounds itself. */
const D = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_HALF_EVEN });

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

/** Values sitting exactly on a tie at some digit: "5 followed by zeros" (3.2.4). */
const tie = fc
  .tuple(fc.boolean(), fc.stringMatching(/^\d{1,5}$/), fc.integer({ min: 0, max: 4 }))
  .map(([negative, kept, zeros]) => `${negative ? '-' : ''}${kept}.5${'0'.repeat(zeros)}`);

const digits = fc.integer({ min: -4, max: 9 });

const SCALE = 20;
/** |value| × 10^SCALE: exact integers for an independent reference. */
function scaled(d: string): bigint {
  const negative = d.startsWith('-');
  const [int, frac = ''] = (negative ? d.slice(1) : d).split('.');
  const v = BigInt(int + frac.padEnd(SCALE, '0'));
  return negative ? -v : v;
}

/**
 * The slow reference: round half to even by division and remainder on the absolute value,
 * then the sign (GB/T 8170 3.2.5). Answers the value × 10^SCALE.
 */
function referenceScaled(value: string, d: number): bigint {
  const v = scaled(value);
  const a = v < 0n ? -v : v;
  const unit = 10n ** BigInt(SCALE - d);
  let q = a / unit;
  const r2 = (a % unit) * 2n;
  if (r2 > unit || (r2 === unit && q % 2n === 1n)) q += 1n;
  const rounded = q * unit;
  return v < 0n ? -rounded : rounded;
}

/** decimal.js's answer with zero unsigned, as this module writes it. */
function decimalJs(value: string, d: number): string {
  const s =
    d >= 0
      ? new D(value).toDecimalPlaces(d, D.ROUND_HALF_EVEN).toFixed(d)
      : new D(value).toNearest(new D(10).pow(-d), D.ROUND_HALF_EVEN).toFixed(0);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

const negate = (s: string) => (s.startsWith('-') ? s.slice(1) : /^[0.]+$/.test(s) ? s : `-${s}`);

describe('roundToDigits: the examples of GB/T 8170-2008 §3', () => {
  it.each([
    // 3.2.1: leftmost discarded digit below 5: drop.
    ['12.1498', 0, '12'],
    ['12.1498', 1, '12.1'],
    // 3.2.2: above 5: add one ("1268 修约到百数位 → 13×10²").
    ['1268', -2, '1300'],
    // 3.2.3: 5 followed by a non-zero digit: add one.
    ['10.5002', 0, '11'],
    // 3.2.4: 5 followed by nothing or zeros: odd kept digit goes up, even stays.
    ['1.050', 1, '1.0'],
    ['0.35', 1, '0.4'],
    ['2500', -3, '2000'],
    ['3500', -3, '4000'],
    // 3.2.5: negative numbers: round the absolute value, restore the sign.
    ['-355', -1, '-360'],
    ['-325', -1, '-320'],
    ['-0.0365', 3, '-0.036'],
    // 3.3.1: one rounding from the value, never in steps (97.46 → 97.5 → 98 is wrong).
    ['97.46', 0, '97'],
    ['15.4546', 0, '15'],
    // 3.3.2.2's plain example: 17.5000 to units.
    ['17.5000', 0, '18'],
  ])('%s to %i decimals is %s', (value, d, expected) => {
    expect(roundToDigits(value, d)).toBe(expected);
  });

  it('keeps the stated number of decimals, trailing zeros included', () => {
    expect(roundToDigits('0.5', 2)).toBe('0.50');
    expect(roundToDigits('3', 3)).toBe('3.000');
    expect(roundToDigits('9.96', 1)).toBe('10.0');
    expect(roundToDigits('0.04', 1)).toBe('0.0');
    expect(roundToDigits('0.0049', 2)).toBe('0.00');
    expect(roundToDigits('-9.95', 1)).toBe('-10.0');
  });

  it('rounds to positions left of the first written digit', () => {
    expect(roundToDigits('5', -3)).toBe('0');
    expect(roundToDigits('499', -3)).toBe('0');
    expect(roundToDigits('500', -3)).toBe('0');
    expect(roundToDigits('501', -3)).toBe('1000');
    expect(roundToDigits('1500', -3)).toBe('2000');
    expect(roundToDigits('9500', -3)).toBe('10000');
  });

  it('writes zero without a sign', () => {
    expect(roundToDigits('-0.04', 1)).toBe('0.0');
    expect(roundToDigits('-0.05', 1)).toBe('0.0');
    expect(roundToDigits('-0.000', 2)).toBe('0.00');
    expect(roundToDigits('-4', -1)).toBe('0');
    expect(roundToDigits('-0.06', 1)).toBe('-0.1');
  });

  it.each([
    ['', 1],
    ['.5', 1],
    ['1e3', 1],
    ['+1', 1],
    ['1,5', 1],
    ['1', 1.5],
    ['1', Number.NaN],
    ['1', 101],
    ['1', -101],
  ])('refuses %j at %s digits', (value, d) => {
    expect(() => roundToDigits(value, d)).toThrow(RangeError);
  });
});

describe('roundToDigits (properties)', () => {
  it('agrees with the division-and-remainder reference and with decimal.js ROUND_HALF_EVEN', () => {
    fc.assert(
      fc.property(fc.oneof(decimal, tie), digits, (v, d) => {
        const r = roundToDigits(v, d);
        expect(scaled(r)).toBe(referenceScaled(v, d));
        expect(r).toBe(decimalJs(v, d));
      }),
      { numRuns: 3000 },
    );
  });

  it('has exactly the stated decimals, and is a multiple of the unit', () => {
    fc.assert(
      fc.property(decimal, digits, (v, d) => {
        const r = roundToDigits(v, d);
        expect(decimalPlaces(r)).toBe(Math.max(d, 0));
        expect(scaled(r) % 10n ** BigInt(SCALE - d)).toBe(0n);
      }),
    );
  });

  it('moves the value by at most half a unit', () => {
    fc.assert(
      fc.property(decimal, digits, (v, d) => {
        const diff = scaled(roundToDigits(v, d)) - scaled(v);
        const twice = (diff < 0n ? -diff : diff) * 2n;
        expect(twice <= 10n ** BigInt(SCALE - d)).toBe(true);
      }),
    );
  });

  it('is idempotent, and monotone', () => {
    fc.assert(
      fc.property(decimal, decimal, digits, (a, b, d) => {
        const r = roundToDigits(a, d);
        expect(roundToDigits(r, d)).toBe(r);
        if (compareDecimal(a, b) <= 0) {
          expect(compareDecimal(r, roundToDigits(b, d))).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('is symmetric for negative numbers (3.2.5)', () => {
    fc.assert(
      fc.property(fc.oneof(decimal, tie), digits, (v, d) => {
        expect(roundToDigits(negate(v), d)).toBe(negate(roundToDigits(v, d)));
      }),
    );
  });

  it('on an exact tie ends on an even digit (3.2.4)', () => {
    fc.assert(
      fc.property(tie, (v) => {
        const r = roundToDigits(v, 0);
        expect(Number(r.slice(-1)) % 2).toBe(0);
        expect(compareDecimal(r, v)).not.toBe(0);
      }),
    );
  });
});

describe('roundToInterval: 0.5-unit and 0.2-unit rounding (GB/T 8170 §3.4)', () => {
  it.each([
    // 3.4.1 (to the 0.5 unit of the units digit): 2X, round, divide by 2.
    ['60.25', '0.5', '60.0'],
    ['60.38', '0.5', '60.5'],
    ['60.28', '0.5', '60.5'],
    ['-60.75', '0.5', '-61.0'],
    // 3.4.2 (to the 0.2 unit of the hundreds digit): 5X, round, divide by 5.
    ['830', '20', '840'],
    ['842', '20', '840'],
    ['-930', '20', '-920'],
    // Intervals of 1 × 10^k are plain §3.2 rounding.
    ['1.050', '0.1', '1.0'],
    ['2500', '1000', '2000'],
    ['-355', '10', '-360'],
    // Other positions of the same rules.
    ['1.0151', '0.02', '1.02'],
    ['63.37', '5', '65'],
    ['0.0025', '0.5', '0.0'],
    ['7', '0.50', '7.0'],
    ['0.25', '0.5', '0.0'],
    ['0.75', '0.5', '1.0'],
  ])('%s at interval %s is %s', (value, interval, expected) => {
    expect(roundToInterval(value, interval)).toBe(expected);
  });

  it.each(['0', '0.00', '-0.5', '0.3', '1.5', '25', '15', 'x', ''])(
    'refuses the interval %j',
    (interval) => {
      expect(() => roundToInterval('1', interval)).toThrow(RangeError);
    },
  );

  it('agrees with decimal.js toNearest(interval, ROUND_HALF_EVEN)', () => {
    const interval = fc
      .tuple(fc.constantFrom('1', '2', '5'), fc.integer({ min: -5, max: 3 }))
      .map(([m, k]) => (k >= 0 ? m + '0'.repeat(k) : `0.${'0'.repeat(-k - 1)}${m}`));
    fc.assert(
      fc.property(fc.oneof(decimal, tie), interval, (v, i) => {
        const r = roundToInterval(v, i);
        const expected = new D(v).toNearest(new D(i), D.ROUND_HALF_EVEN);
        expect(compareDecimal(r, expected.toFixed())).toBe(0);
        expect(decimalPlaces(r)).toBe(decimalPlaces(new D(i).toFixed()));
        expect(roundToInterval(negate(v), i)).toBe(negate(r));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decimalPlaces', () => {
  it('counts the decimals as written', () => {
    expect(decimalPlaces('0.50')).toBe(2);
    expect(decimalPlaces('0.5')).toBe(1);
    expect(decimalPlaces('1400')).toBe(0);
    expect(decimalPlaces('-0.010')).toBe(3);
    expect(() => decimalPlaces('1.')).toThrow(RangeError);
  });
});
