/**
 * Selection of enterprises (docs/rules.md §3.2 step 2): rank by SHA-256(seed ":" USCC) within each
 * stratum and take the k lowest keys.
 *
 * One pass validates and counts the strata; a second computes every key once and keeps, per
 * stratum, a bounded max-heap of the k lowest (on the key's first 52 bits, in typed arrays);
 * only those are sorted. A million enterprises cost one SHA-256 each and a comparison or
 * two, not a sort of a million keys.
 */
import { createHash } from 'node:crypto';
import { isRiskClass, type RiskClass } from '../enums';
import { isValidUscc } from '../uscc';
import { DrawInputError, sha256Hex, sha256Lead52 } from './hash';
import { capQuotas, resolveRatios, stratumQuota } from './quota';
import { validateSeed } from './seed';

/** An enterprise of the eligible set, already filtered by eligibility and exclusions. */
export interface SelectionCandidate {
  readonly uscc: string;
  readonly riskClass: RiskClass;
  /** GB/T 2260 prefecture code (6 digits); required when stratifying by prefecture. */
  readonly prefecture?: string;
}

export interface SelectionParams {
  /** Per-class ratios in basis points (300 = 3 %); missing classes take DEFAULT_RATIOS_BP. */
  readonly ratiosBp?: Partial<Record<RiskClass, number>> | null;
  /** Strata are risk class × prefecture instead of risk class. */
  readonly stratifyByPrefecture?: boolean;
  /** Upper bound on the number of selected enterprises (the cap rule, see capQuotas). */
  readonly maxTasks?: number | null;
}

export interface StratumResult {
  /** 'A'…'D', or 'A/150100' when stratified by prefecture. */
  readonly name: string;
  readonly riskClass: RiskClass;
  readonly prefecture?: string;
  /** Number of eligible enterprises in the stratum. */
  readonly size: number;
  readonly ratioBp: number;
  /** ceil(size × ratioBp / 10000), before the cap. */
  readonly quota: number;
  /** Number selected: the quota after the cap rule. */
  readonly allotted: number;
  /** Selected USCCs, lowest rank key first. */
  readonly selected: readonly string[];
}

export interface SelectedEnterprise {
  readonly uscc: string;
  readonly stratum: string;
  /** SHA-256(seed ":" uscc), lowercase hex. */
  readonly key: string;
}

export interface Selection {
  readonly eligibleCount: number;
  /** SHA-256 of the eligible USCCs sorted in code-unit order and joined by '\n'. */
  readonly eligibleDigest: string;
  /** All strata with at least one eligible enterprise, in ascending name order. */
  readonly strata: readonly StratumResult[];
  /** Σ quota before the cap. */
  readonly totalQuota: number;
  /** True when maxTasks reduced the quotas. */
  readonly capApplied: boolean;
  /** Every selected enterprise in task order: ascending key, then USCC. */
  readonly selected: readonly SelectedEnterprise[];
}

/** A selection that also gives the row of each selected enterprise, in task order. */
export interface SelectionWithRows extends Selection {
  readonly rows: Int32Array;
}

const PREFECTURE = /^\d{6}$/;

/** The rank key of an enterprise: SHA-256 of the UTF-8 string `${seed}:${uscc}`, hex. */
export function rankKey(seed: string, uscc: string): string {
  return sha256Hex(`${seed}:${uscc}`);
}

/**
 * SHA-256 of the USCCs sorted in ascending code-unit order (the order of PostgreSQL's
 * `COLLATE "C"`) and joined by '\n' (no trailing newline). The empty list gives
 * sha256('') = e3b0c442…b855.
 */
export function eligibleDigestOf(usccs: readonly string[]): string {
  const sorted = isStrictlyAscending(usccs) ? usccs : [...usccs].sort(compareCodeUnits);
  return sha256Hex(sorted.join('\n'));
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isStrictlyAscending(a: readonly string[]): boolean {
  for (let i = 1; i < a.length; i++) if (!(a[i - 1] < a[i])) return false;
  return true;
}

/**
 * A max-heap of at most `cap` rows ordered by rank: the 52-bit key prefix, and for equal
 * prefixes (in about one draw of a million enterprises in 10^4) `tie`, which compares the full keys
 * and then the USCCs. Typed arrays, so a million offers allocate nothing.
 */
class BoundedMaxHeap {
  readonly v: Float64Array;
  readonly r: Int32Array;
  size = 0;

  constructor(
    readonly cap: number,
    private readonly tie: (rowA: number, rowB: number) => number,
  ) {
    this.v = new Float64Array(cap);
    this.r = new Int32Array(cap);
  }

  /** (va, ra) ranks after (vb, rb). */
  private after(va: number, ra: number, vb: number, rb: number): boolean {
    return va > vb || (va === vb && this.tie(ra, rb) > 0);
  }

  offer(x: number, row: number): void {
    const v = this.v;
    const r = this.r;
    const size = this.size;
    if (size < this.cap) {
      let i = size;
      this.size = size + 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.after(x, row, v[p], r[p])) break;
        v[i] = v[p];
        r[i] = r[p];
        i = p;
      }
      v[i] = x;
      r[i] = row;
      return;
    }
    // The common case, a key above the current k-th lowest, costs one comparison.
    if (x > v[0] || !this.after(v[0], r[0], x, row)) return;
    this.siftDown(x, row, size);
  }

  /** Puts (x, row) at the root of the heap v[0..size) and moves it down to its place. */
  private siftDown(x: number, row: number, size: number): void {
    const v = this.v;
    const r = this.r;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      let c = l;
      if (l + 1 < size && this.after(v[l + 1], r[l + 1], v[l], r[l])) c = l + 1;
      if (!this.after(v[c], r[c], x, row)) break;
      v[i] = v[c];
      r[i] = r[c];
      i = c;
    }
    v[i] = x;
    r[i] = row;
  }

  /** Heap sort in place: afterwards v[0..size) and r[0..size) are in ascending rank order. */
  drain(): void {
    const v = this.v;
    const r = this.r;
    for (let end = this.size - 1; end > 0; end--) {
      const x = v[end];
      const row = r[end];
      v[end] = v[0];
      r[end] = r[0];
      this.siftDown(x, row, end);
    }
  }
}

/** A stratum as the selection meets it: its name, class, prefecture and size. */
export interface RankedStratum {
  readonly name: string;
  readonly riskClass: RiskClass;
  readonly prefecture?: string;
  readonly size: number;
}

/**
 * The eligible set ranked for one seed, in columns rather than a million objects: what the
 * per-stratum choice needs. Built from objects by selectWithRows and from the stored or
 * streamed snapshot text by SnapshotRanker (snapshot.ts); both then choose with selectRanked.
 */
export interface RankedEligible {
  readonly count: number;
  /** docs/draw-algorithm.md §4. */
  readonly digest: string;
  /** In the order they were met (any order: selectRanked orders them by name). */
  readonly strata: readonly RankedStratum[];
  /** Row → its index in `strata`. */
  readonly rowStratum: Int32Array;
  /** Row → the first 52 bits of its rank key, sha256Lead52(seed + ':' + uscc). */
  readonly lead52: Float64Array;
  /** Row → its USCC. */
  uscc(row: number): string;
}

/** Validated selection parameters: ratios, stratification and the cap. */
function selectionParams(params: SelectionParams) {
  const maxTasks = params.maxTasks ?? null;
  if (maxTasks !== null && (!Number.isSafeInteger(maxTasks) || maxTasks < 0)) {
    throw new DrawInputError('maxTasks must be an integer ≥ 0 or null');
  }
  return {
    ratios: resolveRatios(params.ratiosBp),
    stratify: params.stratifyByPrefecture === true,
    maxTasks,
  };
}

/**
 * Selects enterprises: see docs/draw-algorithm.md §3–§5. Throws DrawInputError for an
 * invalid seed, an invalid or duplicate USCC, an unknown risk class, a missing prefecture
 * when stratifying, or invalid ratios/maxTasks. The input order does not matter.
 */
export function selectEnterprises(
  seed: string,
  eligible: readonly SelectionCandidate[],
  params: SelectionParams = {},
): Selection {
  const { rows: _rows, sortedRows: _sorted, ...selection } = selectWithRows(seed, eligible, params);
  return selection;
}

export function selectWithRows(
  seed: string,
  eligible: readonly SelectionCandidate[],
  params: SelectionParams = {},
): SelectionWithRows & { readonly sortedRows: Int32Array | null } {
  const seedCheck = validateSeed(seed);
  if (!seedCheck.ok) throw new DrawInputError(seedCheck.reason);
  if (!Array.isArray(eligible)) throw new DrawInputError('eligible must be an array');
  const { stratify } = selectionParams(params);

  // Pass 1: validate, assign strata, check the order.
  const n = eligible.length;
  const rowStratum = new Int32Array(n);
  const acc: { name: string; riskClass: RiskClass; prefecture?: string; size: number }[] = [];
  // Stratum index by risk class, and by risk class then prefecture when stratifying.
  const byClass = new Map<string, number>();
  const byClassPref = new Map<string, Map<string, number>>();
  let ascending = true;
  let prev = '';
  for (let i = 0; i < n; i++) {
    const e = eligible[i];
    if (e === null || typeof e !== 'object') {
      throw new DrawInputError(`eligible[${i}] is not an object`);
    }
    const u = e.uscc;
    if (!isValidUscc(u)) {
      throw new DrawInputError(`eligible[${i}].uscc ${JSON.stringify(u)} is not a valid USCC`);
    }
    if (ascending && i > 0 && !(prev < u)) {
      if (prev === u) throw new DrawInputError(`eligible: duplicate USCC ${u}`);
      ascending = false;
    }
    prev = u;
    const rc = e.riskClass;
    let s: number | undefined;
    if (!stratify) {
      s = byClass.get(rc);
      if (s === undefined) {
        if (!isRiskClass(rc)) throw badClass(i, u, rc);
        s = acc.length;
        byClass.set(rc, s);
        acc.push({ name: rc, riskClass: rc, size: 0 });
      }
    } else {
      const pref = e.prefecture;
      let m = byClassPref.get(rc);
      if (m === undefined) {
        if (!isRiskClass(rc)) throw badClass(i, u, rc);
        byClassPref.set(rc, (m = new Map()));
      }
      s = m.get(pref as string);
      if (s === undefined) {
        if (typeof pref !== 'string' || !PREFECTURE.test(pref)) {
          throw new DrawInputError(
            `eligible[${i}] (${u}): a 6-digit prefecture code is required when stratifying by prefecture`,
          );
        }
        s = acc.length;
        m.set(pref, s);
        acc.push({ name: `${rc}/${pref}`, riskClass: rc, prefecture: pref, size: 0 });
      }
    }
    acc[s].size++;
    rowStratum[i] = s;
  }

  // Canonical order of the eligible list, for the digest.
  let sortedRows: Int32Array | null = null;
  if (!ascending) {
    // A plain array sorts about twice as fast as an Int32Array with a comparator.
    const rows = Array.from({ length: n }, (_, i) => i);
    rows.sort((a, b) => compareCodeUnits(eligible[a].uscc, eligible[b].uscc));
    sortedRows = Int32Array.from(rows);
    for (let j = 1; j < n; j++) {
      if (eligible[sortedRows[j - 1]].uscc === eligible[sortedRows[j]].uscc) {
        throw new DrawInputError(`eligible: duplicate USCC ${eligible[sortedRows[j]].uscc}`);
      }
    }
  }

  // Pass 2: the keys.
  const prefix = `${seed}:`;
  const lead52 = new Float64Array(n);
  for (let i = 0; i < n; i++) lead52[i] = sha256Lead52(prefix + eligible[i].uscc);
  const selection = selectRanked(
    seed,
    {
      count: n,
      digest: digestOfRows(eligible, sortedRows),
      strata: acc,
      rowStratum,
      lead52,
      uscc: (row) => eligible[row].uscc,
    },
    params,
  );
  return { ...selection, sortedRows };
}

/**
 * The per-stratum choice over a ranked eligible set (docs/draw-algorithm.md §5–§8): quotas
 * and the cap from the strata sizes, then per stratum a bounded max-heap of the k lowest
 * keys, then a k-way merge into task order. Only equal 52-bit key prefixes (about one draw
 * of a million in 10^4) cost full keys.
 */
export function selectRanked(
  seed: string,
  ranked: RankedEligible,
  params: SelectionParams = {},
): SelectionWithRows {
  const seedCheck = validateSeed(seed);
  if (!seedCheck.ok) throw new DrawInputError(seedCheck.reason);
  const { ratios, maxTasks } = selectionParams(params);
  const { count: n, strata: acc, rowStratum, lead52 } = ranked;

  // Quotas in stratum-name order, then the cap.
  const order = acc.map((_, s) => s).sort((a, b) => compareCodeUnits(acc[a].name, acc[b].name));
  const quotas = order.map((s) => stratumQuota(acc[s].size, ratios[acc[s].riskClass]));
  const names = order.map((s) => acc[s].name);
  const allotted = capQuotas(quotas, names, maxTasks);
  const totalQuota = quotas.reduce((a, b) => a + b, 0);

  // Per-stratum bounded heaps.
  const usccOf = (row: number): string => ranked.uscc(row);
  const prefix = `${seed}:`;
  const tie = (ra: number, rb: number): number => {
    const ka = sha256Hex(prefix + usccOf(ra));
    const kb = sha256Hex(prefix + usccOf(rb));
    return ka !== kb ? compareCodeUnits(ka, kb) : compareCodeUnits(usccOf(ra), usccOf(rb));
  };
  const heaps: (BoundedMaxHeap | null)[] = new Array<BoundedMaxHeap | null>(acc.length).fill(null);
  order.forEach((s, j) => {
    if (allotted[j] > 0) heaps[s] = new BoundedMaxHeap(allotted[j], tie);
  });
  for (let i = 0; i < n; i++) {
    const h = heaps[rowStratum[i]];
    if (h !== null) h.offer(lead52[i], i);
  }

  // Every selected row in rank order: each heap sorted in place, then a k-way merge of the
  // strata through a small min-heap of stratum cursors.
  const lists = heaps.filter((h): h is BoundedMaxHeap => h !== null && h.size > 0);
  for (const h of lists) h.drain();
  let total = 0;
  for (const h of lists) total += h.size;
  const rankedRows = new Int32Array(total);
  const pos = new Int32Array(lists.length);
  const before = (a: number, b: number): boolean => {
    const va = lists[a].v[pos[a]];
    const vb = lists[b].v[pos[b]];
    return va < vb || (va === vb && tie(lists[a].r[pos[a]], lists[b].r[pos[b]]) < 0);
  };
  const cursor = lists.map((_, l) => l);
  const siftDown = (i: number, size: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      let c = l;
      if (l + 1 < size && before(cursor[l + 1], cursor[l])) c = l + 1;
      if (!before(cursor[c], cursor[i])) return;
      [cursor[i], cursor[c]] = [cursor[c], cursor[i]];
      i = c;
    }
  };
  let live = cursor.length;
  for (let i = (live >> 1) - 1; i >= 0; i--) siftDown(i, live);
  for (let q = 0; q < total; q++) {
    const l = cursor[0];
    rankedRows[q] = lists[l].r[pos[l]++];
    if (pos[l] === lists[l].size) cursor[0] = cursor[--live];
    siftDown(0, live);
  }

  const perStratum: string[][] = acc.map(() => []);
  const selected: SelectedEnterprise[] = new Array<SelectedEnterprise>(total);
  for (let q = 0; q < total; q++) {
    const row = rankedRows[q];
    const s = rowStratum[row];
    const uscc = usccOf(row);
    perStratum[s].push(uscc);
    selected[q] = { uscc, stratum: acc[s].name, key: sha256Hex(prefix + uscc) };
  }
  const strata: StratumResult[] = order.map((s, j) => {
    const a = acc[s];
    return {
      name: a.name,
      riskClass: a.riskClass,
      ...(a.prefecture === undefined ? {} : { prefecture: a.prefecture }),
      size: a.size,
      ratioBp: ratios[a.riskClass],
      quota: quotas[j],
      allotted: allotted[j],
      selected: perStratum[s],
    };
  });

  return {
    eligibleCount: n,
    eligibleDigest: ranked.digest,
    strata,
    totalQuota,
    capApplied: maxTasks !== null && totalQuota > maxTasks,
    selected,
    rows: rankedRows,
  };
}

function badClass(i: number, uscc: string, rc: unknown): DrawInputError {
  return new DrawInputError(`eligible[${i}] (${uscc}): unknown risk class ${JSON.stringify(rc)}`);
}

/** eligibleDigestOf over the input rows, hashed in chunks instead of one joined string. */
function digestOfRows(
  eligible: readonly SelectionCandidate[],
  sortedRows: Int32Array | null,
): string {
  const n = eligible.length;
  const h = createHash('sha256');
  const chunk: string[] = [];
  for (let j = 0; j < n; j += DIGEST_CHUNK) {
    const end = Math.min(n, j + DIGEST_CHUNK);
    chunk.length = 0;
    for (let t = j; t < end; t++)
      chunk.push(eligible[sortedRows === null ? t : sortedRows[t]].uscc);
    // Validated USCCs are ASCII, so latin1 bytes are their UTF-8 bytes.
    h.update(j === 0 ? chunk.join('\n') : `\n${chunk.join('\n')}`, 'latin1');
  }
  return h.digest('hex');
}

const DIGEST_CHUNK = 1024;
