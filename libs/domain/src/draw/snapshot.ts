/**
 * The eligible list of a draw in its stored form: one line per enterprise in ascending USCC
 * (code-unit) order, fields separated by a tab, lines by '\n' (no trailing newline):
 *
 *     uscc <TAB> riskClass <TAB> prefecture <TAB> category,category,…
 *
 * A million enterprises take about 35 MB this way against 80 MB as JSON objects, and the
 * database writes it as a plain COPY. It is the `eligible` member of the record, nothing
 * more: the export expands it back into objects (docs/draw-algorithm.md §10).
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

/**
 * The strata sizes of a snapshot by risk class and prefecture (planStrata merges prefectures
 * when the plan does not stratify by them), so a draw that has just read its snapshot need
 * not count the directory again.
 */
export function snapshotStrataSizes(text: string): StratumSize[] {
  const counts = new Map<string, number>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const t1 = text.indexOf('\t', start);
    const t2 = t1 < 0 ? -1 : text.indexOf('\t', t1 + 1);
    const t3 = t2 < 0 ? -1 : text.indexOf('\t', t2 + 1);
    if (t3 < 0 || t3 > end)
      throw new DrawInputError('eligible snapshot: a line has fewer than 4 fields');
    const key = text.slice(t1 + 1, t3);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    start = end + 1;
  }
  return [...counts].map(([key, size]) => {
    const [riskClass, prefecture] = key.split('\t');
    return prefecture
      ? { riskClass: riskClass as RiskClass, prefecture, size }
      : { riskClass: riskClass as RiskClass, size };
  });
}

/**
 * The eligible digest (docs/draw-algorithm.md §4) of a snapshot: SHA-256 of its USCCs joined
 * by '\n', read off the lines without building them. Requires the USCCs (18 ASCII
 * characters) to be the first field of each line, in order.
 */
export function snapshotDigest(text: string): string {
  const h = createHash('sha256');
  const parts: string[] = [];
  let start = 0;
  let first = true;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.charCodeAt(start + USCC_LENGTH) !== 9) {
      throw new DrawInputError(
        'eligible snapshot: a line does not start with an 18-character USCC',
      );
    }
    parts.push(text.slice(start, start + USCC_LENGTH));
    if (parts.length === 4096) {
      h.update((first ? '' : '\n') + parts.join('\n'), 'latin1');
      first = false;
      parts.length = 0;
    }
    start = end + 1;
  }
  if (parts.length) h.update((first ? '' : '\n') + parts.join('\n'), 'latin1');
  return h.digest('hex');
}
