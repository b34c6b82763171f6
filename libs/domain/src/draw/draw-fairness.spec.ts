/**
 * Fairness, tested rather than claimed (docs/rules.md §3.2): over many fixed seeds, how often each
 * enterprise is selected must fit the stated ratio of its class, and inspectors and labs must
 * be drawn evenly. Chi-square goodness-of-fit tests at significance level α = 0.001 each; the
 * seeds are fixed, so the outcome is stable, and the statistics are documented in
 * docs/draw-algorithm.md §10.
 *
 * Within a class of n enterprises with quota k, every draw is a sample of k without
 * replacement, so an enterprise's indicator has variance p(1 − p) with p = k/n and any two are
 * correlated (−p(1 − p)/(n − 1)). Over S independent draws the counts O_i therefore give
 *
 *   Q = (n − 1) / n · Σ (O_i − S·p)² / (S·p·(1 − p))  ~  χ²(n − 1),
 *
 * the usual Pearson statistic corrected for sampling without replacement (without the
 * correction the test would be too lenient by the factor (1 − p)·n/(n − 1)). The same
 * formula with k = 2 applies to inspector pairs; a lab is one draw with replacement from the
 * pool, so the plain Pearson statistic Σ (O − E)² / E applies.
 */
import { RISK_CLASSES, type RiskClass } from '../enums';
import { assignTasks } from './assignment';
import { syntheticUscc } from './draw-fixtures';
import { selectEnterprises } from './selection';

/** Upper (1 − α) and lower (α) quantiles of χ²(df) for α = 0.001 (scipy.stats.chi2.ppf). */
const CHI2_999: Record<number, number> = {
  99: 148.23,
  49: 85.351,
  29: 58.301,
  177: 240.88,
  19: 43.82,
  9: 27.877,
};
const CHI2_001: Record<number, number> = {
  99: 61.137,
  49: 23.983,
  29: 10.986,
  177: 124.501,
  19: 5.407,
  9: 1.152,
};

const SEEDS = 2000;
const seedOf = (i: number) => `fairness-seed-${String(i).padStart(6, '0')}`;

/** Q for counts of n units, each drawn with probability p per round, k of n without replacement. */
function withoutReplacementQ(counts: number[], rounds: number, p: number): number {
  const n = counts.length;
  const e = rounds * p;
  const ss = counts.reduce((a, o) => a + (o - e) ** 2, 0);
  return ((n - 1) / n) * (ss / (rounds * p * (1 - p)));
}

// 200 enterprises: A 100, B 50, C 30, D 20, so that n × ratio is whole: k = 3, 5, 9, 20.
const SIZES: Record<RiskClass, number> = { A: 100, B: 50, C: 30, D: 20 };
const RATIO: Record<RiskClass, number> = { A: 0.03, B: 0.1, C: 0.3, D: 1 };
const directory = RISK_CLASSES.flatMap((rc, c) =>
  Array.from({ length: SIZES[rc] }, (_, i) => ({
    uscc: syntheticUscc('150100', c * 1000 + i),
    riskClass: rc,
  })),
);

describe('fairness of the selection (χ², α = 0.001, 2000 fixed seeds, 200 enterprises)', () => {
  const counts = new Map<string, number>(directory.map((e) => [e.uscc, 0]));
  const perClass: Record<RiskClass, number> = { A: 0, B: 0, C: 0, D: 0 };
  beforeAll(() => {
    for (let s = 0; s < SEEDS; s++) {
      for (const st of selectEnterprises(seedOf(s), directory).strata) {
        perClass[st.riskClass] += st.selected.length;
        for (const u of st.selected) counts.set(u, counts.get(u)! + 1);
      }
    }
  });

  it('selects each class at exactly its stated ratio per draw', () => {
    for (const rc of RISK_CLASSES) {
      expect([rc, perClass[rc] / (SEEDS * SIZES[rc])]).toEqual([rc, RATIO[rc]]);
    }
  });

  it.each(['A', 'B', 'C'] as RiskClass[])(
    'class %s: every enterprise is selected at the class ratio (χ² goodness of fit)',
    (rc) => {
      const c = directory.filter((e) => e.riskClass === rc).map((e) => counts.get(e.uscc)!);
      const df = c.length - 1;
      const q = withoutReplacementQ(c, SEEDS, RATIO[rc]);
      expect(q).toBeLessThan(CHI2_999[df]);
      // Not suspiciously even either (a rotation instead of a random draw would give Q ≈ 0).
      expect(q).toBeGreaterThan(CHI2_001[df]);
    },
  );

  it('pooled over classes A–C (df 177), and class D (100 %) is always selected', () => {
    let q = 0;
    for (const rc of ['A', 'B', 'C'] as RiskClass[]) {
      const c = directory.filter((e) => e.riskClass === rc).map((e) => counts.get(e.uscc)!);
      q += withoutReplacementQ(c, SEEDS, RATIO[rc]);
    }
    expect(q).toBeLessThan(CHI2_999[177]);
    expect(q).toBeGreaterThan(CHI2_001[177]);
    for (const e of directory.filter((x) => x.riskClass === 'D'))
      expect(counts.get(e.uscc)).toBe(SEEDS);
  });
});

describe('fairness of inspector and lab assignment (χ², α = 0.001)', () => {
  const TASKS = 4000;
  const inspectors = Array.from({ length: 20 }, (_, i) => ({
    staffNo: `S${String(i).padStart(3, '0')}`,
    categories: ['C01'],
  }));
  const labs = Array.from({ length: 10 }, (_, i) => ({
    id: `lab-${i}`,
    categories: ['C01'],
    capacity: TASKS,
  }));
  const tasks = Array.from({ length: TASKS }, (_, i) => ({
    taskNo: i + 1,
    uscc: syntheticUscc('150200', i),
    category: 'C01',
  }));
  const out = assignTasks(seedOf(0), tasks, { inspectors, labs });

  it('draws every inspector equally often (pairs of 2 from 20, df 19)', () => {
    const count = new Map(inspectors.map((p) => [p.staffNo, 0]));
    for (const a of out) for (const s of a.inspectors!) count.set(s, count.get(s)! + 1);
    const q = withoutReplacementQ([...count.values()], TASKS, 2 / 20);
    expect(q).toBeLessThan(CHI2_999[19]);
    expect(q).toBeGreaterThan(CHI2_001[19]);
  });

  it('draws every lab equally often (1 of 10, df 9)', () => {
    const count = new Map(labs.map((l) => [l.id, 0]));
    for (const a of out) count.set(a.lab!, count.get(a.lab!)! + 1);
    const e = TASKS / 10;
    const q = [...count.values()].reduce((s, o) => s + (o - e) ** 2 / e, 0);
    expect(q).toBeLessThan(CHI2_999[9]);
    expect(q).toBeGreaterThan(CHI2_001[9]);
  });

  it('has the first and second inspector of a pair drawn alike (no position bias)', () => {
    const first = new Map(inspectors.map((p) => [p.staffNo, 0]));
    for (const a of out) first.set(a.inspectors![0], first.get(a.inspectors![0])! + 1);
    const e = TASKS / 20;
    const q = [...first.values()].reduce((s, o) => s + (o - e) ** 2 / e, 0);
    expect(q).toBeLessThan(CHI2_999[19]);
  });
});
