/**
 * The verifiable double-random draw (双随机): seed check, selection, task order, category,
 * inspector pairs and labs, and the record from which anyone can recompute all of it
 * (docs/rules.md §3.2). The exact algorithm is in docs/draw-algorithm.md.
 */
import type { RiskClass } from '../enums';
import {
  assignTasks,
  type Assignment,
  type DrawInspector,
  type DrawLab,
  type InspectorUnassignedCode,
  type LabUnassignedCode,
  type PreviousPair,
  type Unassigned,
} from './assignment';
import { DrawInputError, sha256Hex } from './hash';
import { resolveRatios } from './quota';
import { checkReveal, validateCommitment, validateSeed } from './seed';
import {
  compareCodeUnits,
  selectRanked,
  selectWithRows,
  type Selection,
  type SelectionCandidate,
  type StratumResult,
} from './selection';
import { SnapshotRanker, type RankedSnapshot } from './snapshot';

export const DRAW_ALGORITHM_VERSION = 'spotcheck-draw/1';

export interface EligibleEnterprise extends SelectionCandidate {
  /** The plan categories for which the enterprise is eligible (after exclusions); ≥ 1. */
  readonly categories: readonly string[];
}

export interface DrawParams {
  readonly ratiosBp: Readonly<Record<RiskClass, number>>;
  readonly stratifyByPrefecture: boolean;
  readonly maxTasks: number | null;
  readonly inspectorCapacity: number | null;
}

export interface DrawInput {
  readonly seed: string;
  readonly commitment: string;
  readonly eligible: readonly EligibleEnterprise[];
  /** Per-class ratios in basis points; missing classes take DEFAULT_RATIOS_BP. */
  readonly ratiosBp?: Partial<Record<RiskClass, number>> | null;
  readonly stratifyByPrefecture?: boolean;
  readonly maxTasks?: number | null;
  /** Active inspectors of the jurisdiction (any category; the draw filters by category). */
  readonly inspectors: readonly DrawInspector[];
  /** Default per-inspector workload cap for this draw; null/absent: none. */
  readonly inspectorCapacity?: number | null;
  /** Active labs (any category). */
  readonly labs: readonly DrawLab[];
  /** Last pair per enterprise. */
  readonly previousPairs?: readonly PreviousPair[];
  /** ISO 8601 time of the draw; recorded, not verified. */
  readonly drawnAt?: string;
}

export interface DrawTask {
  readonly taskNo: number;
  readonly uscc: string;
  readonly stratum: string;
  /** SHA-256(seed ":" uscc): `printf '%s' "$SEED:$USCC" | sha256sum` shows the same. */
  readonly key: string;
  readonly category: string;
  readonly inspectors: readonly [string, string] | null;
  readonly lab: string | null;
  readonly unassigned?: {
    readonly inspectors?: Unassigned<InspectorUnassignedCode>;
    readonly lab?: Unassigned<LabUnassignedCode>;
  };
}

/**
 * Everything needed to recompute a draw. Results come first, then the inputs in canonical
 * form (sorted, categories and conflicts sorted and without duplicates).
 */
export interface DrawRecord {
  readonly algorithmVersion: typeof DRAW_ALGORITHM_VERSION;
  readonly drawnAt?: string;
  readonly seed: string;
  readonly commitment: string;
  readonly params: DrawParams;
  readonly eligibleCount: number;
  readonly eligibleDigest: string;
  readonly totalQuota: number;
  readonly capApplied: boolean;
  readonly strata: readonly StratumResult[];
  readonly tasks: readonly DrawTask[];
  /** Ascending USCC order. */
  readonly eligible: readonly EligibleEnterprise[];
  /** Ascending staff number. */
  readonly inspectors: readonly DrawInspector[];
  /** Ascending id. */
  readonly labs: readonly DrawLab[];
  /** Ascending USCC. */
  readonly previousPairs: readonly PreviousPair[];
}

export type DrawVerification =
  { verdict: 'MATCH' } | { verdict: 'MISMATCH'; firstDifference: string };

/**
 * The task's category: the only eligible category, or among several the one with the lowest
 * SHA-256(`${seed}:${uscc}:${category}`).
 */
export function chooseCategory(seed: string, uscc: string, categories: readonly string[]): string {
  if (categories.length === 0) throw new DrawInputError(`${uscc}: no eligible category`);
  let best = categories[0];
  if (categories.length === 1) return best;
  let bestKey = sha256Hex(`${seed}:${uscc}:${best}`);
  for (let i = 1; i < categories.length; i++) {
    const k = sha256Hex(`${seed}:${uscc}:${categories[i]}`);
    if (k < bestKey || (k === bestKey && categories[i] < best)) {
      best = categories[i];
      bestKey = k;
    }
  }
  return best;
}

function sortedUnique(list: readonly string[]): string[] {
  const sorted = [...list].sort(compareCodeUnits);
  let w = 0;
  for (let j = 0; j < sorted.length; j++)
    if (j === 0 || sorted[j] !== sorted[w - 1]) sorted[w++] = sorted[j];
  sorted.length = w;
  return sorted;
}

function stringList(what: string, v: unknown, nonEmpty: boolean): readonly string[] {
  if (!Array.isArray(v) || !v.every((c) => typeof c === 'string' && c.length > 0)) {
    throw new DrawInputError(`${what} must be an array of non-empty strings`);
  }
  if (nonEmpty && v.length === 0) throw new DrawInputError(`${what} must not be empty`);
  return v as string[];
}

/**
 * Categories sorted in code-unit order without duplicates (the same array when it already is),
 * or null when `c` is not a non-empty array of non-empty strings.
 */
function canonicalCategories(c: unknown): readonly string[] | null {
  if (!Array.isArray(c) || c.length === 0) return null;
  let ascending = true;
  for (let j = 0; j < c.length; j++) {
    const x: unknown = c[j];
    if (typeof x !== 'string' || x.length === 0) return null;
    if (j > 0 && !((c[j - 1] as string) < x)) ascending = false;
  }
  return ascending ? (c as string[]) : sortedUnique(c as string[]);
}

/**
 * The canonical form of an eligible entry. An entry that already is canonical (categories
 * sorted, no duplicates) is returned as is, so a million-row record is not copied; any extra
 * properties it has are carried into the record and ignored by verification.
 */
function canonicalEligible(e: EligibleEnterprise, i: number): EligibleEnterprise {
  const categories = canonicalCategories(e.categories);
  if (categories === null) {
    throw new DrawInputError(
      `eligible[${i}].categories must be a non-empty array of category codes`,
    );
  }
  if (categories === e.categories) return e;
  return e.prefecture === undefined
    ? { uscc: e.uscc, riskClass: e.riskClass, categories }
    : { uscc: e.uscc, riskClass: e.riskClass, prefecture: e.prefecture, categories };
}

function canonicalInspector(p: DrawInspector): DrawInspector {
  return {
    staffNo: p.staffNo,
    categories: sortedUnique(stringList(`inspector ${p.staffNo} categories`, p.categories, false)),
    ...(p.conflicts === undefined || p.conflicts.length === 0
      ? {}
      : {
          conflicts: sortedUnique(
            stringList(`inspector ${p.staffNo} conflicts`, p.conflicts, false),
          ),
        }),
    ...(p.capacity === undefined ? {} : { capacity: p.capacity }),
  };
}

function canonicalLab(l: DrawLab): DrawLab {
  return {
    id: l.id,
    categories: sortedUnique(stringList(`lab ${l.id} categories`, l.categories, false)),
    capacity: l.capacity,
    ...(l.conflicts === undefined || l.conflicts.length === 0
      ? {}
      : { conflicts: sortedUnique(stringList(`lab ${l.id} conflicts`, l.conflicts, false)) }),
  };
}

/**
 * Runs the draw and returns its record. Throws DrawInputError when the seed does not match
 * the commitment or the input is malformed; a task without a valid inspector pair or lab is
 * not an error (it carries `unassigned`). Deterministic: the same input, in any order, gives
 * the same record.
 */
export function runDraw(input: DrawInput): DrawRecord {
  const reveal = checkReveal(input.seed, input.commitment);
  if (!reveal.ok) throw new DrawInputError(reveal.reason);
  const seed = input.seed;
  if (!Array.isArray(input.eligible)) throw new DrawInputError('eligible must be an array');
  const params = drawParamsOf(input);

  const selection = selectWithRows(seed, input.eligible, params);
  // Canonical copies in input order, then in USCC order for the record.
  const canon = input.eligible.map(canonicalEligible);
  const sortedRows = selection.sortedRows;
  const eligible = sortedRows === null ? canon : Array.from(sortedRows, (i) => canon[i]);
  const { inspectors, labs, previousPairs, ...header } = completeDraw({
    seed,
    commitment: input.commitment,
    params,
    selection,
    categoriesOf: (t) => canon[selection.rows[t]].categories,
    inspectors: input.inspectors,
    labs: input.labs,
    previousPairs: input.previousPairs,
    drawnAt: input.drawnAt,
  });
  return { ...header, eligible, inspectors, labs, previousPairs };
}

/** The draw's inputs besides the eligible list, as a record or a DrawInput gives them. */
type DrawSettings = Omit<DrawInput, 'seed' | 'commitment' | 'eligible'>;

/** Validated parameters of a draw (the lists it assigns from are checked to be arrays). */
function drawParamsOf(input: DrawSettings): DrawParams {
  if (!Array.isArray(input.inspectors)) throw new DrawInputError('inspectors must be an array');
  if (!Array.isArray(input.labs)) throw new DrawInputError('labs must be an array');
  if (input.previousPairs != null && !Array.isArray(input.previousPairs)) {
    throw new DrawInputError('previousPairs must be an array');
  }
  if (input.stratifyByPrefecture != null && typeof input.stratifyByPrefecture !== 'boolean') {
    throw new DrawInputError('stratifyByPrefecture must be a boolean');
  }
  if (input.drawnAt !== undefined && typeof input.drawnAt !== 'string') {
    throw new DrawInputError('drawnAt must be a string');
  }
  return {
    ratiosBp: resolveRatios(input.ratiosBp),
    stratifyByPrefecture: input.stratifyByPrefecture === true,
    maxTasks: input.maxTasks ?? null,
    inspectorCapacity: input.inspectorCapacity ?? null,
  };
}

/**
 * The draw of a ranked eligible snapshot (snapshot.ts): the same record runDraw gives for the
 * same list, without its eligible list and without a million objects. The service draws this
 * way from its COPY, and verification recomputes stored draws this way.
 */
export function drawFromSnapshot(
  input: Omit<DrawInput, 'eligible'>,
  ranked: RankedSnapshot,
): DrawRecordHeader {
  const reveal = checkReveal(input.seed, input.commitment);
  if (!reveal.ok) throw new DrawInputError(reveal.reason);
  const params = drawParamsOf(input);
  const selection = selectRanked(input.seed, ranked, params);
  return completeDraw({
    seed: input.seed,
    commitment: input.commitment,
    params,
    selection,
    categoriesOf: (t) => ranked.categories(selection.rows[t]),
    inspectors: input.inspectors,
    labs: input.labs,
    previousPairs: input.previousPairs,
    drawnAt: input.drawnAt,
  });
}

/** The record without its eligible list, which a large draw stores apart (see DrawSnapshot). */
export type DrawRecordHeader = Omit<DrawRecord, 'eligible'>;

export interface CompleteDrawInput {
  readonly seed: string;
  readonly commitment: string;
  readonly params: DrawParams;
  readonly selection: Selection;
  /** The eligible categories of the i-th selected enterprise (task order). */
  readonly categoriesOf: (i: number) => readonly string[];
  readonly inspectors: readonly DrawInspector[];
  readonly labs: readonly DrawLab[];
  readonly previousPairs?: readonly PreviousPair[] | null;
  readonly drawnAt?: string;
}

/**
 * Everything after the selection (docs/draw-algorithm.md §8–§10): each task's category, the
 * inspector pairs and labs, and the record without its eligible list. runDraw uses it after
 * selecting from objects, the service and drawFromSnapshot after selecting from a ranked
 * snapshot (snapshot.ts); both give the same record for the same selection.
 */
export function completeDraw(input: CompleteDrawInput): DrawRecordHeader {
  const reveal = checkReveal(input.seed, input.commitment);
  if (!reveal.ok) throw new DrawInputError(reveal.reason);
  const { seed, selection, params } = input;
  const tasks = selection.selected.map((s, t) => {
    const categories = canonicalCategories(input.categoriesOf(t));
    if (categories === null) throw new DrawInputError(`${s.uscc}: no eligible category`);
    return { taskNo: t + 1, uscc: s.uscc, category: chooseCategory(seed, s.uscc, categories) };
  });
  const isObject = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
  for (const [what, list] of [
    ['inspectors', input.inspectors],
    ['labs', input.labs],
    ['previousPairs', input.previousPairs ?? []],
  ] as const) {
    const bad = list.findIndex((x) => !isObject(x));
    if (bad >= 0) throw new DrawInputError(`${what}[${bad}] is not an object`);
  }
  const inspectors = [...input.inspectors]
    .map(canonicalInspector)
    .sort((a, b) => compareCodeUnits(a.staffNo, b.staffNo));
  const labs = [...input.labs].map(canonicalLab).sort((a, b) => compareCodeUnits(a.id, b.id));
  const previousPairs = [...(input.previousPairs ?? [])]
    .map((p) => ({ uscc: p.uscc, staffNos: p.staffNos }))
    .sort((a, b) => compareCodeUnits(a.uscc, b.uscc));
  const assignments = assignTasks(seed, tasks, {
    inspectors,
    labs,
    previousPairs,
    inspectorCapacity: params.inspectorCapacity,
  });

  return {
    algorithmVersion: DRAW_ALGORITHM_VERSION,
    ...(input.drawnAt === undefined ? {} : { drawnAt: input.drawnAt }),
    seed,
    commitment: input.commitment,
    params,
    eligibleCount: selection.eligibleCount,
    eligibleDigest: selection.eligibleDigest,
    totalQuota: selection.totalQuota,
    capApplied: selection.capApplied,
    strata: selection.strata,
    tasks: tasks.map((t, i) => taskOf(t, selection, i, assignments[i])),
    inspectors,
    labs,
    previousPairs,
  };
}

function taskOf(
  t: { taskNo: number; uscc: string; category: string },
  selection: Selection,
  i: number,
  a: Assignment,
): DrawTask {
  return {
    taskNo: t.taskNo,
    uscc: t.uscc,
    stratum: selection.selected[i].stratum,
    key: selection.selected[i].key,
    category: t.category,
    inspectors: a.inspectors,
    lab: a.lab,
    ...(a.unassigned === undefined ? {} : { unassigned: a.unassigned }),
  };
}

// ---------------------------------------------------------------------------------------
// Verification

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

/**
 * The first difference between two JSON-like values, or null. `path` names the place;
 * absent and undefined members are the same thing.
 */
function diff(path: string, recomputed: unknown, recorded: unknown): string | null {
  if (recomputed === recorded) return null;
  // Built only when returned: a matching record is compared node by node, tens of thousands.
  const mismatch = () =>
    `${path}: recomputed ${show(recomputed)}, the record has ${show(recorded)}`;
  if (Array.isArray(recomputed)) {
    if (!Array.isArray(recorded)) return mismatch();
    const n = Math.min(recomputed.length, recorded.length);
    for (let i = 0; i < n; i++) {
      const d = diff(`${path}[${i}]`, recomputed[i], recorded[i]);
      if (d !== null) return d;
    }
    if (recomputed.length !== recorded.length) {
      return `${path}: recomputed ${recomputed.length} entries, the record has ${recorded.length}`;
    }
    return null;
  }
  if (recomputed !== null && typeof recomputed === 'object') {
    if (recorded === null || typeof recorded !== 'object' || Array.isArray(recorded))
      return mismatch();
    const a = recomputed as Record<string, unknown>;
    const b = recorded as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = diff(`${path}.${k}`, a[k], b[k]);
      if (d !== null) return d;
    }
    return null;
  }
  return mismatch();
}

function mismatch(firstDifference: string): { verdict: 'MISMATCH'; firstDifference: string } {
  return { verdict: 'MISMATCH', firstDifference };
}

/**
 * Recomputes a draw from its record (for instance an exported JSON file) and compares.
 * Never throws: a malformed record is a MISMATCH saying what is wrong. Members of the record
 * other than those of DrawRecord (an envelope's plan id, say) are ignored.
 */
export function verifyDraw(record: unknown): DrawVerification {
  const checked = checkRecord(record);
  if ('verdict' in checked) return checked;
  const { r, seed } = checked;
  return inputsOrMismatch(
    () => runDraw({ ...settingsOf(r), seed, eligible: r.eligible as EligibleEnterprise[] }),
    (again) => compareRecord(again, r),
  );
}

/**
 * verifyDraw for a record kept as the service stores it: the record without its eligible
 * list (`header`), and the list as snapshot bytes (snapshot.ts), which `feed` pushes into
 * the ranker it is given (reading them as they come from storage, say). The same checks and
 * the same answers as verifyDraw on the whole record, without a million parsed objects.
 */
export async function verifyDrawSnapshot(
  header: unknown,
  feed: (ranker: SnapshotRanker) => void | Promise<void>,
): Promise<DrawVerification> {
  const checked = checkRecord(header);
  if ('verdict' in checked) return checked;
  const { r, seed } = checked;
  const settings = settingsOf(r);
  const count = r.eligibleCount;
  const ranker = new SnapshotRanker(seed, settings.stratifyByPrefecture === true, {
    rows: typeof count === 'number' ? count : undefined,
  });
  await feed(ranker);
  return inputsOrMismatch(
    () => {
      // The settings first, as runDraw checks them before the eligible list.
      drawParamsOf(settings);
      return drawFromSnapshot({ ...settings, seed }, ranker.finish());
    },
    (again) => compareRecord(again, r),
  );
}

type RecordMembers = Partial<Record<keyof DrawRecord, unknown>>;

/** The inputs of a record besides the seed and the eligible list, as runDraw takes them. */
function settingsOf(r: RecordMembers): DrawSettings & { commitment: string } {
  const params = r.params as Partial<DrawParams>;
  return {
    commitment: r.commitment as string,
    ratiosBp: params.ratiosBp,
    stratifyByPrefecture: params.stratifyByPrefecture,
    maxTasks: params.maxTasks,
    inspectorCapacity: params.inspectorCapacity,
    inspectors: r.inspectors as DrawInspector[],
    labs: r.labs as DrawLab[],
    previousPairs: (r.previousPairs ?? []) as PreviousPair[],
  };
}

/**
 * docs/draw-algorithm.md §11 steps 1–2 and the params: the record with its seed, or the
 * MISMATCH that stops verification before anything is recomputed.
 */
function checkRecord(
  record: unknown,
): { r: RecordMembers; seed: string } | Extract<DrawVerification, { verdict: 'MISMATCH' }> {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return mismatch('the record is not a JSON object');
  }
  const r = record as RecordMembers;
  if (r.algorithmVersion !== DRAW_ALGORITHM_VERSION) {
    return mismatch(
      `algorithmVersion: this verifier implements ${DRAW_ALGORITHM_VERSION}, the record says ${show(r.algorithmVersion)}`,
    );
  }
  const seedCheck = validateSeed(r.seed);
  if (!seedCheck.ok) return mismatch(`seed: ${seedCheck.reason}`);
  const commitmentCheck = validateCommitment(r.commitment);
  if (!commitmentCheck.ok) return mismatch(`commitment: ${commitmentCheck.reason}`);
  const seed = r.seed as string;
  const actual = sha256Hex(seed);
  if (actual !== r.commitment) {
    return mismatch(
      `commitment: sha256(seed) is ${actual}, the record's commitment is ${r.commitment as string}; the seed or the commitment was changed`,
    );
  }
  const params = r.params as Partial<DrawParams> | undefined;
  if (params === null || typeof params !== 'object') return mismatch('params: missing');
  return { r, seed };
}

/** The comparison of `recompute()` by `compare`, or the MISMATCH of inputs it cannot draw from. */
function inputsOrMismatch(
  recompute: () => DrawRecordHeader,
  compare: (again: DrawRecordHeader) => DrawVerification,
): DrawVerification {
  let again: DrawRecordHeader;
  try {
    again = recompute();
  } catch (e) {
    if (e instanceof DrawInputError) {
      return mismatch(`the record's inputs are invalid: ${e.message}`);
    }
    return mismatch(`the record is malformed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return compare(again);
}

/** docs/draw-algorithm.md §11 steps 4–8: the recomputed draw against the record. */
function compareRecord(again: DrawRecordHeader, r: RecordMembers): DrawVerification {
  const params = r.params;
  if (again.eligibleDigest !== r.eligibleDigest) {
    return mismatch(
      `eligibleDigest: the record's eligible list (${again.eligibleCount} USCCs) hashes to ${again.eligibleDigest}, the record says ${show(r.eligibleDigest)}; the eligible list or its digest was changed`,
    );
  }
  const scalar =
    diff('eligibleCount', again.eligibleCount, r.eligibleCount) ??
    diff('params', again.params, params);
  if (scalar !== null) return mismatch(scalar);

  const strata = Array.isArray(r.strata) ? (r.strata as unknown[]) : null;
  if (strata === null) return mismatch('strata: missing');
  for (let i = 0; i < Math.min(again.strata.length, strata.length); i++) {
    const d = diff(`strata[${i}] (${again.strata[i].name})`, again.strata[i], strata[i]);
    if (d !== null) return mismatch(d);
  }
  if (again.strata.length !== strata.length) {
    return mismatch(
      `strata: recomputed ${again.strata.length} strata, the record has ${strata.length}`,
    );
  }

  const totals =
    diff('totalQuota', again.totalQuota, r.totalQuota) ??
    diff('capApplied', again.capApplied, r.capApplied);
  if (totals !== null) return mismatch(totals);

  const tasks = Array.isArray(r.tasks) ? (r.tasks as unknown[]) : null;
  if (tasks === null) return mismatch('tasks: missing');
  for (let i = 0; i < Math.min(again.tasks.length, tasks.length); i++) {
    const t = again.tasks[i];
    const d = diff(`tasks[${i}] (task ${t.taskNo}, ${t.uscc})`, t, tasks[i]);
    if (d !== null) return mismatch(d);
  }
  if (again.tasks.length !== tasks.length) {
    return mismatch(
      `tasks: recomputed ${again.tasks.length} tasks, the record has ${tasks.length}`,
    );
  }
  return { verdict: 'MATCH' };
}
