/**
 * Selection from a prefiltered candidate set: how the service draws from a million
 * enterprises without hashing them all in Node (docs/draw-algorithm.md §13).
 *
 * The result is by construction the one `selectEnterprises` gives on the whole eligible set:
 * 1. `planStrata` fixes the strata, quotas and the cap from the strata sizes alone.
 * 2. For each stratum, `candidateBound` gives a bound on u32(key) under which the k lowest
 *    keys lie with overwhelming probability (keys are uniform: the count under the bound is
 *    binomial with a mean 8 standard deviations above k). The database computes the keys and
 *    returns only the enterprises under the bound.
 * 3. `selectFromCandidates` recomputes every candidate's key, checks it really is under the
 *    bound, and takes the k lowest per stratum. If a stratum has fewer than k candidates it
 *    does not guess: it names the stratum, and the caller asks again without a bound.
 *
 * The bound only decides how much work is done, never which enterprises are selected, so it is
 * not part of the algorithm's definition and verification ignores it.
 */
import { isRiskClass, type RiskClass } from '../enums';
import { DrawInputError, sha256Hex } from './hash';
import { capQuotas, resolveRatios, stratumQuota } from './quota';
import {
  compareCodeUnits,
  type SelectedEnterprise,
  type Selection,
  type SelectionParams,
  type StratumResult,
} from './selection';

export interface StratumSize {
  readonly riskClass: RiskClass;
  /** Required when stratifying by prefecture, ignored otherwise. */
  readonly prefecture?: string;
  readonly size: number;
}

export interface PlannedStratum {
  readonly name: string;
  readonly riskClass: RiskClass;
  readonly prefecture?: string;
  readonly size: number;
  readonly ratioBp: number;
  readonly quota: number;
  readonly allotted: number;
  /**
   * Candidates are the enterprises of the stratum with u32(key) < bound; null means all of
   * them. Absent when the stratum has nothing to select (allotted 0).
   */
  readonly bound?: number | null;
}

export interface StrataPlan {
  readonly eligibleCount: number;
  /** In ascending name order, as in the record. */
  readonly strata: readonly PlannedStratum[];
  readonly totalQuota: number;
  readonly capApplied: boolean;
}

const PREFECTURE = /^\d{6}$/;
const U32 = 2 ** 32;

/** The stratum name: the risk class, or `class/prefecture` when stratifying. */
export function stratumName(riskClass: string, prefecture: string | undefined, stratify: boolean) {
  return stratify ? `${riskClass}/${prefecture as string}` : riskClass;
}

/**
 * Candidate bound for a stratum of `size` enterprises from which `k` are selected: the
 * smallest u32 bound whose expected count is at least k + 8·√k + 32, or null (all) when that
 * is the whole stratum. P(fewer than k under the bound) is below 10^-15.
 */
export function candidateBound(size: number, k: number): number | null {
  if (k >= size) return null;
  const want = k + 8 * Math.sqrt(k) + 32;
  if (want >= size) return null;
  return Math.min(U32, Math.ceil((want / size) * U32));
}

/**
 * Strata, quotas, cap and candidate bounds from the strata sizes (the same rules as
 * selectEnterprises, docs/draw-algorithm.md §5–§6). Sizes of the same stratum are added.
 */
export function planStrata(
  sizes: readonly StratumSize[],
  params: SelectionParams = {},
): StrataPlan {
  const ratios = resolveRatios(params.ratiosBp);
  const stratify = params.stratifyByPrefecture === true;
  const maxTasks = params.maxTasks ?? null;
  if (maxTasks !== null && (!Number.isSafeInteger(maxTasks) || maxTasks < 0)) {
    throw new DrawInputError('maxTasks must be an integer ≥ 0 or null');
  }
  const byName = new Map<string, { riskClass: RiskClass; prefecture?: string; size: number }>();
  for (const s of sizes) {
    if (!isRiskClass(s.riskClass)) {
      throw new DrawInputError(`unknown risk class ${JSON.stringify(s.riskClass)}`);
    }
    if (stratify && (typeof s.prefecture !== 'string' || !PREFECTURE.test(s.prefecture))) {
      throw new DrawInputError('a 6-digit prefecture code is required when stratifying');
    }
    if (!Number.isSafeInteger(s.size) || s.size < 0) throw new DrawInputError('bad stratum size');
    if (s.size === 0) continue;
    const name = stratumName(s.riskClass, s.prefecture, stratify);
    const acc = byName.get(name);
    if (acc) acc.size += s.size;
    else
      byName.set(name, {
        riskClass: s.riskClass,
        ...(stratify ? { prefecture: s.prefecture } : {}),
        size: s.size,
      });
  }
  const names = [...byName.keys()].sort(compareCodeUnits);
  const quotas = names.map((n) => {
    const a = byName.get(n)!;
    return stratumQuota(a.size, ratios[a.riskClass]);
  });
  const allotted = capQuotas(quotas, names, maxTasks);
  const totalQuota = quotas.reduce((a, b) => a + b, 0);
  let eligibleCount = 0;
  const strata = names.map((name, j): PlannedStratum => {
    const a = byName.get(name)!;
    eligibleCount += a.size;
    return {
      name,
      riskClass: a.riskClass,
      ...(a.prefecture === undefined ? {} : { prefecture: a.prefecture }),
      size: a.size,
      ratioBp: ratios[a.riskClass],
      quota: quotas[j],
      allotted: allotted[j],
      ...(allotted[j] > 0 ? { bound: candidateBound(a.size, allotted[j]) } : {}),
    };
  });
  return {
    eligibleCount,
    strata,
    totalQuota,
    capApplied: maxTasks !== null && totalQuota > maxTasks,
  };
}

export interface Candidate {
  readonly uscc: string;
  readonly riskClass: RiskClass;
  readonly prefecture?: string;
}

interface Ranked<C> {
  readonly c: C;
  readonly key: string;
  /** u52(key): the first 13 hex digits, exact in a double. */
  readonly v: number;
  readonly stratum: string;
}

export type CandidateSelection<C extends Candidate> =
  | {
      readonly ok: true;
      /** Without the eligible digest, which needs the whole list. */
      readonly selection: Omit<Selection, 'eligibleDigest'>;
      /** The candidate behind each selected enterprise, in task order. */
      readonly chosen: readonly C[];
    }
  | { readonly ok: false; readonly short: readonly string[] };

/**
 * The k lowest keys of each stratum among the candidates, in the form selectEnterprises
 * returns. `candidates` must be every enterprise of each planned stratum whose u32(key) is
 * under the stratum's bound (all of them for a null bound). Throws when a candidate lies
 * outside the plan or above its bound: the prefilter and this code disagree, and drawing
 * anyway could select the wrong enterprises.
 */
export function selectFromCandidates<C extends Candidate>(
  seed: string,
  plan: StrataPlan,
  candidates: readonly C[],
  stratify: boolean,
): CandidateSelection<C> {
  const index = new Map<string, number>();
  plan.strata.forEach((s, j) => index.set(s.name, j));
  const groups: Ranked<C>[][] = plan.strata.map(() => []);
  const prefix = `${seed}:`;
  for (const c of candidates) {
    const name = stratumName(c.riskClass, c.prefecture, stratify);
    const j = index.get(name);
    const s = j === undefined ? undefined : plan.strata[j];
    if (s === undefined || j === undefined || s.allotted === 0) {
      throw new DrawInputError(`candidate ${c.uscc} is in stratum ${name}, which selects none`);
    }
    const key = sha256Hex(prefix + c.uscc);
    const v = parseInt(key.slice(0, 13), 16);
    if (s.bound != null && Math.floor(v / 2 ** 20) >= s.bound) {
      throw new DrawInputError(`candidate ${c.uscc}: its key ${key} is above the stratum bound`);
    }
    groups[j].push({ c, key, v, stratum: s.name });
  }
  const short = plan.strata.filter((s, j) => groups[j].length < s.allotted).map((s) => s.name);
  if (short.length) return { ok: false, short };

  // By the key's first 52 bits as a number, then the whole key and the USCC: the same order
  // as comparing the hex keys, at the cost of a number comparison almost always.
  const byRank = (a: Ranked<C>, b: Ranked<C>) =>
    a.v !== b.v
      ? a.v - b.v
      : a.key !== b.key
        ? compareCodeUnits(a.key, b.key)
        : compareCodeUnits(a.c.uscc, b.c.uscc);
  const all: Ranked<C>[] = [];
  const strata: StratumResult[] = plan.strata.map((s, j) => {
    const g = groups[j].sort(byRank);
    for (let t = 1; t < g.length; t++)
      if (g[t - 1].c.uscc === g[t].c.uscc)
        throw new DrawInputError(`candidates: duplicate USCC ${g[t].c.uscc}`);
    const top = g.slice(0, s.allotted);
    for (const x of top) all.push(x);
    return {
      name: s.name,
      riskClass: s.riskClass,
      ...(s.prefecture === undefined ? {} : { prefecture: s.prefecture }),
      size: s.size,
      ratioBp: s.ratioBp,
      quota: s.quota,
      allotted: s.allotted,
      selected: top.map((x) => x.c.uscc),
    };
  });
  all.sort(byRank);
  const selected: SelectedEnterprise[] = all.map((x) => ({
    uscc: x.c.uscc,
    stratum: x.stratum,
    key: x.key,
  }));
  return {
    ok: true,
    selection: {
      eligibleCount: plan.eligibleCount,
      strata,
      totalQuota: plan.totalQuota,
      capApplied: plan.capApplied,
      selected,
    },
    chosen: all.map((x) => x.c),
  };
}
