/**
 * Commit and reveal of the draw seed (docs/rules.md §3.2 step 1–2).
 *
 * Before the draw the regulator records the commitment `sha256(seed)`; at the draw the seed
 * is revealed and must hash to it. The seed is chosen before the eligible set is frozen and
 * cannot be changed afterwards, so nobody can pick a seed that favours an outcome once the
 * commitment is on record.
 */
import { isSha256Hex, sha256Hex } from './hash';

export const SEED_MIN_LENGTH = 16;
export const SEED_MAX_LENGTH = 256;

/**
 * Seed rules: 16–256 characters, each a visible ASCII character U+0021–U+007E (letters,
 * digits, punctuation; no space, no control or non-ASCII characters). This keeps the UTF-8
 * bytes equal to the characters, so the seed survives copy and paste, shells, CSV and
 * JSON unchanged, and `printf '%s' "$SEED" | sha256sum` reproduces the commitment.
 *
 * 16 characters are a floor, not a recommendation: use at least 128 random bits, e.g. the
 * 32 hex digits of `openssl rand -hex 16`. A guessable seed lets anyone holding the
 * commitment recompute the confidential draw.
 */
export type SeedValidation = { ok: true } | { ok: false; reason: string };

export function validateSeed(seed: unknown): SeedValidation {
  if (typeof seed !== 'string') return { ok: false, reason: 'seed must be a string' };
  if (seed.length < SEED_MIN_LENGTH || seed.length > SEED_MAX_LENGTH) {
    return {
      ok: false,
      reason: `seed must be ${SEED_MIN_LENGTH}–${SEED_MAX_LENGTH} characters, got ${seed.length}`,
    };
  }
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) {
      const invisible = c <= 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0xd800 && c < 0xe000);
      const shown = invisible
        ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}`
        : `'${seed[i]}'`;
      return {
        ok: false,
        reason: `seed character ${shown} at position ${i + 1} is not allowed: use visible ASCII (U+0021–U+007E), no spaces`,
      };
    }
  }
  return { ok: true };
}

/** The commitment to a seed: SHA-256 of its UTF-8 bytes, 64 lowercase hex digits. */
export function commitmentOf(seed: string): string {
  return sha256Hex(seed);
}

/** A commitment as stored: 64 lowercase hex digits. Uppercase is refused, not folded. */
export function validateCommitment(commitment: unknown): SeedValidation {
  if (isSha256Hex(commitment)) return { ok: true };
  return {
    ok: false,
    reason: 'commitment must be a SHA-256 digest written as 64 lowercase hexadecimal digits',
  };
}

/**
 * Checks a revealed seed against the commitment recorded before the draw: the seed must
 * follow the seed rules and hash to the commitment.
 */
export function checkReveal(seed: unknown, commitment: unknown): SeedValidation {
  const c = validateCommitment(commitment);
  if (!c.ok) return c;
  const s = validateSeed(seed);
  if (!s.ok) return s;
  const actual = commitmentOf(seed as string);
  if (actual !== commitment) {
    return {
      ok: false,
      reason: `the seed does not match the commitment: sha256(seed) is ${actual}, the commitment is ${commitment as string}`,
    };
  }
  return { ok: true };
}
