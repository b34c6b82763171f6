/**
 * The hashing primitives of the draw, kept in one place so that the definitions in
 * docs/draw-algorithm.md map to exactly one line of code each.
 */
import { hash } from 'node:crypto';

/** SHA-256 of the UTF-8 encoding of `text`, as 64 lowercase hexadecimal digits. */
export function sha256Hex(text: string): string {
  return hash('sha256', text);
}

/**
 * The first 52 bits of SHA-256 of `input` (a string as UTF-8, or bytes as they are) as a
 * number, exact in a double: the value of the first 13 hex digits of its hex digest. Asks for
 * the digest as latin1 (one character per byte, 'binary') rather than hex, which is
 * measurably cheaper a million times over.
 */
export function sha256Lead52(input: string | Uint8Array): number {
  const d = hash('sha256', input, 'binary'); // 'binary' is latin1
  let v = 0;
  for (let j = 0; j < 6; j++) v = v * 256 + d.charCodeAt(j);
  return v * 16 + (d.charCodeAt(6) >> 4);
}

/** The first 8 hex digits of a digest as an unsigned 32-bit integer (big-endian). */
export function leadingUint32(hexDigest: string): number {
  return parseInt(hexDigest.slice(0, 8), 16);
}

const LOWER_HEX_64 = /^[0-9a-f]{64}$/;

/** True for a SHA-256 digest written as 64 lowercase hexadecimal digits. */
export function isSha256Hex(s: unknown): s is string {
  return typeof s === 'string' && LOWER_HEX_64.test(s);
}

/** Thrown by the draw functions for input they cannot draw from (the API answers 400/422). */
export class DrawInputError extends Error {
  override readonly name = 'DrawInputError';
}
