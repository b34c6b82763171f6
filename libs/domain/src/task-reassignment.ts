import type { DomainFieldError } from './errors';
import { inspectorProblem, pairProblem, type PairCandidate, type PairTask } from './task-pair';

/**
 * Reassigning a task's inspector pair after the draw: which member a request replaces and
 * whether the resulting pair may inspect. Who may join is task-pair.ts's rule (the draw's
 * rules applied to a chosen inspector); this decides the shape of a request and the pair it
 * asks for.
 */

/**
 * A reassignment request: exactly one of `slot` (1 or 2) or `replace` (a staff number) with
 * `staffNo`, the new member; or `staffNos`, both members of a task the draw left without a
 * pair.
 */
export interface ReassignRequest {
  slot?: 1 | 2;
  replace?: string;
  staffNo?: string;
  staffNos?: readonly string[];
}

/** One member of the pair to change: its slot and the request field that named the new one. */
export interface PairChange {
  slot: 1 | 2;
  staffNo: string;
  field: string;
}

const WAYS = ['slot', 'replace', 'staffNos'] as const;

/** What is wrong with the request's shape, whatever the task: [] when it is well formed. */
export function reassignShapeErrors(req: ReassignRequest): DomainFieldError[] {
  const given = WAYS.filter((k) => req[k] !== undefined);
  const errors: DomainFieldError[] = [];
  if (given.length === 0)
    errors.push({
      field: 'slot',
      reason:
        'give slot (1 or 2) or replace (a staff number) with staffNo, or staffNos for a task without a pair',
    });
  for (const extra of given.slice(1))
    errors.push({
      field: extra,
      reason: `give only one of slot, replace or staffNos (${given[0]} was given)`,
    });
  if (given.length === 1) {
    if (given[0] === 'staffNos' && req.staffNo !== undefined)
      errors.push({
        field: 'staffNo',
        reason: 'not allowed with staffNos, which gives both members',
      });
    if (given[0] !== 'staffNos' && req.staffNo === undefined)
      errors.push({ field: 'staffNo', reason: `is required with ${given[0]}` });
  }
  return errors;
}

export type PairChangeResult =
  | { ok: true; pair: [string, string]; changes: PairChange[] }
  | { ok: false; error: DomainFieldError };

/**
 * The new pair and the slots that change, for a well-formed request (reassignShapeErrors
 * empty) against the task's current pair (null when the draw left it without one).
 */
export function planPairChange(
  current: readonly string[] | null,
  req: ReassignRequest,
): PairChangeResult {
  const refuse = (field: string, reason: string): PairChangeResult => ({
    ok: false,
    error: { field, reason },
  });
  if (req.staffNos !== undefined) {
    if (current)
      return refuse(
        'staffNos',
        `the task already has a pair (${current.join(', ')}); replace one member with slot or replace`,
      );
    const [a, b] = req.staffNos;
    if (a === b)
      return refuse('staffNos[1]', 'must differ from staffNos[0] (two distinct inspectors)');
    return {
      ok: true,
      pair: [a, b],
      changes: [
        { slot: 1, staffNo: a, field: 'staffNos[0]' },
        { slot: 2, staffNo: b, field: 'staffNos[1]' },
      ],
    };
  }
  const by = req.slot !== undefined ? 'slot' : 'replace';
  if (!current)
    return refuse(by, 'the task has no inspector pair yet; give both members with staffNos');
  let slot: 1 | 2;
  if (req.slot !== undefined) slot = req.slot;
  else {
    const i = current.indexOf(req.replace as string);
    if (i < 0)
      return refuse(
        'replace',
        `${req.replace} is not an inspector of this task (pair: ${current.join(', ')})`,
      );
    slot = (i + 1) as 1 | 2;
  }
  const staffNo = req.staffNo as string;
  const other = current[2 - slot];
  if (staffNo === current[slot - 1])
    return refuse('staffNo', `${staffNo} is already inspector ${slot} of this task`);
  if (staffNo === other)
    return refuse('staffNo', `${staffNo} is already the other inspector of this task`);
  const pair: [string, string] = slot === 1 ? [staffNo, other] : [other, staffNo];
  return { ok: true, pair, changes: [{ slot, staffNo, field: 'staffNo' }] };
}

/**
 * Why the new pair may not inspect the task, by request field: first each new member on its
 * own (task-pair.ts's inspectorProblem), then, when each may, the pair as a whole (not the
 * pair that last inspected the enterprise). [] when the reassignment may go ahead.
 */
export function reassignmentErrors(
  pair: readonly [string, string],
  changes: readonly PairChange[],
  candidates: readonly PairCandidate[],
  task: PairTask,
  previous: readonly [string, string] | null,
): DomainFieldError[] {
  const byStaffNo = new Map(candidates.map((r) => [r.staffNo, r]));
  const errors: DomainFieldError[] = [];
  for (const c of changes) {
    const problem = inspectorProblem(c.staffNo, byStaffNo.get(c.staffNo), task);
    if (problem) errors.push({ field: c.field, reason: problem });
  }
  if (errors.length) return errors;
  const problem = pairProblem(pair, previous, task.uscc);
  if (problem)
    return [{ field: changes.length === 1 ? changes[0].field : 'staffNos', reason: problem }];
  return [];
}

/**
 * A task's `unassigned` once it has a pair: the draw's reason for leaving it without
 * inspectors no longer describes the task (the draw record keeps it); other reasons stay.
 */
export function unassignedAfterPair(
  unassigned: Record<string, unknown> | null,
): Record<string, unknown> | null {
  if (!unassigned || !('inspectors' in unassigned)) return unassigned;
  const { inspectors: _gone, ...rest } = unassigned;
  return Object.keys(rest).length ? rest : null;
}
