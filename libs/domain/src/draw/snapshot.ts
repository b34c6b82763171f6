/**
 * The eligible list of a draw as text: one line per enterprise, fields separated by a tab,
 * lines by '\n':
 *
 *     uscc <TAB> riskClass <TAB> prefecture <TAB> category,category,…
 *
 * A million enterprises take about 43 MB this way against 80 MB as JSON objects, and the
 * database sends it as a plain COPY. The draw stores the lines in the order the COPY sent
 * them, each ending in '\n', gzipped (libs/database draw-records.ts); sortSnapshot puts them
 * in USCC order, in which the record lists them (parseEligibleSnapshot, without the final
 * '\n'). It is the `eligible` member of the record, nothing more (docs/draw-algorithm.md
 * §10).
 */
import { createHash } from 'node:crypto';
import type { RiskClass } from '../enums';
import { USCC_ALPHABET, readUsccAt } from '../uscc';
import type { EligibleEnterprise } from './draw';
import { DrawInputError, sha256Lead52 } from './hash';
import { validateSeed } from './seed';
import { compareCodeUnits, type RankedEligible } from './selection';

const USCC_LENGTH = 18;

/** One snapshot line of an eligible enterprise (categories canonical: sorted, unique). */
export function snapshotLine(e: EligibleEnterprise): string {
  return `${e.uscc}\t${e.riskClass}\t${e.prefecture ?? ''}\t${e.categories.join(',')}`;
}

const RISK_CLASS_OF: Readonly<Record<number, RiskClass>> = { 65: 'A', 66: 'B', 67: 'C', 68: 'D' };

/**
 * The eligible objects of a snapshot, in its order. Throws DrawInputError on a bad line.
 * Risk classes, prefectures and category lists are shared between entries rather than
 * sliced out a million times (this runs on every verification).
 */
export function parseEligibleSnapshot(text: string): EligibleEnterprise[] {
  const out: EligibleEnterprise[] = [];
  if (text.length === 0) return out;
  let start = 0;
  let line = 0;
  const categoryCache = new Map<string, readonly string[]>();
  const prefectureCache = new Map<number, string>();
  for (;;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const t1 = text.indexOf('\t', start);
    const t2 = t1 < 0 ? -1 : text.indexOf('\t', t1 + 1);
    const t3 = t2 < 0 ? -1 : text.indexOf('\t', t2 + 1);
    if (t3 < 0 || t3 > end)
      throw new DrawInputError(`eligible snapshot line ${line + 1}: expected 4 fields`);
    const cats = text.slice(t3 + 1, end);
    let categories = categoryCache.get(cats);
    if (categories === undefined) {
      // Canonical, as the record lists categories: sorted, without duplicates.
      categories = cats.length === 0 ? [] : [...new Set(cats.split(','))].sort(compareCodeUnits);
      categoryCache.set(cats, categories);
    }
    const riskClass =
      t2 === t1 + 2
        ? (RISK_CLASS_OF[text.charCodeAt(t1 + 1)] ?? (text.slice(t1 + 1, t2) as RiskClass))
        : (text.slice(t1 + 1, t2) as RiskClass);
    let prefecture: string | undefined;
    if (t3 > t2 + 1) {
      // A 6-digit code read as a number keys the cache; anything else is kept as written.
      let code = 0;
      for (let i = t2 + 1; i < t3 && code >= 0; i++) {
        const d = text.charCodeAt(i) - 48;
        code = d >= 0 && d <= 9 ? code * 10 + d : -1;
      }
      if (code >= 0 && t3 - t2 - 1 === 6) {
        prefecture = prefectureCache.get(code);
        if (prefecture === undefined) {
          prefecture = text.slice(t2 + 1, t3);
          prefectureCache.set(code, prefecture);
        }
      } else prefecture = text.slice(t2 + 1, t3);
    }
    const uscc = text.slice(start, t1);
    out.push(
      prefecture === undefined
        ? { uscc, riskClass, categories }
        : { uscc, riskClass, prefecture, categories },
    );
    line++;
    if (end === text.length) break;
    start = end + 1;
  }
  return out;
}

/** A snapshot ranked for one seed: RankedEligible plus each row's categories. */
export interface RankedSnapshot extends RankedEligible {
  /** Row → its eligible categories, canonical (sorted, no duplicates). */
  categories(row: number): readonly string[];
  /** The snapshot's bytes as they were pushed. */
  readonly bytes: Uint8Array;
}

const TAB = 9;
const NL = 10;
const COMMA = 44;
const NO_PREFECTURE = -1;

/**
 * The lines of a snapshot, each with its USCC's order key (readUsccAt): what sorting needs.
 * Built line by line by SnapshotRanker and sortSnapshot.
 */
class Lines {
  count = 0;
  start: Int32Array;
  end: Int32Array;
  /** Three order keys per line. */
  order: Int32Array;
  /** False once a line's USCC is below the one before. */
  ascending = true;

  constructor(capacity = MIN_ROWS) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.order = new Int32Array(capacity * 3);
  }

  /**
   * Adds the line b[s..e), whose USCC is valid and whose key is already at order[3·count].
   * Returns the new line's index, or -1 when its USCC repeats the line before.
   */
  add(s: number, e: number): number {
    const i = this.count;
    const o = i * 3;
    const order = this.order;
    if (this.ascending && i > 0) {
      const d =
        order[o] - order[o - 3] || order[o + 1] - order[o - 2] || order[o + 2] - order[o - 1];
      if (d === 0) return -1;
      if (d < 0) this.ascending = false;
    }
    this.start[i] = s;
    this.end[i] = e;
    this.count = i + 1;
    return i;
  }

  /** Room for one more line's order key at order[3·count]. */
  reserve(): void {
    if (this.count < this.start.length) return;
    const cap = this.start.length * 2;
    this.start = grown(this.start, cap);
    this.end = grown(this.end, cap);
    this.order = grown(this.order, cap * 3);
  }

  /**
   * The lines in ascending USCC order (null when they already are): an LSD radix sort over
   * the six 15-bit digits of the order keys, skipping a digit that is the same on every line.
   * Throws for a USCC that appears twice.
   */
  sorted(text: (line: number) => string): Int32Array | null {
    if (this.ascending) return null;
    const n = this.count;
    const order = this.order;
    let rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = i;
    let next = new Int32Array(n);
    const count = new Int32Array(RADIX);
    for (let pass = 5; pass >= 0; pass--) {
      const word = pass >> 1;
      const shift = pass & 1 ? 0 : 15;
      count.fill(0);
      for (let i = 0; i < n; i++) count[(order[i * 3 + word] >>> shift) & (RADIX - 1)]++;
      if (count.some((c) => c === n)) continue;
      let sum = 0;
      for (let d = 0; d < RADIX; d++) {
        const c = count[d];
        count[d] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const r = rows[i];
        next[count[(order[r * 3 + word] >>> shift) & (RADIX - 1)]++] = r;
      }
      [rows, next] = [next, rows];
    }
    for (let i = 1; i < n; i++) {
      const a = rows[i - 1] * 3;
      const b = rows[i] * 3;
      if (order[a] === order[b] && order[a + 1] === order[b + 1] && order[a + 2] === order[b + 2])
        throw new DrawInputError(`eligible snapshot: duplicate USCC ${text(rows[i])}`);
    }
    return rows;
  }

  /**
   * SHA-256 of the USCCs in `rows` order (all lines in their order when null) joined by '\n':
   * the eligible digest. The USCCs are written back from their order keys, which are 12
   * bytes a line instead of the whole line.
   */
  digest(rows: Int32Array | null): string {
    const n = this.count;
    const order = this.order;
    const joined = new Uint8Array(Math.max(0, n * (USCC_LENGTH + 1) - 1));
    for (let i = 0; i < n; i++) {
      const o = (rows === null ? i : rows[i]) * 3;
      let at = i * (USCC_LENGTH + 1);
      for (let w = 0; w < 3; w++) {
        // Six base-31 digits: two groups of three, each written from a table.
        const k = order[o + w];
        const hi = Math.floor(k / 29791) * 3;
        const lo = (k % 29791) * 3;
        joined[at] = TRIPLES[hi];
        joined[at + 1] = TRIPLES[hi + 1];
        joined[at + 2] = TRIPLES[hi + 2];
        joined[at + 3] = TRIPLES[lo];
        joined[at + 4] = TRIPLES[lo + 1];
        joined[at + 5] = TRIPLES[lo + 2];
        at += 6;
      }
      if (i + 1 < n) joined[at] = NL;
    }
    return createHash('sha256').update(joined).digest('hex');
  }
}

const RADIX = 1 << 15;
const MIN_ROWS = 1 << 14;
const MAX_HINT_ROWS = 1 << 20;
/** About the length of a line of a prefecture-stratified list with one or two categories. */
const BYTES_PER_ROW = 48;
/** The three characters of each number below 31³, in base 31 over the USCC alphabet. */
const TRIPLES = (() => {
  const t = new Uint8Array(29791 * 3);
  for (let v = 0; v < 29791; v++) {
    t[v * 3] = USCC_ALPHABET.charCodeAt(Math.floor(v / 961));
    t[v * 3 + 1] = USCC_ALPHABET.charCodeAt(Math.floor(v / 31) % 31);
    t[v * 3 + 2] = USCC_ALPHABET.charCodeAt(v % 31);
  }
  return t;
})();

function grown<A extends Int32Array | Float64Array>(a: A, size: number): A {
  const b = new (a.constructor as new (n: number) => A)(size);
  b.set(a);
  return b;
}

/**
 * Reads a snapshot — its UTF-8 bytes, lines in any order, each ending in '\n' or the last one
 * not, split anywhere — and ranks it for one seed as the pieces arrive, without ever making a
 * million strings or objects. The draw feeds it a COPY without ORDER BY while PostgreSQL is
 * still sending (sorting a million rows cost PostgreSQL more than the rest of the read), and
 * verification the stored list. Per line it validates the USCC and keeps its order key,
 * counts the stratum, and computes the rank key from the bytes and keeps its first 52 bits;
 * categories are checked to be a list and read only for the rows selected. finish() sorts
 * the lines by USCC with a radix sort on the order keys (none when they came in order),
 * refuses duplicates, and computes the digest of docs/draw-algorithm.md §4. A malformed line
 * does not throw in push, so a caller reading a stream need not abandon it half-way;
 * finish() throws for the first one, with the rules selectWithRows applies to objects.
 */
export class SnapshotRanker {
  /** `seed:` followed by room for a USCC: the rank key's input, filled in place per row. */
  private readonly keyInput: Uint8Array;
  private readonly keyAt: number;
  /** Everything pushed so far; lines are read up to `parsed`. */
  private bytes: Uint8Array;
  private length = 0;
  private parsed = 0;
  private readonly lines: Lines;
  private categoryStart: Int32Array;
  private lead52: Float64Array;
  private rowStratum: Int32Array;
  private readonly strata: {
    name: string;
    riskClass: RiskClass;
    prefecture?: string;
    size: number;
  }[] = [];
  /** Stratum index by prefecture (a number, NO_PREFECTURE when not stratifying), then class. */
  private readonly strataOf = new Map<number, Int32Array>();
  private lastPrefecture = NaN;
  private lastStrata: Int32Array = new Int32Array(0);
  private lineNo = 0;
  private error: string | null = null;

  /**
   * `expected` sizes the ranker's arrays up front (a million rows grown from nothing cost
   * tens of milliseconds of copying and garbage): the number of lines to expect, taken up to
   * 1,048,576 (about 85 MB of arrays; larger lists grow as they come). Only a hint: any
   * number of lines is read.
   */
  constructor(
    seed: string,
    private readonly stratify: boolean,
    expected: { rows?: number } = {},
  ) {
    const rows = Math.max(MIN_ROWS, Math.min(MAX_HINT_ROWS, Math.floor(expected.rows ?? 0) || 0));
    this.lines = new Lines(rows);
    this.categoryStart = new Int32Array(rows);
    this.lead52 = new Float64Array(rows);
    this.rowStratum = new Int32Array(rows);
    this.bytes = new Uint8Array(rows * BYTES_PER_ROW);
    const check = validateSeed(seed);
    if (!check.ok) throw new DrawInputError(check.reason);
    // A valid seed is visible ASCII, so its UTF-8 bytes are its characters.
    this.keyAt = seed.length + 1;
    this.keyInput = new Uint8Array(this.keyAt + USCC_LENGTH);
    for (let i = 0; i < seed.length; i++) this.keyInput[i] = seed.charCodeAt(i);
    this.keyInput[seed.length] = 58; // ':'
  }

  push(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.bytes.length) {
      let size = this.bytes.length;
      while (size < this.length + chunk.length) size *= 2;
      const bigger = new Uint8Array(size);
      bigger.set(this.bytes.subarray(0, this.length));
      this.bytes = bigger;
    }
    this.bytes.set(chunk, this.length);
    this.length += chunk.length;
    // Complete lines end at the chunk's last '\n' (none in it: no line was completed).
    const last = this.bytes.subarray(this.length - chunk.length, this.length).lastIndexOf(NL);
    if (last >= 0) this.read(this.length - chunk.length + last + 1);
  }

  finish(): RankedSnapshot {
    if (this.parsed < this.length) this.read(this.length);
    if (this.error !== null) throw new DrawInputError(`eligible snapshot: ${this.error}`);
    const { bytes, lines, categoryStart } = this;
    const n = lines.count;
    const uscc = (row: number) =>
      String.fromCharCode(...bytes.subarray(lines.start[row], lines.start[row] + USCC_LENGTH));
    const digest = lines.digest(lines.sorted(uscc));
    const known = new Map<string, readonly string[]>();
    const utf8 = new TextDecoder();
    return {
      count: n,
      digest,
      bytes: bytes.subarray(0, this.length),
      strata: this.strata,
      rowStratum: this.rowStratum.subarray(0, n),
      lead52: this.lead52.subarray(0, n),
      uscc,
      categories: (row) => {
        const field = utf8.decode(bytes.subarray(categoryStart[row], lines.end[row]));
        let list = known.get(field);
        if (list === undefined)
          known.set(field, (list = [...new Set(field.split(','))].sort(compareCodeUnits)));
        return list;
      },
    };
  }

  /** Reads the lines of bytes[parsed..to); `to` is the end of a line or of the input. */
  private read(to: number): void {
    const b = this.bytes;
    let s = this.parsed;
    while (s < to) {
      const e = this.line(b, s, to);
      s = e + 1;
    }
    this.parsed = to;
  }

  /**
   * Reads the line starting at b[s] and returns where it ends (its '\n', or `to`). The usual
   * line — a one-letter class and a 6-digit or empty prefecture — is read field by field
   * without searching; anything else takes slowLine, which names what is wrong.
   */
  private line(b: Uint8Array, s: number, to: number): number {
    const n = ++this.lineNo;
    const lines = this.lines;
    lines.reserve();
    const t1 = s + USCC_LENGTH;
    const t2 = t1 + 2;
    const c = b[t1 + 1] - 65;
    // The prefecture: 6 digits when stratifying (checked below), else anything up to a tab.
    let t3 = -1;
    if (b[t2 + 1] === TAB) t3 = t2 + 1;
    else if (this.stratify) t3 = b[t2 + 7] === TAB ? t2 + 7 : -1;
    else
      for (let i = t2 + 1; i < to && b[i] !== NL; i++)
        if (b[i] === TAB) {
          t3 = i;
          break;
        }
    if (
      this.error !== null ||
      t3 < 0 ||
      t3 >= to ||
      b[t1] !== TAB ||
      b[t2] !== TAB ||
      c < 0 ||
      c > 3 ||
      !readUsccAt(b, s, lines.order, lines.count * 3)
    )
      return this.slowLine(b, s, to, n);
    let p = NO_PREFECTURE;
    if (this.stratify) {
      p = t3 === t2 + 7 ? 0 : -1;
      for (let i = t2 + 1; i < t3 && p >= 0; i++) {
        const d = b[i] - 48;
        p = d >= 0 && d <= 9 ? p * 10 + d : -1;
      }
      if (p < 0) return this.slowLine(b, s, to, n);
    }
    // The categories: one or more codes separated by commas, none empty.
    let e = t3 + 1;
    let previous = COMMA;
    for (; e < to && b[e] !== NL; e++) {
      const x = b[e];
      if (x === COMMA && previous === COMMA) break;
      previous = x;
    }
    if (previous === COMMA || (e < to && b[e] !== NL)) return this.slowLine(b, s, to, n);
    return this.accept(b, s, e, t3, c, p, n);
  }

  /**
   * A line the fast path refused, or any line after an error: records what is wrong with it,
   * as selectWithRows says it of an object. Returns where it ends.
   */
  private slowLine(b: Uint8Array, s: number, to: number, n: number): number {
    let e = b.indexOf(NL, s);
    if (e < 0 || e > to) e = to;
    if (this.error !== null) return e;
    const t1 = s + USCC_LENGTH;
    const t2 = t1 >= e ? -1 : indexOf(b, TAB, t1 + 1, e);
    const t3 = t2 < 0 ? -1 : indexOf(b, TAB, t2 + 1, e);
    const uscc = () => text(b, s, t1);
    if (t1 >= e || b[t1] !== TAB) this.error = `line ${n} does not start with an 18-character USCC`;
    else if (t3 < 0) this.error = `line ${n} has fewer than 4 fields`;
    else if (!readUsccAt(b, s, this.lines.order, this.lines.count * 3))
      this.error = `line ${n}: ${uscc()} is not a valid USCC`;
    else if (t2 !== t1 + 2 || b[t1 + 1] < 65 || b[t1 + 1] > 68)
      this.error = `line ${n} (${uscc()}): unknown risk class ${JSON.stringify(text(b, t1 + 1, t2))}`;
    else if (this.stratify && !/^\d{6}$/.test(text(b, t2 + 1, t3)))
      this.error = `line ${n} (${uscc()}): a 6-digit prefecture code is required when stratifying by prefecture`;
    else if (
      text(b, t3 + 1, e)
        .split(',')
        .some((code) => code.length === 0)
    )
      this.error = `line ${n} (${uscc()}): categories must be a non-empty list of category codes`;
    else this.error = `line ${n} cannot be read`; // not reached: the fast path reads every valid line
    return e;
  }

  /** Keeps the valid line b[s..e): its stratum, rank key and where its categories start. */
  private accept(
    b: Uint8Array,
    s: number,
    e: number,
    t3: number,
    riskClass: number,
    prefecture: number,
    n: number,
  ): number {
    const row = this.lines.add(s, e);
    if (row < 0) {
      this.error = `line ${n}: duplicate USCC ${text(b, s, s + USCC_LENGTH)}`;
      return e;
    }
    if (prefecture !== this.lastPrefecture) {
      let ids = this.strataOf.get(prefecture);
      if (ids === undefined) this.strataOf.set(prefecture, (ids = new Int32Array(4).fill(-1)));
      this.lastPrefecture = prefecture;
      this.lastStrata = ids;
    }
    let stratum = this.lastStrata[riskClass];
    if (stratum < 0) {
      const rc = String.fromCharCode(65 + riskClass) as RiskClass;
      const pref = String(prefecture).padStart(6, '0');
      stratum = this.lastStrata[riskClass] = this.strata.length;
      this.strata.push(
        prefecture === NO_PREFECTURE
          ? { name: rc, riskClass: rc, size: 0 }
          : { name: `${rc}/${pref}`, riskClass: rc, prefecture: pref, size: 0 },
      );
    }
    this.strata[stratum].size++;

    const key = this.keyInput;
    const k = this.keyAt;
    for (let i = 0; i < USCC_LENGTH; i++) key[k + i] = b[s + i];
    if (row === this.lead52.length) {
      const cap = row * 2;
      this.lead52 = grown(this.lead52, cap);
      this.rowStratum = grown(this.rowStratum, cap);
      this.categoryStart = grown(this.categoryStart, cap);
    }
    this.lead52[row] = sha256Lead52(key);
    this.rowStratum[row] = stratum;
    this.categoryStart[row] = t3 + 1;
    return e;
  }
}

/** The text of b[s..e), for messages. */
function text(b: Uint8Array, s: number, e: number): string {
  return new TextDecoder().decode(b.subarray(s, e));
}

/**
 * A snapshot's lines in ascending USCC order, each ending in '\n' (the draw stores the lines
 * in the order its COPY sent them; the record lists them in this order). The bytes as they
 * are when they already are in order. Throws DrawInputError for a line without a valid USCC
 * first or for a USCC that appears twice.
 */
export function sortSnapshot(bytes: Uint8Array): Uint8Array {
  const lines = new Lines();
  let s = 0;
  while (s < bytes.length) {
    let e = bytes.indexOf(NL, s);
    if (e < 0) e = bytes.length;
    lines.reserve();
    if (e - s < USCC_LENGTH || !readUsccAt(bytes, s, lines.order, lines.count * 3))
      throw new DrawInputError(
        `eligible snapshot: line ${lines.count + 1} does not start with a valid USCC`,
      );
    if (lines.add(s, e) < 0)
      throw new DrawInputError(
        `eligible snapshot: duplicate USCC ${text(bytes, s, s + USCC_LENGTH)}`,
      );
    s = e + 1;
  }
  const rows = lines.sorted((i) => text(bytes, lines.start[i], lines.start[i] + USCC_LENGTH));
  if (rows === null && (bytes.length === 0 || bytes[bytes.length - 1] === NL)) return bytes;
  const n = lines.count;
  let size = 0;
  for (let i = 0; i < n; i++) size += lines.end[i] - lines.start[i] + 1;
  const out = new Uint8Array(size);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const r = rows === null ? i : rows[i];
    out.set(bytes.subarray(lines.start[r], lines.end[r]), p);
    p += lines.end[r] - lines.start[r];
    out[p++] = NL;
  }
  return out;
}

/** The first b[i] === byte for i in [from, to), or -1: a plain loop beats a native call per field. */
function indexOf(b: Uint8Array, byte: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (b[i] === byte) return i;
  return -1;
}
