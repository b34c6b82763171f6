/**
 * The string formats and patterns of the EPCIS 2.0 JSON Schema, checked by hand.
 *
 * The schema is draft-07 and says `"format": "uri"` and `"format": "date-time"`. A format is
 * only as precise as the validator that implements it; the reference our conformance tests
 * use is Ajv 8 with ajv-formats 3 in its default ("full") mode, so these checks accept
 * exactly what that accepts:
 *
 * - uri: RFC 3986 `scheme ":" hier-part ["?" query] ["#" fragment]` in ASCII, with
 *   percent-encoding (`%` + two hex digits) and IPv6/IPvFuture host literals. A scheme is
 *   required, the hier-part may not be empty (`urn:` is not a URI), spaces and non-ASCII
 *   characters are refused (write them percent-encoded).
 * - date-time: RFC 3339 `date "T" time offset`, where the separator may also be `t` or a
 *   white-space character, the offset may be `Z`, `z`, `±hh:mm`, `±hhmm` or `±hh`, the date
 *   must exist (leap years) and `:60` is allowed only for a leap second (23:59:60 in UTC).
 *
 * Everything here is a scan over the characters or one precompiled regular expression: no
 * regular expression is built per call, so validating a large document stays linear.
 */

// Character classes of RFC 3986 as bit flags over ASCII.
const ALPHA = 1;
const DIGIT = 2;
const HEX = 4;
const UNRESERVED = 8; // ALPHA DIGIT - . _ ~
const SUB_DELIM = 16; // ! $ & ' ( ) * + , ; =
const COLON = 32;
const AT = 64;
const SLASH = 128;
const QUESTION = 256;
const SCHEME = 512; // ALPHA DIGIT + - .

const CLASS = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let f = 0;
  if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) f |= ALPHA | UNRESERVED | SCHEME;
  if (ch >= '0' && ch <= '9') f |= DIGIT | HEX | UNRESERVED | SCHEME;
  if ((ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')) f |= HEX;
  if ('-._~'.includes(ch)) f |= UNRESERVED;
  if ("!$&'()*+,;=".includes(ch)) f |= SUB_DELIM;
  if ('+-.'.includes(ch)) f |= SCHEME;
  if (ch === ':') f |= COLON;
  if (ch === '@') f |= AT;
  if (ch === '/') f |= SLASH;
  if (ch === '?') f |= QUESTION;
  CLASS[c] = f;
}

const PCHAR = UNRESERVED | SUB_DELIM | COLON | AT;
const USERINFO = UNRESERVED | SUB_DELIM | COLON;

function is(c: number, mask: number): boolean {
  return c < 128 && (CLASS[c] & mask) !== 0;
}

/** True when s[from, to) consists of `mask` characters and valid percent-encodings only. */
function run(s: string, from: number, to: number, mask: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 /* % */) {
      if (i + 2 >= to) return false;
      if (!is(s.charCodeAt(i + 1), HEX) || !is(s.charCodeAt(i + 2), HEX)) return false;
      i += 2;
    } else if (!is(c, mask)) {
      return false;
    }
  }
  return true;
}

/**
 * True for a URI as Ajv's `format: "uri"` (ajv-formats, full mode) accepts it.
 *
 * Its regular expression, once the alternatives are unfolded, accepts after the scheme a
 * non-empty hier-part that is either (a) any string of path characters and slashes (this
 * covers `//authority/path` with a registered-name or IPv4 host, rootless and absolute
 * paths), or (b) one or two slashes, an optional `userinfo@`, an IP literal in brackets, an
 * optional `:port` and an absolute path.
 */
export function isUri(s: string): boolean {
  const n = s.length;
  if (n < 3 || !is(s.charCodeAt(0), ALPHA)) return false;
  let i = 1;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 58 /* : */) break;
    if (!is(c, SCHEME)) return false;
    i++;
  }
  if (i >= n) return false;
  const hierStart = ++i;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 63 /* ? */ || c === 35 /* # */) break;
    i++;
  }
  const hierEnd = i;
  if (hierEnd === hierStart) return false;
  if (!run(s, hierStart, hierEnd, PCHAR | SLASH) && !ipLiteralHier(s, hierStart, hierEnd)) {
    return false;
  }
  if (i < n && s.charCodeAt(i) === 63) {
    const q = ++i;
    while (i < n && s.charCodeAt(i) !== 35) i++;
    if (!run(s, q, i, PCHAR | SLASH | QUESTION)) return false;
  }
  if (i < n) return run(s, i + 1, n, PCHAR | SLASH | QUESTION); // after '#'
  return true;
}

function ipLiteralHier(s: string, from: number, to: number): boolean {
  if (s.charCodeAt(from) !== 47 /* / */) return false;
  if (ipLiteralAuthority(s, from + 1, to)) return true;
  return s.charCodeAt(from + 1) === 47 && ipLiteralAuthority(s, from + 2, to);
}

/** `[userinfo "@"] "[" IPv6 / IPvFuture "]" [":" *DIGIT] path-abempty` over s[from, to). */
function ipLiteralAuthority(s: string, from: number, to: number): boolean {
  let open = from;
  if (s.charCodeAt(open) !== 91 /* [ */) {
    const at = s.indexOf('@', from);
    if (at < 0 || at >= to || s.charCodeAt(at + 1) !== 91) return false;
    if (!run(s, from, at, USERINFO)) return false;
    open = at + 1;
  }
  const close = s.indexOf(']', open);
  if (close < 0 || close >= to) return false;
  if (!isIpv6(s, open + 1, close) && !isIpvFuture(s, open + 1, close)) return false;
  let i = close + 1;
  if (i < to && s.charCodeAt(i) === 58) {
    i++;
    while (i < to && is(s.charCodeAt(i), DIGIT)) i++;
  }
  if (i === to) return true;
  return s.charCodeAt(i) === 47 && run(s, i, to, PCHAR | SLASH);
}

/** `"v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`, case-insensitive. */
function isIpvFuture(s: string, from: number, to: number): boolean {
  const v = s.charCodeAt(from);
  if (v !== 118 && v !== 86) return false;
  let i = from + 1;
  while (i < to && is(s.charCodeAt(i), HEX)) i++;
  if (i === from + 1 || i >= to || s.charCodeAt(i) !== 46) return false;
  i++;
  if (i >= to) return false;
  for (; i < to; i++) if (!is(s.charCodeAt(i), UNRESERVED | SUB_DELIM | COLON)) return false;
  return true;
}

/**
 * RFC 3986 IPv6address: eight 16-bit groups of 1–4 hex digits, the last two of which may be
 * written as a dotted IPv4 address; or at most seven groups around one `::`. (The IPv4 octets
 * are 1–3 digits up to 255, leading zeros allowed, as in the ajv-formats expression.)
 */
function isIpv6(s: string, from: number, to: number): boolean {
  const text = s.slice(from, to);
  const gap = text.indexOf('::');
  if (gap < 0) return groupCount(text, true) === 8;
  if (text.indexOf('::', gap + 1) >= 0) return false;
  const before = gap === 0 ? 0 : groupCount(text.slice(0, gap), false);
  const afterText = text.slice(gap + 2);
  const after = afterText === '' ? 0 : groupCount(afterText, true);
  return before >= 0 && after >= 0 && before + after <= 7;
}

/** Groups in a `:`-separated run (an IPv4 tail counts two), or -1 when malformed. */
function groupCount(text: string, ipv4Tail: boolean): number {
  const parts = text.split(':');
  let count = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (ipv4Tail && k === parts.length - 1 && p.includes('.')) {
      if (!isIpv4(p)) return -1;
      count += 2;
    } else {
      if (p.length < 1 || p.length > 4) return -1;
      for (let j = 0; j < p.length; j++) if (!is(p.charCodeAt(j), HEX)) return -1;
      count += 1;
    }
  }
  return count;
}

function isIpv4(p: string): boolean {
  const octets = p.split('.');
  if (octets.length !== 4) return false;
  for (const o of octets) {
    if (o.length < 1 || o.length > 3) return false;
    for (let j = 0; j < o.length; j++) if (!is(o.charCodeAt(j), DIGIT)) return false;
    if (Number(o) > 255) return false;
  }
  return true;
}

/** A date-time taken apart, with the instant it names. */
export interface ParsedDateTime {
  /** Milliseconds since the epoch (sub-millisecond digits are in `fraction`). */
  epochMs: number;
  /** The fractional-second digits as written, without the dot ('' when none). */
  fraction: string;
  /** Offset from UTC in minutes (`Z` is 0). */
  offsetMinutes: number;
}

// Separators and parts as ajv-formats splits them: /t|\s/i, then the date and time patterns.
const DATE_TIME_SEPARATOR = /[tT\s]/;
const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const TIME = /^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([zZ])|([+-])(\d\d)(?::?(\d\d))?)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TRAILING_ZEROS = /0+$/;

function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/**
 * Parses an RFC 3339 date-time as ajv-formats' `date-time` accepts it (see the file comment),
 * or returns null. A leap second (`23:59:60Z`) names the first instant of the next minute.
 */
export function parseDateTime(s: string): ParsedDateTime | null {
  const sep = DATE_TIME_SEPARATOR.exec(s);
  if (sep === null) return null;
  const datePart = s.slice(0, sep.index);
  const timePart = s.slice(sep.index + 1);
  if (DATE_TIME_SEPARATOR.test(timePart)) return null;
  const d = DATE.exec(datePart);
  if (d === null) return null;
  const year = +d[1];
  const month = +d[2];
  const day = +d[3];
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > (month === 2 && isLeapYear(year) ? 29 : DAYS[month])) return null;
  const t = TIME.exec(timePart);
  if (t === null) return null;
  const hour = +t[1];
  const minute = +t[2];
  const second = +t[3];
  const fraction = t[4] ?? '';
  const sign = t[6] === '-' ? -1 : 1;
  const tzH = t[5] ? 0 : +t[7];
  const tzM = t[5] || t[8] === undefined ? 0 : +t[8];
  if (tzH > 23 || tzM > 59) return null;
  if (!(hour <= 23 && minute <= 59 && second <= 59)) {
    // ajv-formats' leap-second rule, kept as it is written there: the time read in UTC must
    // be 23:59 (or one minute/hour below zero after the offset), and the second below 61.
    const utcMin = minute - tzM * sign;
    const utcHr = hour - tzH * sign - (utcMin < 0 ? 1 : 0);
    const secondValue = fraction === '' ? second : Number(`${second}.${fraction}`);
    if (!((utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && secondValue < 61)) {
      return null;
    }
  }
  const offsetMinutes = sign * (tzH * 60 + tzM);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(
    hour,
    minute,
    second,
    fraction === '' ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')),
  );
  return { epochMs: date.getTime() - offsetMinutes * 60_000, fraction, offsetMinutes };
}

/** True for a date-time as Ajv's `format: "date-time"` (ajv-formats, full mode) accepts it. */
export function isDateTime(s: string): boolean {
  return parseDateTime(s) !== null;
}

/**
 * The instant of a date-time in UTC: `YYYY-MM-DDTHH:MM:SS.sss…Z` with at least three
 * fractional digits and all significant ones kept, so that two spellings of the same instant
 * (`2024-05-01T09:30:00+08:00`, `2024-05-01T01:30:00.000Z`) give the same string.
 * Returns null for a string that is not a date-time.
 */
export function normaliseDateTime(s: string): string | null {
  const p = parseDateTime(s);
  if (p === null) return null;
  const iso = new Date(p.epochMs).toISOString(); // …SS.sssZ
  let fraction = p.fraction.replace(TRAILING_ZEROS, '');
  if (fraction.length <= 3) fraction = fraction.padEnd(3, '0');
  return `${iso.slice(0, iso.length - 5)}.${fraction}Z`;
}

/**
 * A date-time whose instant PostgreSQL's timestamptz can hold as the text normaliseDateTime
 * gives: UTC years 0001–9999 (RFC 3339 allows 0000, and an offset can push 9999 into 10000).
 */
export function isStorableDateTime(s: string): boolean {
  const n = normaliseDateTime(s);
  return n !== null && /^\d{4}-/.test(n) && !n.startsWith('0000-');
}

const TIME_ZONE_OFFSET = /^[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00)$/;
const UOM = /^[A-Z0-9]{2,3}$/;
const SCHEMA_VERSION = /^\d+(?:\.\d+)*$/;
const HEX_BINARY = /^[A-Fa-f0-9]+$/;

/** `eventTimeZoneOffset`: `+hh:mm` or `-hh:mm` from -14:00 to +14:00. */
export function isTimeZoneOffset(s: string): boolean {
  return TIME_ZONE_OFFSET.test(s);
}

/** A UN/ECE Recommendation 20 unit code as the schema constrains it: 2–3 of A–Z, 0–9. */
export function isUom(s: string): boolean {
  return UOM.test(s);
}

/** `schemaVersion`: dot-separated decimal numbers, e.g. `2.0`. */
export function isSchemaVersion(s: string): boolean {
  return SCHEMA_VERSION.test(s);
}

export function isHexBinary(s: string): boolean {
  return HEX_BINARY.test(s);
}
