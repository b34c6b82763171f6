import type { PairCandidate, PairTask } from './task-pair';
import {
  planPairChange,
  reassignShapeErrors,
  reassignmentErrors,
  unassignedAfterPair,
} from './task-reassignment';

const USCC = '91150102MA0000000X';
const task: PairTask = {
  uscc: USCC,
  category: 'DAIRY',
  jurisdiction: '150100',
  regionPrefix: '1501',
};
const inspector = (staffNo: string, over: Partial<PairCandidate> = {}): PairCandidate => ({
  staffNo,
  active: true,
  regionCode: '150102',
  categories: ['DAIRY'],
  conflicts: [],
  ...over,
});

describe('the shape of a reassignment request', () => {
  it('accepts slot or replace with staffNo, or staffNos alone', () => {
    expect(reassignShapeErrors({ slot: 1, staffNo: 'S3' })).toEqual([]);
    expect(reassignShapeErrors({ replace: 'S1', staffNo: 'S3' })).toEqual([]);
    expect(reassignShapeErrors({ staffNos: ['S1', 'S2'] })).toEqual([]);
  });

  it('asks for a way when none is given', () => {
    expect(reassignShapeErrors({})).toEqual([
      { field: 'slot', reason: expect.stringContaining('give slot (1 or 2)') },
    ]);
  });

  it('names every extra way after the first', () => {
    expect(
      reassignShapeErrors({ slot: 1, replace: 'S1', staffNos: ['a', 'b'], staffNo: 'x' }),
    ).toEqual([
      { field: 'replace', reason: 'give only one of slot, replace or staffNos (slot was given)' },
      { field: 'staffNos', reason: 'give only one of slot, replace or staffNos (slot was given)' },
    ]);
  });

  it('needs staffNo with slot or replace and refuses it with staffNos', () => {
    expect(reassignShapeErrors({ replace: 'S1' })).toEqual([
      { field: 'staffNo', reason: 'is required with replace' },
    ]);
    expect(reassignShapeErrors({ staffNos: ['S1', 'S2'], staffNo: 'S3' })).toEqual([
      { field: 'staffNo', reason: 'not allowed with staffNos, which gives both members' },
    ]);
  });
});

describe('the pair a reassignment asks for', () => {
  it('replaces the member in a slot, keeping the other in place', () => {
    expect(planPairChange(['S1', 'S2'], { slot: 2, staffNo: 'S3' })).toEqual({
      ok: true,
      pair: ['S1', 'S3'],
      changes: [{ slot: 2, staffNo: 'S3', field: 'staffNo' }],
    });
  });

  it('replaces a member by staff number', () => {
    expect(planPairChange(['S1', 'S2'], { replace: 'S1', staffNo: 'S3' })).toMatchObject({
      ok: true,
      pair: ['S3', 'S2'],
      changes: [{ slot: 1 }],
    });
  });

  it('refuses to replace someone who is not in the pair', () => {
    expect(planPairChange(['S1', 'S2'], { replace: 'S9', staffNo: 'S3' })).toEqual({
      ok: false,
      error: { field: 'replace', reason: 'S9 is not an inspector of this task (pair: S1, S2)' },
    });
  });

  it('refuses a new member who is already in the pair', () => {
    expect(planPairChange(['S1', 'S2'], { slot: 1, staffNo: 'S1' })).toMatchObject({
      ok: false,
      error: { field: 'staffNo', reason: 'S1 is already inspector 1 of this task' },
    });
    expect(planPairChange(['S1', 'S2'], { slot: 1, staffNo: 'S2' })).toMatchObject({
      ok: false,
      error: { field: 'staffNo', reason: 'S2 is already the other inspector of this task' },
    });
  });

  it('gives both members only to a task without a pair, and two distinct ones', () => {
    expect(planPairChange(null, { staffNos: ['S1', 'S2'] })).toMatchObject({
      ok: true,
      pair: ['S1', 'S2'],
    });
    expect(planPairChange(['S1', 'S2'], { staffNos: ['S3', 'S4'] })).toMatchObject({
      ok: false,
      error: { field: 'staffNos' },
    });
    expect(planPairChange(null, { staffNos: ['S1', 'S1'] })).toMatchObject({
      ok: false,
      error: { field: 'staffNos[1]' },
    });
    expect(planPairChange(null, { slot: 1, staffNo: 'S1' })).toMatchObject({
      ok: false,
      error: { field: 'slot', reason: expect.stringContaining('no inspector pair yet') },
    });
  });
});

describe('whether the new pair may inspect', () => {
  const one = [{ slot: 2 as const, staffNo: 'S3', field: 'staffNo' }];

  it('accepts a qualified member who does not recreate the last pair', () => {
    expect(reassignmentErrors(['S1', 'S3'], one, [inspector('S3')], task, ['S1', 'S2'])).toEqual(
      [],
    );
  });

  it('names the field of each member who may not join', () => {
    const both = [
      { slot: 1 as const, staffNo: 'S1', field: 'staffNos[0]' },
      { slot: 2 as const, staffNo: 'S2', field: 'staffNos[1]' },
    ];
    expect(
      reassignmentErrors(
        ['S1', 'S2'],
        both,
        [inspector('S1', { active: false }), inspector('S2', { conflicts: [USCC] })],
        task,
        null,
      ),
    ).toEqual([
      { field: 'staffNos[0]', reason: 'inspector S1 is not active' },
      { field: 'staffNos[1]', reason: `inspector S2 declared a conflict of interest with ${USCC}` },
    ]);
  });

  it('refuses an unknown staff number', () => {
    expect(reassignmentErrors(['S1', 'S3'], one, [], task, null)).toEqual([
      { field: 'staffNo', reason: 'no inspector with staff number S3' },
    ]);
  });

  it('refuses the pair that last inspected the enterprise, in either order', () => {
    expect(reassignmentErrors(['S1', 'S3'], one, [inspector('S3')], task, ['S3', 'S1'])).toEqual([
      { field: 'staffNo', reason: `(S1, S3) is the pair that last inspected ${USCC}` },
    ]);
  });
});

describe("a task's unassigned reasons once it has a pair", () => {
  it('drops the inspectors reason and keeps the others', () => {
    expect(unassignedAfterPair({ inspectors: 'x', lab: 'y' })).toEqual({ lab: 'y' });
    expect(unassignedAfterPair({ inspectors: 'x' })).toBeNull();
    expect(unassignedAfterPair({ lab: 'y' })).toEqual({ lab: 'y' });
    expect(unassignedAfterPair(null)).toBeNull();
  });
});
