import { createHash } from 'node:crypto';

/**
 * The canonical JSON of a published list (docs/publication.md "Canonical form"): the form
 * whose SHA-256 is the list's digest, and the bytes of its JSON download.
 *
 * It is RFC 8785 (JSON Canonicalization Scheme) for the values a list holds:
 * - UTF-8, no byte order mark, no whitespace outside strings, no trailing newline;
 * - object members sorted by their names' UTF-16 code units (the names are ASCII, so this is
 *   also byte order), every member present (an absent value is `null`, never a missing key);
 * - strings as ECMAScript's `JSON.stringify` writes them: `"` and `\` escaped, control
 *   characters as `\b \f \n \r \t` or `\u00XX` (lower-case hex), everything else as is;
 * - numbers only as integers in decimal without sign `+`, exponent or fraction: measured
 *   values, limits and dates are strings, so no floating point reaches the digest.
 *
 * Throws RangeError for anything else (a fraction, NaN, undefined, a function), so a value
 * that has no canonical form is never hashed by accident.
 */
export function jcs(value: unknown): string {
  // Plain data (the documents of lists are): V8's own JSON.stringify writes every value as the
  // canonical form does, and given the sorted names of all members as its property list it
  // writes each object's members in that order. About three times faster than `text` over a
  // list of 100,000 rows. Anything else takes `text`, which says what has no canonical form.
  const names = new Set<string>();
  if (isPlain(value, names)) return JSON.stringify(value, [...names].sort());
  try {
    return text(value);
  } catch (e) {
    if (e instanceof RangeError)
      throw new RangeError(`${pathOfBad(value, '$')}: ${e.message}`, { cause: e });
    throw e;
  }
}

/**
 * Whether `value` is data that `JSON.stringify`, given the sorted `names` as its property list,
 * writes exactly as `text` does: null, strings, booleans, safe integers, arrays, and objects of
 * their own enumerable members only (no prototype but Object's, no `toJSON`, no member named
 * like one of Object.prototype's, which the property list would find on every object). Adds
 * every member's name to `names`.
 */
function isPlain(value: unknown, names: Set<string>): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isSafeInteger(value);
    case 'object': {
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!isPlain(value[i], names)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      const keys = Object.keys(value);
      if (Object.getOwnPropertyNames(value).length !== keys.length) return false;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (!names.has(k)) {
          if (k in Object.prototype) return false;
          names.add(k);
        }
        if (!isPlain((value as Record<string, unknown>)[k], names)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** Member names as written, with their colon: a list repeats the same few names 100,000 times. */
const NAMES = new Map<string, string>();

// String concatenation (V8 ropes) over recursion, not an array of parts: this runs over every
// value of a list of 100,000 rows.
function text(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value))
        throw new RangeError(`${value} is not an integer; publish it as a string`);
      return String(value);
    case 'object': {
      if (Array.isArray(value)) {
        let s = '[';
        for (let i = 0; i < value.length; i++) s += (i > 0 ? ',' : '') + text(value[i]);
        return `${s}]`;
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let s = '{';
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        let name = NAMES.get(k);
        if (name === undefined) {
          name = `${JSON.stringify(k)}:`;
          if (NAMES.size < 1000) NAMES.set(k, name);
        }
        s += (i > 0 ? ',' : '') + name + text(obj[k]);
      }
      return `${s}}`;
    }
    default:
      throw new RangeError(`${typeof value} has no canonical JSON form`);
  }
}

/** Where in `value` the first value without a canonical form is (only when there is one). */
function pathOfBad(value: unknown, path: string): string {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Array.isArray(value)
      ? value.map((x, i) => [`[${i}]`, x] as const)
      : Object.entries(value).map(([k2, x]) => [`.${k2}`, x] as const)) {
      try {
        text(v);
      } catch {
        return pathOfBad(v, `${path}${k}`);
      }
    }
  }
  return path;
}

/** The lower-case hex SHA-256 of some bytes. */
export function sha256OfBytes(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
