import fc from 'fast-check';
import {
  USCC_ALPHABET,
  USCC_WEIGHTS,
  completeUscc,
  isValidUscc,
  usccCheckChar,
  validateUscc,
} from './uscc';

const REAL = '91350100M000100Y43';

const usccChar = fc.constantFrom(...USCC_ALPHABET.split(''));
const prefix17 = fc.array(usccChar, { minLength: 17, maxLength: 17 }).map((a) => a.join(''));
const validUscc = prefix17.map(completeUscc);

function swap(s: string, i: number, j: number): string {
  const a = s.split('');
  [a[i], a[j]] = [a[j], a[i]];
  return a.join('');
}

describe('USCC (GB 32100-2015)', () => {
  it('uses weights 3^(i-1) mod 31 for positions 1–17', () => {
    const expected: number[] = [];
    for (let i = 0, w = 1; i < 17; i++, w = (w * 3) % 31) expected.push(w);
    expect(USCC_WEIGHTS).toEqual(expected);
    expect(USCC_ALPHABET).toHaveLength(31);
  });

  it('accepts a real code and computes its check character', () => {
    expect(validateUscc(REAL)).toEqual({ ok: true });
    expect(isValidUscc(REAL)).toBe(true);
    expect(usccCheckChar(REAL.slice(0, 17))).toBe('3');
    expect(completeUscc(REAL.slice(0, 17))).toBe(REAL);
  });

  it('writes a check value of 31 as 0, and 30 as Y', () => {
    // Σ = 0 → 31 − 0 = 31 → '0'; Σ = 1 → 30 → 'Y'.
    expect(completeUscc('0'.repeat(17))).toBe('0'.repeat(18));
    expect(usccCheckChar('1' + '0'.repeat(16))).toBe('Y');
    expect(validateUscc('0'.repeat(18)).ok).toBe(true);
  });

  it('reports a wrong length with the length', () => {
    expect(validateUscc('')).toEqual({ ok: false, reason: 'USCC must be 18 characters, got 0' });
    expect(validateUscc(REAL.slice(0, 17))).toEqual({
      ok: false,
      reason: 'USCC must be 18 characters, got 17',
    });
    expect(validateUscc(REAL + '0')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('got 19'),
    });
    expect(validateUscc(` ${REAL}`)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('got 19'),
    });
  });

  it('reports lowercase letters as invalid instead of folding them', () => {
    const r = validateUscc(REAL.toLowerCase());
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({
      reason: expect.stringMatching(/^invalid character 'm' at position 9: lowercase/),
    });
  });

  it('names the first invalid character and its 1-based position', () => {
    expect(validateUscc('I1350100M000100Y43')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^invalid character 'I' at position 1: .*I, O, Z, S and V/),
    });
    expect(validateUscc('91350100M00O100Y43')).toMatchObject({
      reason: expect.stringContaining("'O' at position 12"),
    });
    expect(validateUscc('91350100M000100Y4Z')).toMatchObject({
      reason: expect.stringContaining("'Z' at position 18"),
    });
    expect(validateUscc('9135０100M000100Y43')).toMatchObject({
      reason: expect.stringContaining("'０' at position 5"),
    });
    expect(validateUscc('91350100M000100Y4\n')).toMatchObject({
      reason: expect.stringContaining('U+000A at position 18'),
    });
  });

  it('reports a wrong check character with the expected one', () => {
    expect(validateUscc('91350100M000100Y44')).toEqual({
      ok: false,
      reason: 'check character is 4, expected 3',
      expected: '3',
    });
  });

  it('throws from usccCheckChar and completeUscc on bad input', () => {
    expect(() => usccCheckChar('91350100M000100Y')).toThrow('must be 17 characters, got 16');
    expect(() => completeUscc('91350100M000100YI')).toThrow("invalid character 'I' at position 17");
    expect(() => completeUscc('91350100m000100Y4')).toThrow('lowercase');
  });

  it('completes any prefix of the alphabet into a valid code', () => {
    fc.assert(
      fc.property(prefix17, (p) => {
        const code = completeUscc(p);
        expect(code).toHaveLength(18);
        expect(code.startsWith(p)).toBe(true);
        expect(validateUscc(code)).toEqual({ ok: true });
        expect(isValidUscc(code)).toBe(true);
      }),
    );
  });

  it('accepts exactly one check character per prefix', () => {
    fc.assert(
      fc.property(prefix17, (p) => {
        const accepted = USCC_ALPHABET.split('').filter((c) => isValidUscc(p + c));
        expect(accepted).toEqual([usccCheckChar(p)]);
      }),
    );
  });

  // Weights are non-zero mod the prime 31 and values differ by less than 31, so changing one
  // character always changes Σ mod 31.
  it('rejects every single-character substitution', () => {
    fc.assert(
      fc.property(validUscc, fc.nat(17), fc.nat(29), (code, pos, k) => {
        const others = USCC_ALPHABET.split('').filter((c) => c !== code[pos]);
        const bad = code.slice(0, pos) + others[k] + code.slice(pos + 1);
        const r = validateUscc(bad);
        expect(r.ok).toBe(false);
        expect(isValidUscc(bad)).toBe(false);
      }),
    );
  });

  it('rejects substitution by any character outside the alphabet', () => {
    fc.assert(
      fc.property(
        validUscc,
        fc.nat(17),
        fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
          .filter((c) => c.length === 1 && !USCC_ALPHABET.includes(c)),
        (code, pos, c) => {
          const r = validateUscc(code.slice(0, pos) + c + code.slice(pos + 1));
          expect(r).toMatchObject({
            ok: false,
            reason: expect.stringContaining(`position ${pos + 1}`),
          });
        },
      ),
    );
  });

  // Swapping positions i and j changes Σ by (a − b)(wᵢ − wⱼ). In validation the check character
  // counts with weight 1 (Σ₁..₁₇ + v₁₈ ≡ 0 mod 31). Weights 3^k are distinct for k < 30 because
  // 3 is a primitive root mod 31, so the change is non-zero mod 31 for every pair of positions
  // except {1, 18}, which both weigh 1.
  it('has pairwise distinct effective weights except positions 1 and 18', () => {
    const effective = [...USCC_WEIGHTS, 1];
    const collisions: [number, number][] = [];
    for (let i = 0; i < 18; i++)
      for (let j = i + 1; j < 18; j++)
        if ((effective[i] - effective[j]) % 31 === 0) collisions.push([i + 1, j + 1]);
    expect(collisions).toEqual([[1, 18]]);
  });

  it('rejects every adjacent transposition of two different characters in positions 1–17', () => {
    fc.assert(
      fc.property(validUscc, fc.nat(15), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        expect(isValidUscc(swap(code, i, i + 1))).toBe(false);
      }),
    );
  });

  it('rejects any transposition of two different characters, except positions 1 and 18', () => {
    fc.assert(
      fc.property(validUscc, fc.nat(17), fc.nat(17), (code, i, j) => {
        fc.pre(i < j && code[i] !== code[j]);
        expect(isValidUscc(swap(code, i, j))).toBe(i === 0 && j === 17);
      }),
    );
  });

  it('cannot detect swapping positions 1 and 18 (a limit of the standard, not of this code)', () => {
    fc.assert(
      fc.property(validUscc, (code) => {
        expect(isValidUscc(swap(code, 0, 17))).toBe(true);
      }),
    );
  });
});
