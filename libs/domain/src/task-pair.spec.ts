import { type PairCandidate, type PairTask, inspectorProblem, pairProblem } from './task-pair';

const USCC = '91150102MA0000000X';
const task: PairTask = {
  uscc: USCC,
  category: 'DAIRY',
  jurisdiction: '150100',
  regionPrefix: '1501',
};
const ok: PairCandidate = {
  staffNo: 'S1',
  active: true,
  regionCode: '150102',
  categories: ['DAIRY', 'TOYS'],
  conflicts: [],
};

describe('who may join a task pair', () => {
  it('accepts an active, qualified inspector of the jurisdiction without a conflict', () => {
    expect(inspectorProblem('S1', ok, task)).toBeNull();
    // A national plan reaches everywhere.
    expect(
      inspectorProblem(
        'S1',
        { ...ok, regionCode: '110101' },
        {
          ...task,
          jurisdiction: '000000',
          regionPrefix: '',
        },
      ),
    ).toBeNull();
  });

  it('names the first rule broken', () => {
    expect(inspectorProblem('S9', undefined, task)).toBe('no inspector with staff number S9');
    expect(inspectorProblem('S9', ok, task)).toBe('no inspector with staff number S9');
    expect(inspectorProblem('S1', { ...ok, active: false }, task)).toBe(
      'inspector S1 is not active',
    );
    expect(inspectorProblem('S1', { ...ok, regionCode: '150202' }, task)).toBe(
      "inspector S1 works in 150202, outside the plan's jurisdiction 150100",
    );
    expect(inspectorProblem('S1', { ...ok, categories: ['TOYS'] }, task)).toBe(
      'inspector S1 is not qualified for category DAIRY',
    );
    expect(inspectorProblem('S1', { ...ok, conflicts: [USCC] }, task)).toBe(
      `inspector S1 declared a conflict of interest with ${USCC}`,
    );
  });

  it('needs two distinct people, not the previous pair in either order', () => {
    expect(pairProblem(['A', 'B'], null, USCC)).toBeNull();
    expect(pairProblem(['A', 'B'], ['A', 'C'], USCC)).toBeNull();
    expect(pairProblem(['A', 'A'], null, USCC)).toBe(
      'inspector A cannot be both members of the pair',
    );
    for (const prev of [
      ['A', 'B'],
      ['B', 'A'],
    ] as [string, string][])
      expect(pairProblem(['A', 'B'], prev, USCC)).toBe(
        `(A, B) is the pair that last inspected ${USCC}`,
      );
  });
});
