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
import type { RiskClass } from '../enums';
import type { StratumSize } from './candidates';
import type { EligibleEnterprise } from './draw';
import { DrawInputError } from './hash';
import { createHash } from 'node:crypto';

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

/** What a draw needs from its eligible snapshot besides storing it. */
export interface SnapshotSummaryResult {
  readonly eligibleCount: number;
  /** docs/draw-algorithm.md §4. */
  readonly eligibleDigest: string;
  /** By risk class and prefecture, as written (planStrata merges prefectures if need be). */
  readonly sizes: StratumSize[];
}

const TAB = 9;
const NL = 10;
const NO_PREFECTURE = 1_000_000;
const BATCH = 1 << 16;

/**
 * The eligible digest and the strata sizes of a snapshot read in pieces as it arrives (the
 * UTF-8 bytes of its lines, each ending in '\n' or the last one not), split anywhere: the
 * draw reads them off its COPY while PostgreSQL is still sending, and never holds the list
 * as one string. Requires the USCC (18 ASCII characters) first on each line and in order,
 * as the digest (docs/draw-algorithm.md §4) needs. A malformed line does not throw in push, so a caller reading a
 * stream need not abandon it half-way; finish() throws for the first one.
 */
export class SnapshotSummary {
  private readonly hash = createHash('sha256');
  private readonly batch = new Uint8Array(BATCH);
  private fill = 0;
  private lines = 0;
  /** Per 6-digit prefecture (or NO_PREFECTURE), counts by the risk class's (ASCII) byte. */
  private readonly counts = new Map<number, Int32Array>();
  private lastPrefecture = -1;
  private lastCounts: Int32Array = new Int32Array(128);
  /** Lines whose stratum does not fit that key, by their `riskClass\tprefecture` text. */
  private readonly odd = new Map<string, number>();
  private carry: Uint8Array | null = null;
  private error: string | null = null;

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

  finish(): SnapshotSummaryResult {
    if (this.carry !== null) {
      const c = this.carry;
      this.carry = null;
      this.line(c, 0, c.length);
    }
    if (this.error !== null) throw new DrawInputError(`eligible snapshot: ${this.error}`);
    if (this.fill > 0) this.hash.update(this.batch.subarray(0, this.fill));
    this.fill = 0;
    const sizes: StratumSize[] = [];
    for (const [p, byClass] of this.counts)
      byClass.forEach((size, c) => {
        if (size === 0) return;
        const riskClass = String.fromCharCode(c) as RiskClass;
        sizes.push(
          p === NO_PREFECTURE
            ? { riskClass, size }
            : { riskClass, prefecture: String(p).padStart(6, '0'), size },
        );
      });
    for (const [key, size] of this.odd) {
      const [riskClass, prefecture] = key.split('\t');
      sizes.push(
        prefecture
          ? { riskClass: riskClass as RiskClass, prefecture, size }
          : { riskClass: riskClass as RiskClass, size },
      );
    }
    return { eligibleCount: this.lines, eligibleDigest: this.hash.digest('hex'), sizes };
  }

  /** The line b[s..e) (without its '\n'). */
  private line(b: Uint8Array, s: number, e: number): void {
    const n = ++this.lines;
    if (this.error !== null) return;
    const t1 = s + USCC_LENGTH;
    if (t1 >= e || b[t1] !== TAB) {
      this.error = `line ${n} does not start with an 18-character USCC`;
      return;
    }
    const t2 = indexOf(b, TAB, t1 + 1, e);
    const t3 = t2 < 0 ? -1 : indexOf(b, TAB, t2 + 1, e);
    if (t3 < 0) {
      this.error = `line ${n} has fewer than 4 fields`;
      return;
    }
    // The digest: USCCs joined by '\n', copied into a batch hashed 64 KiB at a time.
    if (this.fill + USCC_LENGTH + 1 > BATCH) {
      this.hash.update(this.batch.subarray(0, this.fill));
      this.fill = 0;
    }
    const batch = this.batch;
    let f = this.fill;
    if (n > 1) batch[f++] = NL;
    for (let i = s; i < t1; i++) batch[f++] = b[i];
    this.fill = f;
    // The stratum: a number for the usual one-letter class and 6-digit (or no) prefecture.
    let p = t3 === t2 + 1 ? NO_PREFECTURE : t3 === t2 + 7 ? 0 : -1;
    for (let i = t2 + 1; i < t3 && p >= 0; i++) {
      const d = b[i] - 48;
      p = d >= 0 && d <= 9 ? p * 10 + d : -1;
    }
    if (t2 === t1 + 2 && b[t1 + 1] < 128 && p >= 0) {
      // Lines in USCC order come in runs of one prefecture (USCC positions 3–8 are a region).
      if (p !== this.lastPrefecture) {
        let c = this.counts.get(p);
        if (c === undefined) this.counts.set(p, (c = new Int32Array(128)));
        this.lastPrefecture = p;
        this.lastCounts = c;
      }
      this.lastCounts[b[t1 + 1]]++;
    } else {
      const key = new TextDecoder().decode(b.subarray(t1 + 1, t3));
      this.odd.set(key, (this.odd.get(key) ?? 0) + 1);
    }
  }
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

/** SnapshotSummary of a whole snapshot text (for tests and tools that hold it whole). */
export function summarizeSnapshot(text: string): SnapshotSummaryResult {
  const s = new SnapshotSummary();
  if (text.length > 0) s.push(new TextEncoder().encode(text));
  return s.finish();
}
