/**
 * Inspector pairs and labs for drawn tasks (docs/rules.md §3.2 step 3).
 *
 * Candidates for task t are visited in the order given by SHA-256(`${seed}:${t}:${counter}`)
 * (labs: `${seed}:${t}:lab:${counter}`), counter = 0, 1, 2, …, each mapped to a pool position
 * by its first 8 hex digits modulo the pool size; invalid candidates are skipped. Counts kept
 * up to date per pool tell in O(1) + O(declared conflicts) whether a valid choice exists at
 * all, so a task that cannot be served is answered at once with the reason, and the cost is
 * proportional to the number of tasks, not tasks × inspectors. See docs/draw-algorithm.md §7.
 */
import { DrawInputError, leadingUint32, sha256Hex } from './hash';

/** An inspector of the plan's jurisdiction, active (inactive ones are left out by the caller). */
export interface DrawInspector {
  readonly staffNo: string;
  /** Product categories the inspector is qualified for. */
  readonly categories: readonly string[];
  /** USCCs of enterprises the inspector declared a conflict of interest with. */
  readonly conflicts?: readonly string[];
  /** Most tasks this draw may give the inspector; absent: the draw's inspectorCapacity. */
  readonly capacity?: number;
}

/** A lab, active (inactive ones are left out by the caller). */
export interface DrawLab {
  readonly id: string;
  /** Categories the lab is accredited (CMA) for. */
  readonly categories: readonly string[];
  /** Samples the lab can still take; each assigned task uses one. */
  readonly capacity: number;
  /** USCCs of enterprises the lab must not test (e.g. itself, an owner). */
  readonly conflicts?: readonly string[];
}

/** The two inspectors who last inspected an enterprise: this pair is not drawn again for it. */
export interface PreviousPair {
  readonly uscc: string;
  readonly staffNos: readonly [string, string];
}

export interface AssignmentTask {
  readonly taskNo: number;
  readonly uscc: string;
  readonly category: string;
}

export interface AssignmentPools {
  readonly inspectors: readonly DrawInspector[];
  readonly labs: readonly DrawLab[];
  readonly previousPairs?: readonly PreviousPair[];
  /** Default per-inspector workload cap for this draw; null/absent: no cap. */
  readonly inspectorCapacity?: number | null;
}

export type InspectorUnassignedCode =
  'NO_QUALIFIED_INSPECTORS' | 'WORKLOAD_CAP' | 'CONFLICT_OF_INTEREST' | 'PAIR_RULE';
export type LabUnassignedCode = 'NO_ACCREDITED_LAB' | 'NO_LAB_CAPACITY' | 'LAB_CONFLICT';

export interface Unassigned<C extends string> {
  readonly code: C;
  readonly reason: string;
}

export interface Assignment {
  readonly taskNo: number;
  /** Staff numbers in the order drawn, or null with unassigned.inspectors saying why. */
  readonly inspectors: readonly [string, string] | null;
  /** Lab id, or null with unassigned.lab saying why. */
  readonly lab: string | null;
  readonly unassigned?: {
    readonly inspectors?: Unassigned<InspectorUnassignedCode>;
    readonly lab?: Unassigned<LabUnassignedCode>;
  };
}

/** Probes of the hash sequence per pick before the fallback (a draw among the valid ones). */
export const PROBES_PER_PICK = 64;

/**
 * The candidate stream of one task: probe(counter) is a pool position; after PROBES_PER_PICK
 * misses for one pick, the next hash chooses among the valid candidates directly.
 */
class Stream {
  private counter = 0;

  constructor(private readonly base: string) {}

  next(): number {
    return leadingUint32(sha256Hex(this.base + this.counter++));
  }

  /** The first valid member of `pool` in stream order (pool must hold a valid member). */
  pick(pool: readonly number[], valid: (x: number) => boolean): number {
    const n = pool.length;
    for (let probe = 0; probe < PROBES_PER_PICK; probe++) {
      const x = pool[this.next() % n];
      if (valid(x)) return x;
    }
    const ok = pool.filter(valid);
    return ok[this.next() % ok.length];
  }
}

interface Pool {
  readonly members: number[];
  /** Members with capacity left. */
  available: number;
}

function checkCategories(what: string, cats: unknown): readonly string[] {
  if (!Array.isArray(cats) || !cats.every((c) => typeof c === 'string' && c.length > 0)) {
    throw new DrawInputError(`${what}.categories must be an array of non-empty strings`);
  }
  return cats as string[];
}

function checkConflicts(what: string, list: unknown): readonly string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list) || !list.every((c) => typeof c === 'string')) {
    throw new DrawInputError(`${what}.conflicts must be an array of USCC strings`);
  }
  return list as string[];
}

function checkCapacity(what: string, c: unknown): void {
  if (!Number.isSafeInteger(c) || (c as number) < 0) {
    throw new DrawInputError(`${what} must be an integer ≥ 0`);
  }
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Members of a sorted list (by `name`) that list `category`, as indices, in list order. */
function buildPool(
  cats: readonly Set<string>[],
  category: string,
  hasRoom: (x: number) => boolean,
): Pool {
  const members: number[] = [];
  let available = 0;
  for (let x = 0; x < cats.length; x++) {
    if (!cats[x].has(category)) continue;
    members.push(x);
    if (hasRoom(x)) available++;
  }
  return { members, available };
}

/**
 * Assigns two inspectors and a lab to each task, in the order of `tasks` (the task order of
 * the draw). Workloads and lab capacities carry over from one task to the next. Never fails
 * for want of a valid choice: such a task gets null and an `unassigned` reason. Throws
 * DrawInputError for malformed input (duplicate staff numbers, lab ids or task numbers…).
 */
export function assignTasks(
  seed: string,
  tasks: readonly AssignmentTask[],
  pools: AssignmentPools,
): Assignment[] {
  const defaultCap = pools.inspectorCapacity ?? null;
  if (defaultCap !== null) checkCapacity('inspectorCapacity', defaultCap);

  // Inspectors sorted by staff number; index x refers to that order.
  const insp = [...pools.inspectors].sort((a, b) => byCodeUnits(a.staffNo, b.staffNo));
  const iCats: Set<string>[] = [];
  const iCap: number[] = [];
  const iLoad: number[] = [];
  const iPools: Pool[][] = [];
  const iConflictsOf = new Map<string, number[]>();
  insp.forEach((p, x) => {
    const what = `inspector ${JSON.stringify(p.staffNo)}`;
    if (typeof p.staffNo !== 'string' || p.staffNo.length === 0) {
      throw new DrawInputError('inspector staffNo must be a non-empty string');
    }
    if (x > 0 && insp[x - 1].staffNo === p.staffNo) {
      throw new DrawInputError(`duplicate inspector staffNo ${p.staffNo}`);
    }
    iCats.push(new Set(checkCategories(what, p.categories)));
    if (p.capacity !== undefined) checkCapacity(`${what}.capacity`, p.capacity);
    iCap.push(p.capacity ?? defaultCap ?? Infinity);
    iLoad.push(0);
    iPools.push([]);
    for (const u of new Set(checkConflicts(what, p.conflicts))) {
      let list = iConflictsOf.get(u);
      if (list === undefined) iConflictsOf.set(u, (list = []));
      list.push(x);
    }
  });
  const iHasRoom = (x: number): boolean => iLoad[x] < iCap[x];
  const iPoolBy = new Map<string, Pool>();
  const inspectorPool = (category: string): Pool => {
    let pool = iPoolBy.get(category);
    if (pool === undefined) {
      pool = buildPool(iCats, category, iHasRoom);
      iPoolBy.set(category, pool);
      for (const x of pool.members) iPools[x].push(pool);
    }
    return pool;
  };

  const labs = [...pools.labs].sort((a, b) => byCodeUnits(a.id, b.id));
  const lCats: Set<string>[] = [];
  const lLeft: number[] = [];
  const lPools: Pool[][] = [];
  const lConflictsOf = new Map<string, number[]>();
  labs.forEach((l, x) => {
    const what = `lab ${JSON.stringify(l.id)}`;
    if (typeof l.id !== 'string' || l.id.length === 0) {
      throw new DrawInputError('lab id must be a non-empty string');
    }
    if (x > 0 && labs[x - 1].id === l.id) throw new DrawInputError(`duplicate lab id ${l.id}`);
    lCats.push(new Set(checkCategories(what, l.categories)));
    checkCapacity(`${what}.capacity`, l.capacity);
    lLeft.push(l.capacity);
    lPools.push([]);
    for (const u of new Set(checkConflicts(what, l.conflicts))) {
      let list = lConflictsOf.get(u);
      if (list === undefined) lConflictsOf.set(u, (list = []));
      list.push(x);
    }
  });
  const lHasRoom = (x: number): boolean => lLeft[x] > 0;
  const lPoolBy = new Map<string, Pool>();
  const labPool = (category: string): Pool => {
    let pool = lPoolBy.get(category);
    if (pool === undefined) {
      pool = buildPool(lCats, category, lHasRoom);
      lPoolBy.set(category, pool);
      for (const x of pool.members) lPools[x].push(pool);
    }
    return pool;
  };

  const lastPair = new Map<string, readonly [string, string]>();
  for (const p of pools.previousPairs ?? []) {
    if (
      typeof p.uscc !== 'string' ||
      !Array.isArray(p.staffNos) ||
      p.staffNos.length !== 2 ||
      !p.staffNos.every((s) => typeof s === 'string') ||
      p.staffNos[0] === p.staffNos[1]
    ) {
      throw new DrawInputError(
        'previousPairs entries must be { uscc, staffNos: [a, b] } with two different staff numbers',
      );
    }
    if (lastPair.has(p.uscc)) throw new DrawInputError(`previousPairs: duplicate USCC ${p.uscc}`);
    lastPair.set(p.uscc, [p.staffNos[0], p.staffNos[1]]);
  }

  const seen = new Set<number>();
  const out: Assignment[] = [];
  for (const task of tasks) {
    const { taskNo, uscc, category } = task;
    if (!Number.isSafeInteger(taskNo) || taskNo < 1) {
      throw new DrawInputError(`taskNo must be an integer ≥ 1, got ${String(taskNo)}`);
    }
    if (seen.has(taskNo)) throw new DrawInputError(`duplicate taskNo ${taskNo}`);
    seen.add(taskNo);
    if (typeof uscc !== 'string' || typeof category !== 'string') {
      throw new DrawInputError(`task ${taskNo}: uscc and category must be strings`);
    }

    // Inspectors.
    let inspectors: readonly [string, string] | null = null;
    let whyNotInspectors: Unassigned<InspectorUnassignedCode> | undefined;
    const ip = inspectorPool(category);
    const conflicted = new Set(iConflictsOf.get(uscc) ?? []);
    const prev = lastPair.get(uscc);
    let conflictedWithRoom = 0;
    for (const x of conflicted) if (iCats[x].has(category) && iHasRoom(x)) conflictedWithRoom++;
    const valid = ip.available - conflictedWithRoom;
    const isValid = (x: number): boolean => iHasRoom(x) && !conflicted.has(x);
    const isPrev = (x: number): boolean =>
      prev !== undefined && (insp[x].staffNo === prev[0] || insp[x].staffNo === prev[1]);
    if (ip.members.length < 2) {
      whyNotInspectors = {
        code: 'NO_QUALIFIED_INSPECTORS',
        reason: `${ip.members.length} active inspector(s) of the jurisdiction qualified for category ${category}; 2 are needed`,
      };
    } else if (ip.available < 2) {
      whyNotInspectors = {
        code: 'WORKLOAD_CAP',
        reason: `${ip.members.length} inspectors qualified for category ${category}, ${ip.available} below the workload cap; 2 are needed`,
      };
    } else if (valid < 2) {
      whyNotInspectors = {
        code: 'CONFLICT_OF_INTEREST',
        reason: `${ip.available} qualified inspectors below the workload cap, ${conflictedWithRoom} of them declared a conflict of interest with ${uscc}; 2 are needed`,
      };
    } else if (
      valid === 2 &&
      prev !== undefined &&
      ip.members.filter((x) => isValid(x) && isPrev(x)).length === 2
    ) {
      whyNotInspectors = {
        code: 'PAIR_RULE',
        reason: `the only valid pair (${prev[0]}, ${prev[1]}) is the pair that last inspected ${uscc}`,
      };
    } else {
      const stream = new Stream(`${seed}:${taskNo}:`);
      const a = stream.pick(ip.members, isValid);
      // If the first is one of the last pair, the other one of that pair is not its partner.
      const b = stream.pick(ip.members, (x) => x !== a && isValid(x) && !(isPrev(a) && isPrev(x)));
      inspectors = [insp[a].staffNo, insp[b].staffNo];
      for (const x of [a, b]) {
        iLoad[x]++;
        if (!iHasRoom(x)) for (const pool of iPools[x]) pool.available--;
      }
    }

    // Lab.
    let lab: string | null = null;
    let whyNotLab: Unassigned<LabUnassignedCode> | undefined;
    const lp = labPool(category);
    const lConflicted = new Set(lConflictsOf.get(uscc) ?? []);
    let lConflictedWithRoom = 0;
    for (const x of lConflicted) if (lCats[x].has(category) && lHasRoom(x)) lConflictedWithRoom++;
    if (lp.members.length === 0) {
      whyNotLab = {
        code: 'NO_ACCREDITED_LAB',
        reason: `no active lab is accredited for category ${category}`,
      };
    } else if (lp.available === 0) {
      whyNotLab = {
        code: 'NO_LAB_CAPACITY',
        reason: `${lp.members.length} lab(s) accredited for category ${category}, none with capacity left`,
      };
    } else if (lp.available - lConflictedWithRoom === 0) {
      whyNotLab = {
        code: 'LAB_CONFLICT',
        reason: `every accredited lab with capacity left (${lp.available}) has a conflict with ${uscc}`,
      };
    } else {
      const x = new Stream(`${seed}:${taskNo}:lab:`).pick(
        lp.members,
        (y) => lHasRoom(y) && !lConflicted.has(y),
      );
      lab = labs[x].id;
      lLeft[x]--;
      if (!lHasRoom(x)) for (const pool of lPools[x]) pool.available--;
    }

    const unassigned =
      whyNotInspectors || whyNotLab
        ? {
            ...(whyNotInspectors ? { inspectors: whyNotInspectors } : {}),
            ...(whyNotLab ? { lab: whyNotLab } : {}),
          }
        : undefined;
    out.push(unassigned ? { taskNo, inspectors, lab, unassigned } : { taskNo, inspectors, lab });
  }
  return out;
}
