import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  type Assignment,
  type AssignmentPools,
  type AssignmentTask,
  type DrawInspector,
  type DrawLab,
  assignTasks,
} from './assignment';
import { syntheticUscc } from './draw-fixtures';

const SEED = '0123456789abcdef0123456789abcdef';
const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const u32 = (s: string): number => parseInt(sha(s).slice(0, 8), 16);

const E = Array.from({ length: 40 }, (_, i) => syntheticUscc('150200', i));
const inspector = (staffNo: string, extra: Partial<DrawInspector> = {}): DrawInspector => ({
  staffNo,
  categories: ['C01'],
  ...extra,
});
const lab = (id: string, extra: Partial<DrawLab> = {}): DrawLab => ({
  id,
  categories: ['C01'],
  capacity: 100,
  ...extra,
});
const task = (taskNo: number, uscc = E[taskNo % E.length], category = 'C01'): AssignmentTask => ({
  taskNo,
  uscc,
  category,
});

/**
 * Replays an assignment with the rules written out plainly (all pairs enumerated): every
 * assigned pair and lab must be valid at its turn, and a task is unassigned only when no
 * valid choice existed, for the first reason in the documented order.
 */
function checkRules(tasks: AssignmentTask[], pools: AssignmentPools, out: Assignment[]): void {
  const load = new Map<string, number>();
  const left = new Map(pools.labs.map((l) => [l.id, l.capacity]));
  const prev = new Map((pools.previousPairs ?? []).map((p) => [p.uscc, p.staffNos]));
  const cap = (p: DrawInspector) => p.capacity ?? pools.inspectorCapacity ?? Infinity;
  tasks.forEach((t, i) => {
    const a = out[i];
    expect(a.taskNo).toBe(t.taskNo);
    const qualified = pools.inspectors.filter((p) => p.categories.includes(t.category));
    const room = qualified.filter((p) => (load.get(p.staffNo) ?? 0) < cap(p));
    const valid = room.filter((p) => !(p.conflicts ?? []).includes(t.uscc));
    const last = prev.get(t.uscc);
    const isLast = (x: string, y: string) =>
      last !== undefined && ((x === last[0] && y === last[1]) || (x === last[1] && y === last[0]));
    const pairs: [string, string][] = [];
    for (const x of valid)
      for (const y of valid)
        if (x.staffNo < y.staffNo && !isLast(x.staffNo, y.staffNo))
          pairs.push([x.staffNo, y.staffNo]);
    if (a.inspectors === null) {
      expect(pairs).toEqual([]);
      const code =
        qualified.length < 2
          ? 'NO_QUALIFIED_INSPECTORS'
          : room.length < 2
            ? 'WORKLOAD_CAP'
            : valid.length < 2
              ? 'CONFLICT_OF_INTEREST'
              : 'PAIR_RULE';
      expect(a.unassigned?.inspectors?.code).toBe(code);
    } else {
      const [x, y] = a.inspectors;
      expect(x).not.toBe(y);
      expect(valid.map((p) => p.staffNo)).toEqual(expect.arrayContaining([x, y]));
      expect(isLast(x, y)).toBe(false);
      for (const s of [x, y]) load.set(s, (load.get(s) ?? 0) + 1);
      expect(a.unassigned?.inspectors).toBeUndefined();
    }
    const accredited = pools.labs.filter((l) => l.categories.includes(t.category));
    const withRoom = accredited.filter((l) => (left.get(l.id) ?? 0) > 0);
    const okLabs = withRoom.filter((l) => !(l.conflicts ?? []).includes(t.uscc));
    if (a.lab === null) {
      expect(okLabs).toEqual([]);
      const code =
        accredited.length === 0
          ? 'NO_ACCREDITED_LAB'
          : withRoom.length === 0
            ? 'NO_LAB_CAPACITY'
            : 'LAB_CONFLICT';
      expect(a.unassigned?.lab?.code).toBe(code);
    } else {
      expect(okLabs.map((l) => l.id)).toContain(a.lab);
      left.set(a.lab, left.get(a.lab)! - 1);
      expect(a.unassigned?.lab).toBeUndefined();
    }
  });
}

const CATS = ['C01', 'C02', 'C03'];
const poolsArb: fc.Arbitrary<AssignmentPools> = fc.record({
  inspectors: fc
    .uniqueArray(fc.nat(99), { maxLength: 9 })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc.record({
            staffNo: fc.constant(`S${String(id).padStart(3, '0')}`),
            categories: fc.subarray(CATS, { minLength: 1 }),
            conflicts: fc.subarray(E.slice(0, 8)),
            capacity: fc.option(fc.nat(4), { nil: undefined }),
          }),
        ),
      ),
    )
    .map((list) => list as DrawInspector[]),
  labs: fc
    .uniqueArray(fc.nat(99), { maxLength: 4 })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc.record({
            id: fc.constant(`lab-${id}`),
            categories: fc.subarray(CATS, { minLength: 1 }),
            capacity: fc.nat(6),
            conflicts: fc.subarray(E.slice(0, 4)),
          }),
        ),
      ),
    )
    .map((list) => list as DrawLab[]),
  previousPairs: fc
    .array(
      fc.record({
        uscc: fc.constantFrom(...E.slice(0, 8)),
        staffNos: fc
          .uniqueArray(fc.nat(99), { minLength: 2, maxLength: 2 })
          .map(
            ([a, b]) =>
              [`S${String(a).padStart(3, '0')}`, `S${String(b).padStart(3, '0')}`] as [
                string,
                string,
              ],
          ),
      }),
      { maxLength: 6 },
    )
    .map((pairs) => pairs.filter((p, i) => pairs.findIndex((q) => q.uscc === p.uscc) === i)),
  inspectorCapacity: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
});
const tasksArb = fc
  .array(fc.tuple(fc.nat(E.length - 1), fc.constantFrom(...CATS)), { maxLength: 25 })
  .map((list) => list.map(([e, c], i) => task(i + 1, E[e], c)));
const seedArb = fc
  .array(fc.integer({ min: 0x21, max: 0x7e }), { minLength: 16, maxLength: 24 })
  .map((a) => String.fromCharCode(...a));

describe('inspector and lab assignment', () => {
  it('draws two distinct qualified inspectors and an accredited lab', () => {
    const pools = {
      inspectors: [inspector('S1'), inspector('S2'), inspector('S3', { categories: ['C02'] })],
      labs: [lab('L1', { categories: ['C02'] }), lab('L2')],
    };
    const [a] = assignTasks(SEED, [task(1)], pools);
    expect([...a.inspectors!].sort()).toEqual(['S1', 'S2']);
    expect(a.lab).toBe('L2');
    expect(a.unassigned).toBeUndefined();
  });

  it('follows the documented candidate order SHA-256(seed:task:counter) mod pool size', () => {
    const staff = ['S05', 'S01', 'S04', 'S02', 'S03'];
    const pool = [...staff].sort();
    const labs = ['L3', 'L1', 'L2'];
    const [a] = assignTasks(SEED, [task(7)], {
      inspectors: staff.map((s) => inspector(s)),
      labs: labs.map((l) => lab(l)),
    });
    const first = pool[u32(`${SEED}:7:0`) % 5];
    let c = 1;
    let second = pool[u32(`${SEED}:7:${c}`) % 5];
    while (second === first) second = pool[u32(`${SEED}:7:${++c}`) % 5];
    expect(a.inspectors).toEqual([first, second]);
    expect(a.lab).toBe([...labs].sort()[u32(`${SEED}:7:lab:0`) % 3]);
  });

  it('never gives a task an inspector with a declared conflict', () => {
    const pools = {
      inspectors: ['S1', 'S2', 'S3', 'S4'].map((s) =>
        inspector(s, s === 'S1' || s === 'S3' ? { conflicts: [E[1]] } : {}),
      ),
      labs: [lab('L1')],
    };
    const [a] = assignTasks(SEED, [task(1, E[1])], pools);
    expect([...a.inspectors!].sort()).toEqual(['S2', 'S4']);
  });

  it('does not send the pair that last inspected the enterprise', () => {
    for (let t = 1; t <= 30; t++) {
      const [a] = assignTasks(SEED, [task(t, E[2])], {
        inspectors: ['S1', 'S2', 'S3'].map((s) => inspector(s)),
        labs: [lab('L1')],
        previousPairs: [{ uscc: E[2], staffNos: ['S2', 'S1'] }],
      });
      expect([...a.inspectors!].sort()).not.toEqual(['S1', 'S2']);
    }
  });

  it('respects the workload cap and lab capacity across tasks', () => {
    const tasks = Array.from({ length: 6 }, (_, i) => task(i + 1));
    const out = assignTasks(SEED, tasks, {
      inspectors: ['S1', 'S2', 'S3', 'S4'].map((s) => inspector(s)),
      labs: [lab('L1', { capacity: 2 }), lab('L2', { capacity: 1 })],
      inspectorCapacity: 2,
    });
    // 4 inspectors × 2 tasks = 8 slots = 4 pairs; 3 lab places.
    expect(out.filter((a) => a.inspectors !== null)).toHaveLength(4);
    expect(out.filter((a) => a.lab !== null)).toHaveLength(3);
    expect(out[5].unassigned).toEqual({
      inspectors: {
        code: 'WORKLOAD_CAP',
        reason: '4 inspectors qualified for category C01, 0 below the workload cap; 2 are needed',
      },
      lab: {
        code: 'NO_LAB_CAPACITY',
        reason: '2 lab(s) accredited for category C01, none with capacity left',
      },
    });
    const count = new Map<string, number>();
    for (const a of out) for (const s of a.inspectors ?? []) count.set(s, (count.get(s) ?? 0) + 1);
    expect([...count.values()].every((n) => n <= 2)).toBe(true);
  });

  it('says why a task is unassigned instead of failing the draw', () => {
    const one = assignTasks(SEED, [task(1)], { inspectors: [inspector('S1')], labs: [] })[0];
    expect(one).toEqual({
      taskNo: 1,
      inspectors: null,
      lab: null,
      unassigned: {
        inspectors: {
          code: 'NO_QUALIFIED_INSPECTORS',
          reason:
            '1 active inspector(s) of the jurisdiction qualified for category C01; 2 are needed',
        },
        lab: { code: 'NO_ACCREDITED_LAB', reason: 'no active lab is accredited for category C01' },
      },
    });
    const conflicted = assignTasks(SEED, [task(1, E[3])], {
      inspectors: [
        inspector('S1', { conflicts: [E[3]] }),
        inspector('S2'),
        inspector('S3', { conflicts: [E[3]] }),
      ],
      labs: [lab('L1', { conflicts: [E[3]] }), lab('L2', { capacity: 0 })],
    })[0];
    expect(conflicted.unassigned?.inspectors?.code).toBe('CONFLICT_OF_INTEREST');
    expect(conflicted.unassigned?.lab).toEqual({
      code: 'LAB_CONFLICT',
      reason: `every accredited lab with capacity left (1) has a conflict with ${E[3]}`,
    });
    const pair = assignTasks(SEED, [task(1, E[4])], {
      inspectors: [inspector('S1'), inspector('S2'), inspector('S3', { capacity: 0 })],
      labs: [lab('L1')],
      previousPairs: [{ uscc: E[4], staffNos: ['S1', 'S2'] }],
    })[0];
    expect(pair.unassigned?.inspectors).toEqual({
      code: 'PAIR_RULE',
      reason: `the only valid pair (S1, S2) is the pair that last inspected ${E[4]}`,
    });
    expect(pair.lab).toBe('L1');
  });

  it('finds the valid pair even when almost the whole pool is invalid (the fallback)', () => {
    const inspectors = Array.from({ length: 2000 }, (_, i) =>
      inspector(`S${String(i).padStart(4, '0')}`, { capacity: i === 17 || i === 1234 ? 1 : 0 }),
    );
    const [a] = assignTasks(SEED, [task(1)], { inspectors, labs: [lab('L1')] });
    expect([...a.inspectors!].sort()).toEqual(['S0017', 'S1234']);
  });

  it('keeps every rule and leaves a task unassigned only when no valid choice exists', () => {
    fc.assert(
      fc.property(seedArb, tasksArb, poolsArb, (seed, tasks, pools) => {
        checkRules(tasks, pools, assignTasks(seed, tasks, pools));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and does not depend on the order of the pools', () => {
    fc.assert(
      fc.property(seedArb, tasksArb, poolsArb, (seed, tasks, pools) => {
        const reversed = {
          ...pools,
          inspectors: [...pools.inspectors].reverse(),
          labs: [...pools.labs].reverse(),
        };
        expect(assignTasks(seed, tasks, reversed)).toEqual(assignTasks(seed, tasks, pools));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses malformed pools', () => {
    const labs = [lab('L1')];
    expect(() =>
      assignTasks(SEED, [task(1)], { inspectors: [inspector('S1'), inspector('S1')], labs }),
    ).toThrow('duplicate inspector staffNo S1');
    expect(() =>
      assignTasks(SEED, [task(1)], { inspectors: [], labs: [lab('L1'), lab('L1')] }),
    ).toThrow('duplicate lab id L1');
    expect(() => assignTasks(SEED, [task(1), task(1)], { inspectors: [], labs })).toThrow(
      'duplicate taskNo 1',
    );
    expect(() =>
      assignTasks(SEED, [task(1)], { inspectors: [inspector('S1', { capacity: -1 })], labs }),
    ).toThrow('capacity must be an integer ≥ 0');
    expect(() =>
      assignTasks(SEED, [task(1)], {
        inspectors: [],
        labs,
        previousPairs: [{ uscc: E[0], staffNos: ['S1', 'S1'] }],
      }),
    ).toThrow('two different staff numbers');
  });
});
