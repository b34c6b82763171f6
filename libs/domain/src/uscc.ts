/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters from a 31-symbol alphabet (digits and uppercase letters without I, O, Z, S, V):
 * position 1 registration authority, 2 entity type, 3–8 region code, 9–17 organization code,
 * 18 check character. GB 32100-2015 §5: weight of position i is 3^(i-1) mod 31 and the check
 * character value is 31 − (Σ value×weight mod 31), with 31 written as 0.
 *
 * Only the alphabet and the check character are verified; the standard's structural code
 * lists (authority, type) are not, so that codes issued under later amendments still pass.
 *
 * These functions sit on the bulk-import path (millions of calls), hence the char-code lookup
 * table and no allocation on success.
 */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_LENGTH = 18;

/** GB 32100-2015 weights for positions 1–17: 3^(i-1) mod 31. */
export const USCC_WEIGHTS: readonly number[] = Object.freeze([
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
]);

/** Char code (0–127) → value 0–30, or -1 when the character is not in the alphabet. */
const VALUE = new Int8Array(128).fill(-1);
for (let v = 0; v < USCC_ALPHABET.length; v++) VALUE[USCC_ALPHABET.charCodeAt(v)] = v;

const W = Int32Array.from(USCC_WEIGHTS);

export type UsccValidation = { ok: true } | { ok: false; reason: string; expected?: string };

const OK: UsccValidation = Object.freeze({ ok: true }) as UsccValidation;

function valueAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? VALUE[c] : -1;
}

function describeBadChar(s: string, i: number): string {
  const cp = s.codePointAt(i)!;
  const ch = String.fromCodePoint(cp);
  const shown =
    cp < 0x20 || cp === 0x7f ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `'${ch}'`;
  let why = 'not in the GB 32100 alphabet 0-9 A-H J-N P-R T U W-Y';
  if (ch >= 'a' && ch <= 'z') {
    why = 'lowercase letters are not allowed, the code is written in uppercase';
  } else if ('IOZSV'.includes(ch)) {
    why = 'the letters I, O, Z, S and V are not used in the GB 32100 alphabet';
  }
  return `invalid character ${shown} at position ${i + 1}: ${why}`;
}

/** Σ value×weight over positions 1–17, or -(i+1) for the first invalid character at index i. */
function weightedSum(s: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = valueAt(s, i);
    if (v < 0) return -(i + 1);
    sum += v * W[i];
  }
  return sum;
}

function checkValue(sum: number): number {
  const r = 31 - (sum % 31);
  return r === 31 ? 0 : r;
}

/**
 * The check character for the first 17 characters of a USCC.
 * Throws RangeError when the input is not 17 characters of the USCC alphabet.
 */
export function usccCheckChar(first17: string): string {
  if (typeof first17 !== 'string' || first17.length !== 17) {
    throw new RangeError(
      `USCC prefix must be 17 characters, got ${typeof first17 === 'string' ? first17.length : typeof first17}`,
    );
  }
  const sum = weightedSum(first17);
  if (sum < 0) throw new RangeError(`USCC prefix: ${describeBadChar(first17, -sum - 1)}`);
  return USCC_ALPHABET[checkValue(sum)];
}

/** The full 18-character code: `first17` followed by its check character. Throws like usccCheckChar. */
export function completeUscc(first17: string): string {
  return first17 + usccCheckChar(first17);
}

/**
 * Validates a USCC exactly as given: no trimming, no case folding (a lowercase code is
 * reported as invalid, so the stored value is always the canonical form).
 */
export function validateUscc(input: string): UsccValidation {
  if (typeof input !== 'string') return { ok: false, reason: 'USCC must be a string' };
  if (input.length !== USCC_LENGTH) {
    return { ok: false, reason: `USCC must be 18 characters, got ${input.length}` };
  }
  const sum = weightedSum(input);
  if (sum < 0) return { ok: false, reason: describeBadChar(input, -sum - 1) };
  const actual = valueAt(input, 17);
  if (actual < 0) return { ok: false, reason: describeBadChar(input, 17) };
  const expected = checkValue(sum);
  if (actual !== expected) {
    const e = USCC_ALPHABET[expected];
    return { ok: false, reason: `check character is ${input[17]}, expected ${e}`, expected: e };
  }
  return OK;
}

/** Boolean shorthand for validateUscc(input).ok. */
export function isValidUscc(input: string): boolean {
  if (typeof input !== 'string' || input.length !== USCC_LENGTH) return false;
  const sum = weightedSum(input);
  return sum >= 0 && valueAt(input, 17) === checkValue(sum);
}

/**
 * isValidUscc for the 18 bytes at b[at..at+18) (ASCII, as in a snapshot or a COPY), without
 * decoding them into a string. For a valid code it also writes its order key into
 * key[o..o+3): three numbers below 2^30, each six characters read as base-31 digits. The
 * alphabet is in ASCII order, so comparing keys compares the codes in code-unit order.
 */
export function readUsccAt(b: Uint8Array, at: number, key: Int32Array, o: number): boolean {
  if (at < 0 || at + USCC_LENGTH > b.length) return false;
  let sum = 0;
  let k = 0;
  for (let i = 0; i < 17; i++) {
    const c = b[at + i];
    const v = c < 128 ? VALUE[c] : -1;
    if (v < 0) return false;
    sum += v * W[i];
    k = k * 31 + v;
    if (i % 6 === 5) {
      key[o + ((i / 6) | 0)] = k;
      k = 0;
    }
  }
  const c = b[at + 17];
  const check = c < 128 ? VALUE[c] : -1;
  if (check !== checkValue(sum)) return false;
  key[o + 2] = k * 31 + check;
  return true;
}
