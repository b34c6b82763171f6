/**
 * Sampling ratios, stratum quotas and the cap on the number of tasks (docs/rules.md §3.2 step 2).
 *
 * Ratios are integer basis points (1 bp = 0.01 %, 10000 bp = 100 %) so that quotas are exact
 * integer arithmetic: k = ceil(n × bp / 10000). No floating point decides who is drawn.
 */
import { RISK_CLASSES, type RiskClass } from '../enums';
import { DrawInputError } from './hash';

export const BASIS_POINTS_PER_UNIT = 10000;

/** docs/rules.md §3.2 defaults: A 3 %, B 10 %, C 30 %, D 100 %. */
export const DEFAULT_RATIOS_BP: Readonly<Record<RiskClass, number>> = Object.freeze({
  A: 300,
  B: 1000,
  C: 3000,
  D: 10000,
});

export type RatioParse = { ok: true; bp: number } | { ok: false; reason: string };

const FRACTION = /^(\d+)(?:\.(\d+))?$/;
const PERCENT = /^(\d+)(?:\.(\d+))?%$/;

/**
 * Reads a ratio as regulators write it, into basis points: a decimal fraction ('0.03',
 * '0.1', '1', '1.00', '0.035') or a percentage ('3%', '3.5%', '100%'). Between 0 and 1
 * inclusive, and a whole number of basis points (at most 4 decimals for a fraction, 2 for a
 * percentage, trailing zeros aside). Whitespace, signs and exponents are refused.
 */
export function ratioToBasisPoints(input: unknown): RatioParse {
  if (typeof input !== 'string') return { ok: false, reason: 'ratio must be a string' };
  let m = FRACTION.exec(input);
  let scale = 4;
  if (m === null) {
    m = PERCENT.exec(input);
    scale = 2;
  }
  if (m === null) {
    return {
      ok: false,
      reason: `ratio '${input}' must be a decimal fraction like 0.03 or a percentage like 3%`,
    };
  }
  const int = m[1];
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > scale) {
    return { ok: false, reason: `ratio '${input}' is finer than one basis point (0.01 %)` };
  }
  const digits = (int + frac.padEnd(scale, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 5 || Number(digits) > BASIS_POINTS_PER_UNIT) {
    return { ok: false, reason: `ratio '${input}' is more than 100 %` };
  }
  return { ok: true, bp: Number(digits) };
}

/** Basis points as a decimal fraction with 4 decimals: 300 → '0.0300', 10000 → '1.0000'. */
export function basisPointsToRatio(bp: number): string {
  assertBasisPoints(bp, 'ratio');
  const s = String(bp).padStart(5, '0');
  return `${s.slice(0, 1)}.${s.slice(1)}`;
}

export function assertBasisPoints(bp: unknown, what: string): asserts bp is number {
  if (!Number.isInteger(bp) || (bp as number) < 0 || (bp as number) > BASIS_POINTS_PER_UNIT) {
    throw new DrawInputError(`${what} must be an integer number of basis points 0–10000`);
  }
}

/** The ratio of every class in basis points: the defaults overridden by `ratiosBp`. */
export function resolveRatios(
  ratiosBp?: Partial<Record<RiskClass, number>> | null,
): Record<RiskClass, number> {
  const out = { ...DEFAULT_RATIOS_BP };
  if (ratiosBp === undefined || ratiosBp === null) return out;
  for (const key of Object.keys(ratiosBp)) {
    if (!(RISK_CLASSES as readonly string[]).includes(key)) {
      throw new DrawInputError(`ratiosBp: unknown risk class '${key}'`);
    }
  }
  for (const rc of RISK_CLASSES) {
    const bp = ratiosBp[rc];
    if (bp === undefined) continue;
    assertBasisPoints(bp, `ratiosBp.${rc}`);
    out[rc] = bp;
  }
  return out;
}

/**
 * Stratum quota k = ceil(n × bp / 10000), in exact integer arithmetic. A stratum with at
 * least one enterprise and a non-zero ratio always gets at least one task.
 */
export function stratumQuota(n: number, bp: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new DrawInputError('stratum size must be ≥ 0');
  assertBasisPoints(bp, 'ratio');
  const num = n * bp;
  if (!Number.isSafeInteger(num)) throw new DrawInputError('stratum too large');
  const r = num % BASIS_POINTS_PER_UNIT;
  return (num - r) / BASIS_POINTS_PER_UNIT + (r === 0 ? 0 : 1);
}

/**
 * Largest-remainder (Hamilton) apportionment of `seats` among `weights`.
 *
 * Each entry first gets floor(seats × w / W) with W = Σ weights; the seats left over go one
 * each to the entries with the largest remainders (seats × w mod W), ties broken by `names`
 * in ascending code-unit order. Exact BigInt arithmetic. Requires W > 0, or seats = 0.
 */
export function hamilton(
  seats: number,
  weights: readonly number[],
  names: readonly string[],
): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (seats === 0) return weights.map(() => 0);
  if (total <= 0) throw new DrawInputError('cannot apportion seats among zero weights');
  const S = BigInt(seats);
  const W = BigInt(total);
  const out: number[] = [];
  const rem: bigint[] = [];
  let given = 0;
  for (const w of weights) {
    const num = S * BigInt(w);
    const f = num / W;
    out.push(Number(f));
    rem.push(num % W);
    given += Number(f);
  }
  const order = weights.map((_, i) => i);
  order.sort((a, b) => {
    if (rem[a] !== rem[b]) return rem[a] > rem[b] ? -1 : 1;
    return names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0;
  });
  for (let j = 0; j < seats - given; j++) out[order[j]]++;
  return out;
}

/**
 * The cap rule. `quotas` are the uncapped stratum quotas, `names` the stratum names (used
 * only to break ties). Returns the number of tasks per stratum, each at most its quota.
 *
 * - No cap, or Σ quotas ≤ maxTasks: the quotas unchanged.
 * - Otherwise let m be the number of strata with a quota > 0.
 *   - maxTasks ≥ m: every such stratum keeps 1 task, and the remaining maxTasks − m tasks are
 *     apportioned by Hamilton in proportion to (quota − 1).
 *   - maxTasks < m (fewer tasks than strata to sample): plain Hamilton of maxTasks in
 *     proportion to the quotas, so the strata with the largest quotas get one task each.
 *
 * The totals are exactly maxTasks after a cap.
 */
export function capQuotas(
  quotas: readonly number[],
  names: readonly string[],
  maxTasks: number | null | undefined,
): number[] {
  const total = quotas.reduce((a, b) => a + b, 0);
  if (maxTasks === null || maxTasks === undefined || total <= maxTasks) return [...quotas];
  if (!Number.isSafeInteger(maxTasks) || maxTasks < 0) {
    throw new DrawInputError('maxTasks must be an integer ≥ 0');
  }
  const m = quotas.filter((q) => q > 0).length;
  if (maxTasks >= m) {
    const extra = hamilton(
      maxTasks - m,
      quotas.map((q) => (q > 0 ? q - 1 : 0)),
      names,
    );
    return quotas.map((q, i) => (q > 0 ? 1 + extra[i] : 0));
  }
  return hamilton(maxTasks, quotas, names);
}
