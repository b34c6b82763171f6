/**
 * Opaque keyset-pagination cursors: the sort-key values of the last row of a page, as
 * base64url (RFC 4648 §5, no padding) of their JSON array.
 *
 * A cursor comes back from the client, so decoding treats it as hostile input: it accepts only
 * what encodeCursor could have produced (checked by re-encoding) and never throws.
 */

export type CursorValue = string | number;

/** Longer input is rejected before decoding; real cursors hold a few keys. */
export const MAX_CURSOR_LENGTH = 4096;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Throws RangeError for a non-finite number or a value that is neither string nor number. */
export function encodeCursor(values: readonly CursorValue[]): string {
  for (const v of values) {
    if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string') {
      throw new RangeError(`cursor values must be strings or finite numbers, got ${String(v)}`);
    }
  }
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** The values of a cursor made by encodeCursor, or undefined for anything else. */
export function decodeCursor(s: unknown): CursorValue[] | undefined {
  if (typeof s !== 'string' || s.length === 0 || s.length > MAX_CURSOR_LENGTH) return undefined;
  if (!BASE64URL.test(s)) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(values)) return undefined;
  for (const v of values) {
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) return undefined;
    // No key a page ends on holds NUL (PostgreSQL text cannot), and compared with one it fails.
    if (typeof v === 'string' && v.includes('\u0000')) return undefined;
  }
  // Buffer's decoder skips stray bits and replaces invalid UTF-8; re-encoding to the same
  // text proves the input was exactly one canonical cursor.
  try {
    if (encodeCursor(values as CursorValue[]) !== s) return undefined;
  } catch {
    return undefined;
  }
  return values as CursorValue[];
}

/**
 * A UTC instant as a page's last row writes it into a cursor, `YYYY-MM-DDTHH:MM:SS.fZ` with
 * exactly `fractionDigits` fractional digits, naming a real time in years 0001–9999 (what
 * PostgreSQL's timestamptz takes back); anything else is not a cursor this API issued.
 */
export function isCursorInstant(v: unknown, fractionDigits: 3 | 6): v is string {
  if (typeof v !== 'string') return false;
  const shape = new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{${fractionDigits}}Z$`);
  if (!shape.test(v) || v.startsWith('0000')) return false;
  // Date keeps milliseconds: a real day and time read back the same to the millisecond.
  const ms = `${v.slice(0, 23)}Z`;
  const at = new Date(ms);
  return !Number.isNaN(at.getTime()) && at.toISOString() === ms;
}
