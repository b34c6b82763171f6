/**
 * GTIN (Global Trade Item Number), GS1 General Specifications §7.9: GTIN-8, GTIN-12 (UPC-A),
 * GTIN-13 (EAN-13; China's GS1 prefixes are 690–699) and GTIN-14, all digits, the last one a
 * mod-10 check digit.
 *
 * Check digit: from the rightmost data digit leftwards, digits are weighted 3, 1, 3, 1, …;
 * the check digit is (10 − Σ mod 10) mod 10. Because the weights run from the right, a GTIN
 * padded with leading zeros keeps its check digit, which is why the four lengths compare equal
 * in their 14-digit form ({@link toGtin14}).
 *
 * Only the digits and the check digit are verified. Prefix ranges (restricted circulation
 * 02/20–29, ISBN 978/979, coupons) are valid GTIN syntax and are not refused here.
 */

export const GTIN_LENGTHS = [8, 12, 13, 14] as const;
export type GtinLength = (typeof GTIN_LENGTHS)[number];
export type GtinFormat = 'GTIN-8' | 'GTIN-12' | 'GTIN-13' | 'GTIN-14';

export type GtinValidation =
  { ok: true; format: GtinFormat } | { ok: false; reason: string; expected?: string };

const ZERO = 48;

/** Index of the first non-digit, or -1. */
function firstNonDigit(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - ZERO;
    if (c < 0 || c > 9) return i;
  }
  return -1;
}

/** Check digit of `data` (all digits): weights 3, 1, 3, … from the rightmost digit. */
function checkDigitOf(data: string, end: number): number {
  let sum = 0;
  for (let i = end - 1, w = 3; i >= 0; i--, w = 4 - w) sum += (data.charCodeAt(i) - ZERO) * w;
  return (10 - (sum % 10)) % 10;
}

function describeChar(s: string, i: number): string {
  const cp = s.codePointAt(i)!;
  const shown =
    cp < 0x20 || cp === 0x7f || cp === 0x20
      ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
      : `'${String.fromCodePoint(cp)}'`;
  return `invalid character ${shown} at position ${i + 1}: a GTIN is digits 0-9 only`;
}

function isGtinLength(n: number): n is GtinLength {
  return (GTIN_LENGTHS as readonly number[]).includes(n);
}

/**
 * The check digit for the data digits of a GTIN (7, 11, 12 or 13 digits).
 * Throws RangeError on any other length or a non-digit.
 */
export function gtinCheckDigit(data: string): string {
  if (typeof data !== 'string' || !isGtinLength(data.length + 1)) {
    throw new RangeError(
      `GTIN data must be 7, 11, 12 or 13 digits, got ${typeof data === 'string' ? data.length : typeof data}`,
    );
  }
  const bad = firstNonDigit(data);
  if (bad >= 0) throw new RangeError(`GTIN data: ${describeChar(data, bad)}`);
  return String(checkDigitOf(data, data.length));
}

/** `data` followed by its check digit. Throws like gtinCheckDigit. */
export function completeGtin(data: string): string {
  return data + gtinCheckDigit(data);
}

/**
 * Validates a GTIN exactly as given: no trimming, no removal of spaces or hyphens, so what is
 * stored is what was checked. A wrong check digit names the expected one.
 */
export function validateGtin(input: string): GtinValidation {
  if (typeof input !== 'string') return { ok: false, reason: 'GTIN must be a string' };
  const bad = firstNonDigit(input);
  if (bad >= 0) return { ok: false, reason: describeChar(input, bad) };
  if (!isGtinLength(input.length)) {
    return { ok: false, reason: `GTIN must be 8, 12, 13 or 14 digits, got ${input.length}` };
  }
  const expected = String(checkDigitOf(input, input.length - 1));
  const actual = input[input.length - 1];
  if (actual !== expected) {
    return { ok: false, reason: `check digit is ${actual}, expected ${expected}`, expected };
  }
  return { ok: true, format: `GTIN-${input.length}` as GtinFormat };
}

export function isValidGtin(input: string): boolean {
  return validateGtin(input).ok;
}

/**
 * The 14-digit form of a valid GTIN (left-padded with zeros), under which the same item
 * written as GTIN-12, -13 or -14 compares equal (GS1's rule for databases). Throws RangeError
 * with the validation reason when the GTIN is not valid.
 */
export function toGtin14(input: string): string {
  const v = validateGtin(input);
  if (!v.ok) throw new RangeError(`GTIN: ${v.reason}`);
  return input.padStart(14, '0');
}
