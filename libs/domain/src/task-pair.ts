/**
 * Who may join a task's inspector pair after the draw (reassignment). The rules are
 * the draw's (docs/rules.md §3.2 step 3, docs/draw-algorithm.md), applied to one chosen inspector
 * instead of a random pick: an active inspector of the plan's jurisdiction, qualified for
 * the category, without a declared conflict with the enterprise, two distinct people (law
 * requires at least two), and not the pair that last inspected the same enterprise.
 */

/** An inspector as the directory holds it. */
export interface PairCandidate {
  readonly staffNo: string;
  readonly active: boolean;
  readonly regionCode: string;
  readonly categories: readonly string[];
  /** USCCs of enterprises with a declared conflict of interest. */
  readonly conflicts: readonly string[];
}

export interface PairTask {
  readonly uscc: string;
  readonly category: string;
  /** The plan's jurisdiction code ('000000' for a national plan), for messages. */
  readonly jurisdiction: string;
  /** Region-code prefix of the plan's jurisdiction; '' for a national plan (everywhere). */
  readonly regionPrefix: string;
}

/**
 * Why `staffNo` may not join the task's pair, or null when it may. `candidate` is the
 * directory row with that staff number, undefined when there is none.
 */
export function inspectorProblem(
  staffNo: string,
  candidate: PairCandidate | undefined,
  task: PairTask,
): string | null {
  if (!candidate || candidate.staffNo !== staffNo)
    return `no inspector with staff number ${staffNo}`;
  if (!candidate.active) return `inspector ${staffNo} is not active`;
  if (!candidate.regionCode.startsWith(task.regionPrefix))
    return `inspector ${staffNo} works in ${candidate.regionCode}, outside the plan's jurisdiction ${task.jurisdiction}`;
  if (!candidate.categories.includes(task.category))
    return `inspector ${staffNo} is not qualified for category ${task.category}`;
  if (candidate.conflicts.includes(task.uscc))
    return `inspector ${staffNo} declared a conflict of interest with ${task.uscc}`;
  return null;
}

/**
 * Why the pair as a whole may not inspect, or null: the same person twice, or (in any order)
 * the pair that last inspected the enterprise before this task was drawn.
 */
export function pairProblem(
  pair: readonly [string, string],
  previous: readonly [string, string] | null,
  uscc: string,
): string | null {
  const [a, b] = pair;
  if (a === b) return `inspector ${a} cannot be both members of the pair`;
  if (
    previous &&
    ((previous[0] === a && previous[1] === b) || (previous[0] === b && previous[1] === a))
  )
    return `(${a}, ${b}) is the pair that last inspected ${uscc}`;
  return null;
}
