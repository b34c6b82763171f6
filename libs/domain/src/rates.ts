import { regionPrefix } from './region';

/**
 * Qualification rates (合格率), docs/rules.md §3.6: batches counted on final outcomes, by any
 * combination of dimensions, beside the targets in force.
 *
 * - rate = pass ÷ (pass + fail) × 100, in percent to two decimals, rounded half to even
 *   (GB/T 8170); no rate without a final batch. Pending batches are reported beside it, never
 *   in it; excluded ones (nothing concluded) in neither.
 * - gap = rate − target, from the exact rate (rounded once, the same way); negative when the
 *   rate falls short.
 */

export const RATE_DIMENSIONS = [
  'plan',
  'category',
  'sector',
  'prefecture',
  'county',
  'size',
  'stage',
  'month',
  'quarter',
  'year',
] as const;
export type RateDimension = (typeof RATE_DIMENSIONS)[number];

export const RATE_DIMENSION_LABELS_ZH: Readonly<Record<RateDimension, string>> = Object.freeze({
  plan: '抽检计划',
  category: '产品类别',
  sector: '行业',
  prefecture: '盟市',
  county: '旗县区',
  size: '企业规模',
  stage: '抽样环节',
  month: '月份',
  quarter: '季度',
  year: '年度',
});

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/**
 * `by=sector,prefecture`: the dimensions to group by, in the order given, each once. Empty or
 * absent: totals only.
 */
export function parseRateDimensions(input: unknown): Parsed<readonly RateDimension[]> {
  if (input === undefined || input === null || input === '') return { ok: true, value: [] };
  if (typeof input !== 'string') return { ok: false, reason: 'must be a comma-separated list' };
  const out: RateDimension[] = [];
  for (const raw of input.split(',')) {
    const d = raw.trim();
    if (!(RATE_DIMENSIONS as readonly string[]).includes(d)) {
      return {
        ok: false,
        reason: `unknown dimension ${JSON.stringify(d.slice(0, 40))}; known: ${RATE_DIMENSIONS.join(', ')}`,
      };
    }
    if (!out.includes(d as RateDimension)) out.push(d as RateDimension);
  }
  return { ok: true, value: out };
}

/** A period rates are asked for: whole months from `from` to `to` (first days, included). */
export interface RatePeriod {
  readonly label: string;
  readonly kind: 'year' | 'quarter' | 'month';
  /** First day of the first month. */
  readonly from: string;
  /** First day of the last month. */
  readonly to: string;
}

const PERIOD = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;

const month = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;

/** `2026`, `2026-Q3` or `2026-07` (years 2000–2100, the plans' years). */
export function parseRatePeriod(input: unknown): Parsed<RatePeriod> {
  const shape = 'must be a year (2026), a quarter (2026-Q3) or a month (2026-07)';
  if (typeof input !== 'string') return { ok: false, reason: shape };
  const m = PERIOD.exec(input.trim());
  if (!m) return { ok: false, reason: `${shape}, got ${JSON.stringify(input.slice(0, 40))}` };
  const y = Number(m[1]);
  if (y < 2000 || y > 2100) return { ok: false, reason: `year must be 2000–2100, got ${y}` };
  const label = input.trim();
  if (m[2]) {
    const q = Number(m[2]);
    return {
      ok: true,
      value: { label, kind: 'quarter', from: month(y, q * 3 - 2), to: month(y, q * 3) },
    };
  }
  if (m[3]) {
    const mm = Number(m[3]);
    return { ok: true, value: { label, kind: 'month', from: month(y, mm), to: month(y, mm) } };
  }
  return { ok: true, value: { label, kind: 'year', from: month(y, 1), to: month(y, 12) } };
}

/** The quarter label of a month's first day: `2026-07-01` → `2026-Q3`. */
export function quarterOf(monthStart: string): string {
  return `${monthStart.slice(0, 4)}-Q${Math.ceil(Number(monthStart.slice(5, 7)) / 3)}`;
}

/** The prefecture of a county code (GB/T 2260): `150102` → `150100`. */
export function prefectureOf(regionCode: string): string {
  return `${regionCode.slice(0, 4)}00`;
}

/** n ÷ d rounded half to even, for d > 0. */
function divHalfEven(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  const r2 = (a % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

/** A count of hundredths as a decimal string: 9647n → "96.47", -120n → "-1.20". */
function hundredths(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** A target as hundredths of a percent: "96.5" → 9650n. */
function targetHundredths(target: string): bigint {
  const [i, f = ''] = target.split('.');
  return BigInt(i) * 100n + BigInt(f.padEnd(2, '0').slice(0, 2));
}

/** pass ÷ (pass + fail) in percent, two decimals, half to even; null with no final batch. */
export function qualificationRate(pass: number, fail: number): string | null {
  const n = BigInt(pass) + BigInt(fail);
  if (n === 0n) return null;
  return hundredths(divHalfEven(BigInt(pass) * 10_000n, n));
}

/** rate − target in percentage points, from the exact rate; null without a rate or target. */
export function rateGap(pass: number, fail: number, target: string | null): string | null {
  const n = BigInt(pass) + BigInt(fail);
  if (n === 0n || target === null) return null;
  return hundredths(divHalfEven(BigInt(pass) * 10_000n - targetHundredths(target) * n, n));
}

/**
 * The problem disposal rate (问题处置率, DESIGN.md §3.5): final failures whose follow-up case is
 * closed ÷ all final failures, in percent, as the qualification rate rounds; null with none.
 */
export function disposalRate(failures: number, disposed: number): string | null {
  return qualificationRate(disposed, failures - disposed);
}

/** disposal rate − target in percentage points, from the exact rate. */
export function disposalGap(failures: number, disposed: number, target: string | null) {
  return rateGap(disposed, failures - disposed, target);
}

// ---- targets ----

export const TARGET_METRICS = ['pass_rate', 'disposal_rate'] as const;
/** A pass rate (合格率), or the problem disposal rate (问题处置率) of failures followed up. */
export type TargetMetric = (typeof TARGET_METRICS)[number];

const TARGET = /^(?:100(?:\.0{1,2})?|\d{1,2}(?:\.\d{1,2})?)$/;

/**
 * A target in percent: a number or decimal string from 0 to 100 with at most two decimals;
 * answered in its shortest form ("96.50" → "96.5", 94 → "94").
 */
export function parseTargetValue(input: unknown): Parsed<string> {
  const text = typeof input === 'number' && Number.isFinite(input) ? String(input) : input;
  if (typeof text !== 'string' || !TARGET.test(text.trim())) {
    return {
      ok: false,
      reason: 'must be a percentage from 0 to 100 with at most two decimals, e.g. 96.5',
    };
  }
  return { ok: true, value: normalizeTarget(text.trim()) };
}

/** "96.50" → "96.5", "94.00" → "94". */
export function normalizeTarget(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/** A stored target, as the resolution needs it. */
export interface TargetEntry {
  readonly jurisdiction: string;
  readonly sector: string;
  readonly year: number;
  readonly metric: TargetMetric;
  readonly target: string;
}

/**
 * The target in force for a region, sector, year and metric: among the targets set for the
 * region or a jurisdiction above it, the most local jurisdiction's, and of its targets the
 * latest year not after `year` (an outline's target stands until the next one is set). Null
 * when none applies.
 */
export function resolveTarget<T extends TargetEntry>(
  targets: readonly T[],
  q: { region: string; sector: string; year: number; metric: TargetMetric },
): T | null {
  let best: T | null = null;
  let bestDepth = -1;
  for (const t of targets) {
    if (t.sector !== q.sector || t.metric !== q.metric || t.year > q.year) continue;
    const prefix = regionPrefix(t.jurisdiction);
    if (!q.region.startsWith(prefix)) continue;
    if (prefix.length > bestDepth || (prefix.length === bestDepth && t.year > best!.year)) {
      best = t;
      bestDepth = prefix.length;
    }
  }
  return best;
}
