import fc from 'fast-check';
import {
  GTIN_LENGTHS,
  completeGtin,
  gtinCheckDigit,
  isValidGtin,
  toGtin14,
  validateGtin,
} from './gtin';

const digit = fc.constantFrom(...'0123456789'.split(''));
const data = fc
  .constantFrom(...GTIN_LENGTHS)
  .chain((n) => fc.array(digit, { minLength: n - 1, maxLength: n - 1 }))
  .map((a) => a.join(''));
const validGtin = data.map(completeGtin);

function swap(s: string, i: number, j: number): string {
  const a = s.split('');
  [a[i], a[j]] = [a[j], a[i]];
  return a.join('');
}

describe('GTIN (GS1 mod-10 check digit)', () => {
  it('accepts the GS1 and Wikipedia examples of each length', () => {
    expect(validateGtin('96385074')).toEqual({ ok: true, format: 'GTIN-8' });
    expect(validateGtin('036000291452')).toEqual({ ok: true, format: 'GTIN-12' });
    expect(validateGtin('4006381333931')).toEqual({ ok: true, format: 'GTIN-13' });
    expect(validateGtin('00012345600012')).toEqual({ ok: true, format: 'GTIN-14' });
    expect(gtinCheckDigit('400638133393')).toBe('1');
    expect(gtinCheckDigit('03600029145')).toBe('2');
    expect(completeGtin('690123456789')).toBe('6901234567892'); // a China (690–699) prefix
  });

  it('weights from the right, so leading zeros keep the check digit', () => {
    expect(toGtin14('036000291452')).toBe('00036000291452');
    expect(toGtin14('96385074')).toBe('00000096385074');
    fc.assert(
      fc.property(validGtin, (g) => {
        expect(isValidGtin(toGtin14(g))).toBe(true);
        if (g.length === 12) expect(isValidGtin(`0${g}`)).toBe(true);
      }),
    );
  });

  it('reports a wrong check digit with the expected one', () => {
    expect(validateGtin('4006381333932')).toEqual({
      ok: false,
      reason: 'check digit is 2, expected 1',
      expected: '1',
    });
    expect(() => toGtin14('4006381333932')).toThrow('GTIN: check digit is 2, expected 1');
  });

  it('reports a wrong length, and names a non-digit by position', () => {
    expect(validateGtin('')).toEqual({
      ok: false,
      reason: 'GTIN must be 8, 12, 13 or 14 digits, got 0',
    });
    expect(validateGtin('4006381333')).toMatchObject({ reason: expect.stringContaining('got 10') });
    expect(validateGtin('400638133393100')).toMatchObject({
      reason: expect.stringContaining('got 15'),
    });
    expect(validateGtin('40063813339 1')).toEqual({
      ok: false,
      reason: 'invalid character U+0020 at position 12: a GTIN is digits 0-9 only',
    });
    expect(validateGtin('4006-381333931')).toMatchObject({
      reason: expect.stringContaining("'-' at position 5"),
    });
    expect(validateGtin('４006381333931')).toMatchObject({
      reason: expect.stringContaining("'４' at position 1"),
    });
    expect(validateGtin(4006381333931 as unknown as string)).toEqual({
      ok: false,
      reason: 'GTIN must be a string',
    });
  });

  it('throws from gtinCheckDigit and completeGtin on bad data', () => {
    expect(() => gtinCheckDigit('12345')).toThrow('must be 7, 11, 12 or 13 digits, got 5');
    expect(() => completeGtin('40063813339A')).toThrow("'A' at position 12");
  });

  it('completes any data digits into a valid GTIN of the right format', () => {
    fc.assert(
      fc.property(data, (d) => {
        const g = completeGtin(d);
        expect(validateGtin(g)).toEqual({ ok: true, format: `GTIN-${d.length + 1}` });
      }),
    );
  });

  it('accepts exactly one check digit per data', () => {
    fc.assert(
      fc.property(data, (d) => {
        const accepted = '0123456789'.split('').filter((c) => isValidGtin(d + c));
        expect(accepted).toEqual([gtinCheckDigit(d)]);
      }),
    );
  });

  // Weights 1 and 3 are both units mod 10, so a change of one digit changes Σ mod 10.
  it('rejects every single-digit substitution', () => {
    fc.assert(
      fc.property(validGtin, fc.nat(13), fc.integer({ min: 1, max: 9 }), (g, p, k) => {
        const pos = p % g.length;
        const bad = g.slice(0, pos) + String((Number(g[pos]) + k) % 10) + g.slice(pos + 1);
        expect(validateGtin(bad)).toMatchObject({ ok: false, expected: expect.any(String) });
      }),
    );
  });

  // Swapping neighbours a and b (weights 3 and 1) changes Σ by ±2(a − b): a multiple of 10
  // exactly when a and b differ by 5. A known limit of the GS1 scheme.
  it('rejects an adjacent transposition unless the digits differ by 5', () => {
    fc.assert(
      fc.property(validGtin, fc.nat(12), (g, p) => {
        const i = p % (g.length - 1);
        fc.pre(g[i] !== g[i + 1]);
        const undetectable = Math.abs(Number(g[i]) - Number(g[i + 1])) === 5;
        expect(isValidGtin(swap(g, i, i + 1))).toBe(undetectable);
      }),
    );
  });
});
