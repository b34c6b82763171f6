/**
 * The eligible list of a draw in its stored form: one line per enterprise in ascending USCC
 * (code-unit) order, fields separated by a tab, lines by '\n' (no trailing newline):
 *
 *     uscc <TAB> riskClass <TAB> prefecture <TAB> category,category,…
 *
 * A million enterprises take about 43 MB this way against 80 MB as JSON objects, and the
 * database sends it as a plain COPY (the draw stores it gzipped, with a final newline; see
 * libs/database draw-records.ts). It is the `eligible` member of the record, nothing more:
 * the export expands it back into objects (docs/draw-algorithm.md §10).
 */
import { createHash } from 'node:crypto';
import type { RiskClass } from '../enums';
import { isValidUsccAt } from '../uscc';
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
      categories = cats.length === 0 ? [] : cats.split(',');
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
}

const TAB = 9;
const NL = 10;
/** Bytes a row keeps of its line: the USCC and a '\n', so the rows are the digest's text. */
const ROW_BYTES = USCC_LENGTH + 1;
const HASH_EVERY = 1 << 16;
const NO_PREFECTURE = -1;

/**
 * Reads a snapshot (its UTF-8 bytes, each line ending in '\n' or the last one not, split
 * anywhere) and ranks it for one seed as the pieces arrive: the draw feeds it its COPY while
 * PostgreSQL is still sending, and verification the stored list, without ever making a
 * million strings or objects. Per line it validates the USCC, checks that the lines are in
 * ascending USCC order without duplicates (the digest of docs/draw-algorithm.md §4 is then
 * the rows' own bytes), counts the stratum, computes the rank key from the bytes and keeps
 * its first 52 bits, and interns the category list. A malformed line does not throw in push,
 * so a caller reading a stream need not abandon it half-way; finish() throws for the first
 * one, with the same rules as selectWithRows applies to objects.
 */
export class SnapshotRanker {
  /** `seed:` followed by room for a USCC: the rank key's input, filled in place per row. */
  private readonly keyInput: Uint8Array;
  private readonly keyAt: number;
  private rows = 0;
  private capacity = 1 << 14;
  private usccs = new Uint8Array(this.capacity * ROW_BYTES);
  private lead52 = new Float64Array(this.capacity);
  private rowStratum = new Int32Array(this.capacity);
  private rowCategories = new Int32Array(this.capacity);
  private readonly digest = createHash('sha256');
  private hashed = 0;
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
  private readonly categoryLists: (readonly string[])[] = [];
  private readonly categoryBytes: Uint8Array[] = [];
  /** Category list indices by a hash of their bytes. */
  private readonly categoryIndex = new Map<number, number[]>();
  private carry: Uint8Array | null = null;
  private lines = 0;
  private error: string | null = null;

  constructor(
    seed: string,
    private readonly stratify: boolean,
  ) {
    const check = validateSeed(seed);
    if (!check.ok) throw new DrawInputError(check.reason);
    // A valid seed is visible ASCII, so its UTF-8 bytes are its characters.
    this.keyAt = seed.length + 1;
    this.keyInput = new Uint8Array(this.keyAt + USCC_LENGTH);
    for (let i = 0; i < seed.length; i++) this.keyInput[i] = seed.charCodeAt(i);
    this.keyInput[seed.length] = 58; // ':'
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    if (this.carry !== null) {
      const nl = indexOf(chunk, NL, 0, chunk.length);
      if (nl < 0) {
        this.carry = concat(this.carry, chunk);
        return;
      }
      this.line(concat(this.carry, chunk.subarray(0, nl)), 0, this.carry.length + nl);
      this.carry = null;
      start = nl + 1;
    }
    for (;;) {
      const nl = indexOf(chunk, NL, start, chunk.length);
      if (nl < 0) break;
      this.line(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.carry = chunk.slice(start);
  }

  finish(): RankedSnapshot {
    if (this.carry !== null) {
      const c = this.carry;
      this.carry = null;
      this.line(c, 0, c.length);
    }
    if (this.error !== null) throw new DrawInputError(`eligible snapshot: ${this.error}`);
    const n = this.rows;
    // The USCCs joined by '\n': every row's bytes but the last '\n'.
    if (n > 0) this.digest.update(this.usccs.subarray(this.hashed, n * ROW_BYTES - 1));
    const usccs = this.usccs;
    const categoryLists = this.categoryLists;
    const rowCategories = this.rowCategories;
    return {
      count: n,
      digest: this.digest.digest('hex'),
      strata: this.strata,
      rowStratum: this.rowStratum.subarray(0, n),
      lead52: this.lead52.subarray(0, n),
      uscc: (row) =>
        String.fromCharCode(...usccs.subarray(row * ROW_BYTES, (row + 1) * ROW_BYTES - 1)),
      categories: (row) => categoryLists[rowCategories[row]],
    };
  }

  /** The line b[s..e) (without its '\n'). */
  private line(b: Uint8Array, s: number, e: number): void {
    const n = ++this.lines;
    if (this.error !== null) return;
    const t1 = s + USCC_LENGTH;
    if (t1 >= e || b[t1] !== TAB)
      return this.fail(`line ${n} does not start with an 18-character USCC`);
    const t2 = indexOf(b, TAB, t1 + 1, e);
    const t3 = t2 < 0 ? -1 : indexOf(b, TAB, t2 + 1, e);
    if (t3 < 0) return this.fail(`line ${n} has fewer than 4 fields`);
    if (!isValidUsccAt(b, s)) return this.fail(`line ${n}: ${text(b, s, t1)} is not a valid USCC`);
    const row = this.rows;
    if (row === this.capacity) this.grow();
    const usccs = this.usccs;
    const at = row * ROW_BYTES;
    if (row > 0) {
      // Ascending and unique: the first differing byte decides.
      let i = 0;
      const prev = at - ROW_BYTES;
      while (i < USCC_LENGTH && b[s + i] === usccs[prev + i]) i++;
      if (i === USCC_LENGTH) return this.fail(`line ${n}: duplicate USCC ${text(b, s, t1)}`);
      if (b[s + i] < usccs[prev + i])
        return this.fail(`line ${n}: ${text(b, s, t1)} is not in ascending USCC order`);
    }

    // The stratum: the class is one letter A–D; the prefecture 6 digits when stratifying.
    const c = b[t1 + 1] - 65;
    if (t2 !== t1 + 2 || c < 0 || c > 3) {
      return this.fail(
        `line ${n} (${text(b, s, t1)}): unknown risk class ${JSON.stringify(text(b, t1 + 1, t2))}`,
      );
    }
    let p = NO_PREFECTURE;
    if (this.stratify) {
      p = t3 === t2 + 7 ? 0 : -1;
      for (let i = t2 + 1; i < t3 && p >= 0; i++) {
        const d = b[i] - 48;
        p = d >= 0 && d <= 9 ? p * 10 + d : -1;
      }
      if (p < 0)
        return this.fail(
          `line ${n} (${text(b, s, t1)}): a 6-digit prefecture code is required when stratifying by prefecture`,
        );
    }
    const categories = this.categoriesId(b, t3 + 1, e);
    if (categories < 0) {
      return this.fail(
        `line ${n} (${text(b, s, t1)}): categories must be a non-empty list of category codes`,
      );
    }
    if (p !== this.lastPrefecture) {
      let ids = this.strataOf.get(p);
      if (ids === undefined) this.strataOf.set(p, (ids = new Int32Array(4).fill(-1)));
      this.lastPrefecture = p;
      this.lastStrata = ids;
    }
    let stratum = this.lastStrata[c];
    if (stratum < 0) {
      const riskClass = String.fromCharCode(65 + c) as RiskClass;
      stratum = this.lastStrata[c] = this.strata.length;
      this.strata.push(
        p === NO_PREFECTURE
          ? { name: riskClass, riskClass, size: 0 }
          : (() => {
              const prefecture = String(p).padStart(6, '0');
              return { name: `${riskClass}/${prefecture}`, riskClass, prefecture, size: 0 };
            })(),
      );
    }
    this.strata[stratum].size++;

    // The row: its USCC and '\n' (the digest's text), key, stratum and categories.
    const key = this.keyInput;
    const k = this.keyAt;
    for (let i = 0; i < USCC_LENGTH; i++) key[k + i] = usccs[at + i] = b[s + i];
    usccs[at + USCC_LENGTH] = NL;
    this.lead52[row] = sha256Lead52(key);
    this.rowStratum[row] = stratum;
    this.rowCategories[row] = categories;
    this.rows = row + 1;
    // Hash the text so far but the last '\n', which belongs to it only if another row follows.
    if (at - this.hashed >= HASH_EVERY) {
      this.digest.update(usccs.subarray(this.hashed, at + USCC_LENGTH));
      this.hashed = at + USCC_LENGTH;
    }
  }

  private fail(error: string): void {
    this.error = error;
  }

  /** The index of the category list b[s..e), or -1 when it is not a non-empty list of codes. */
  private categoriesId(b: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5; // FNV-1a
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i], 0x01000193);
    let ids = this.categoryIndex.get(h);
    if (ids !== undefined) {
      for (const id of ids) {
        const known = this.categoryBytes[id];
        if (known.length !== e - s) continue;
        let i = 0;
        while (i < known.length && known[i] === b[s + i]) i++;
        if (i === known.length) return id;
      }
    } else this.categoryIndex.set(h, (ids = []));
    if (e === s) return -1;
    const codes = new TextDecoder().decode(b.subarray(s, e)).split(',');
    if (codes.some((code) => code.length === 0)) return -1;
    const id = this.categoryLists.length;
    this.categoryLists.push([...new Set(codes)].sort(compareCodeUnits));
    this.categoryBytes.push(b.slice(s, e));
    ids.push(id);
    return id;
  }

  private grow(): void {
    const cap = (this.capacity *= 2);
    const grown = <A extends Uint8Array | Int32Array | Float64Array>(a: A, size: number): A => {
      const b = new (a.constructor as new (n: number) => A)(size);
      b.set(a);
      return b;
    };
    this.usccs = grown(this.usccs, cap * ROW_BYTES);
    this.lead52 = grown(this.lead52, cap);
    this.rowStratum = grown(this.rowStratum, cap);
    this.rowCategories = grown(this.rowCategories, cap);
  }
}

/** The text of b[s..e), for messages. */
function text(b: Uint8Array, s: number, e: number): string {
  return new TextDecoder().decode(b.subarray(s, e));
}

/** A whole snapshot (text or its bytes) ranked for one seed: see SnapshotRanker. */
export function rankSnapshot(
  seed: string,
  stratify: boolean,
  snapshot: string | Uint8Array,
): RankedSnapshot {
  const r = new SnapshotRanker(seed, stratify);
  const bytes = typeof snapshot === 'string' ? new TextEncoder().encode(snapshot) : snapshot;
  if (bytes.length > 0) r.push(bytes);
  return r.finish();
}

/** The first b[i] === byte for i in [from, to), or -1: a plain loop beats a native call per field. */
function indexOf(b: Uint8Array, byte: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (b[i] === byte) return i;
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const c = new Uint8Array(a.length + b.length);
  c.set(a, 0);
  c.set(b, a.length);
  return c;
}
