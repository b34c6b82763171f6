import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { checkReveal, commitmentOf, validateCommitment, validateSeed } from './seed';

const SEED = '0123456789abcdef0123456789abcdef';
// printf '%s' 0123456789abcdef0123456789abcdef | sha256sum
const COMMITMENT = '3eb1bd439947eb762998e566ccc2e099c791118b2f40579cc4f7da2b5061b7f9';

const seedChar = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));
const validSeed = fc.array(seedChar, { minLength: 16, maxLength: 256 }).map((a) => a.join(''));

describe('seed commitment', () => {
  it('is the SHA-256 of the seed as 64 lowercase hex digits (sha256sum agrees)', () => {
    expect(commitmentOf(SEED)).toBe(COMMITMENT);
    expect(commitmentOf('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('accepts the revealed seed that matches the commitment', () => {
    expect(checkReveal(SEED, COMMITMENT)).toEqual({ ok: true });
    fc.assert(
      fc.property(validSeed, (s) => {
        const c = createHash('sha256').update(s, 'utf8').digest('hex');
        expect(commitmentOf(s)).toBe(c);
        expect(checkReveal(s, c)).toEqual({ ok: true });
      }),
    );
  });

  it('rejects a seed that does not match, naming both digests', () => {
    const r = checkReveal(`${SEED.slice(0, -1)}0`, COMMITMENT);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain('does not match the commitment');
      expect(r.reason).toContain(COMMITMENT);
    }
  });

  it('rejects a commitment that is not 64 lowercase hex digits', () => {
    expect(validateCommitment(COMMITMENT.toUpperCase()).ok).toBe(false);
    expect(validateCommitment(COMMITMENT.slice(1)).ok).toBe(false);
    expect(validateCommitment(undefined).ok).toBe(false);
    expect(checkReveal(SEED, COMMITMENT.toUpperCase())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('64 lowercase hexadecimal digits'),
    });
  });
});

describe('seed rules', () => {
  it('takes 16 to 256 visible ASCII characters', () => {
    expect(validateSeed('a'.repeat(16))).toEqual({ ok: true });
    expect(validateSeed('~'.repeat(256))).toEqual({ ok: true });
    expect(validateSeed('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')).toEqual({ ok: true });
    expect(validateSeed('a'.repeat(15))).toEqual({
      ok: false,
      reason: 'seed must be 16–256 characters, got 15',
    });
    expect(validateSeed('a'.repeat(257)).ok).toBe(false);
    expect(validateSeed(1234567890123456).ok).toBe(false);
  });

  it('refuses spaces, control and non-ASCII characters, saying which and where', () => {
    expect(validateSeed(`${'a'.repeat(8)} ${'a'.repeat(8)}`)).toEqual({
      ok: false,
      reason: expect.stringContaining('U+0020 at position 9'),
    });
    expect(validateSeed(`${'a'.repeat(16)}\n`)).toMatchObject({
      reason: expect.stringContaining('U+000A at position 17'),
    });
    expect(validateSeed(`种子${'a'.repeat(16)}`)).toMatchObject({
      reason: expect.stringContaining("'种' at position 1"),
    });
    expect(validateSeed(`${'a'.repeat(16)}\u007f`).ok).toBe(false);
  });

  it('is checked on reveal before the digest', () => {
    const short = 'short-seed';
    expect(checkReveal(short, commitmentOf(short))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('16–256'),
    });
  });
});
