import fc from 'fast-check';
import { RISK_CLASSES } from '../enums';
import {
  candidateBound,
  planStrata,
  selectFromCandidates,
  stratumName,
  type Candidate,
  type StrataPlan,
} from './candidates';
import {
  commitmentOf,
  completeDraw,
  eligibleDigestOf,
  runDraw,
  selectEnterprises,
  type EligibleEnterprise,
} from './index';
import {
  syntheticDirectory,
  syntheticInspectors,
  syntheticLabs,
  syntheticUscc,
} from './draw-fixtures';
import { sha256Hex } from './hash';
import {
  SnapshotSummary,
  parseEligibleSnapshot,
  snapshotLine,
  summarizeSnapshot,
} from './snapshot';

const SEED = 'candidates-seed-0123456789';

/** What the database does: every enterprise of a drawn stratum whose u32(key) is under the bound. */
function prefilter<C extends Candidate>(
  seed: string,
  plan: StrataPlan,
  all: readonly C[],
  stratify: boolean,
): C[] {
  const bounds = new Map(plan.strata.map((s) => [s.name, s]));
  return all.filter((e) => {
    const s = bounds.get(stratumName(e.riskClass, e.prefecture, stratify));
    if (!s || s.allotted === 0) return false;
    return s.bound == null || parseInt(sha256Hex(`${seed}:${e.uscc}`).slice(0, 8), 16) < s.bound;
  });
}

function sizesOf(all: readonly Candidate[]) {
  return all.map((e) => ({ riskClass: e.riskClass, prefecture: e.prefecture, size: 1 }));
}

describe('candidateBound', () => {
  it('takes everything when the quota is most of the stratum', () => {
    expect(candidateBound(10, 10)).toBeNull();
    expect(candidateBound(100, 50)).toBeNull();
  });

  it('leaves a margin of about 8 standard deviations above k', () => {
    const n = 1_000_000;
    const k = 30_000;
    const b = candidateBound(n, k)!;
    const expected = (b / 2 ** 32) * n;
    expect(expected).toBeGreaterThanOrEqual(k + 8 * Math.sqrt(k));
    expect(expected).toBeLessThan(k + 8 * Math.sqrt(k) + 40);
  });
});

describe('selectFromCandidates', () => {
  const directory = fc
    .record({
      n: fc.integer({ min: 0, max: 400 }),
      random: fc.integer({ min: 1, max: 1_000_000 }),
      stratify: fc.boolean(),
      maxTasks: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
      a: fc.integer({ min: 1, max: 10_000 }),
    })
    .map((o) => ({
      ...o,
      eligible: syntheticDirectory({
        enterprises: o.n,
        random: o.random,
        categories: ['C01', 'C02'],
        maxCategoriesEach: 2,
      }),
    }));

  it('selects exactly what selectEnterprises selects on the whole list', () => {
    fc.assert(
      fc.property(directory, ({ eligible, stratify, maxTasks, a }) => {
        const params = { ratiosBp: { A: a }, stratifyByPrefecture: stratify, maxTasks };
        const whole = selectEnterprises(SEED, eligible, params);
        const plan = planStrata(sizesOf(eligible), params);
        const got = selectFromCandidates(
          SEED,
          plan,
          prefilter(SEED, plan, eligible, stratify),
          stratify,
        );
        expect(got.ok).toBe(true);
        if (!got.ok) return;
        const { eligibleDigest, ...rest } = whole;
        expect(got.selection).toEqual(rest);
        expect(eligibleDigest).toBe(eligibleDigestOf(eligible.map((e) => e.uscc)));
      }),
      { numRuns: 150 },
    );
  });

  it('names a stratum whose candidates fall short instead of guessing', () => {
    const eligible = syntheticDirectory({ enterprises: 3000, random: 7 });
    const plan = planStrata(sizesOf(eligible), {});
    const candidates = prefilter(SEED, plan, eligible, false).filter((e) => e.riskClass !== 'B');
    const got = selectFromCandidates(SEED, plan, candidates, false);
    expect(got).toEqual({ ok: false, short: ['B'] });
  });

  it('refuses a candidate above its stratum bound', () => {
    const eligible = syntheticDirectory({ enterprises: 5000, random: 9 });
    const plan = planStrata(sizesOf(eligible), {});
    const a = plan.strata.find((s) => s.name === 'A')!;
    expect(a.bound).not.toBeNull();
    const above = eligible.find(
      (e) =>
        e.riskClass === 'A' &&
        parseInt(sha256Hex(`${SEED}:${e.uscc}`).slice(0, 8), 16) >= (a.bound as number),
    )!;
    const candidates = [...prefilter(SEED, plan, eligible, false), above];
    expect(() => selectFromCandidates(SEED, plan, candidates, false)).toThrow(
      /above the stratum bound/,
    );
  });

  it('gives runDraw’s record when completed with completeDraw', () => {
    const seed = 'complete-draw-seed-0123';
    const eligible = syntheticDirectory({
      enterprises: 2000,
      random: 3,
      categories: ['C01', 'C02', 'C03'],
      maxCategoriesEach: 3,
    });
    const inspectors = syntheticInspectors(40, ['C01', 'C02', 'C03']);
    const labs = syntheticLabs(4, ['C01', 'C02', 'C03'], 50);
    const full = runDraw({
      seed,
      commitment: commitmentOf(seed),
      eligible,
      maxTasks: 120,
      stratifyByPrefecture: true,
      inspectorCapacity: 9,
      inspectors,
      labs,
    });
    const params = full.params;
    const plan = planStrata(sizesOf(eligible), params);
    const got = selectFromCandidates(seed, plan, prefilter(seed, plan, eligible, true), true);
    if (!got.ok) throw new Error('short');
    const header = completeDraw({
      seed,
      commitment: commitmentOf(seed),
      params,
      selection: {
        ...got.selection,
        eligibleDigest: eligibleDigestOf(eligible.map((e) => e.uscc)),
      },
      categoriesOf: (i) => got.chosen[i].categories,
      inspectors,
      labs,
    });
    const { eligible: list, ...rest } = full;
    expect(header).toEqual(rest);
    expect(list).toHaveLength(eligible.length);
  });
});

describe('eligible snapshot', () => {
  it('round-trips the canonical eligible list and gives its digest', () => {
    const eligible: EligibleEnterprise[] = syntheticDirectory({ enterprises: 500, random: 11 })
      .map((e) => ({ ...e, categories: [...e.categories].sort() }))
      .sort((a, b) => (a.uscc < b.uscc ? -1 : 1));
    const text = eligible.map(snapshotLine).join('\n');
    expect(parseEligibleSnapshot(text)).toEqual(eligible);
    expect(summarizeSnapshot(text).eligibleDigest).toBe(
      eligibleDigestOf(eligible.map((e) => e.uscc)),
    );
    // The strata sizes read off the text are those selectEnterprises counts.
    for (const stratify of [false, true]) {
      const fromText = planStrata(summarizeSnapshot(text).sizes, {
        stratifyByPrefecture: stratify,
      });
      const whole = selectEnterprises(SEED, eligible, { stratifyByPrefecture: stratify });
      expect(fromText.strata.map((s) => [s.name, s.size, s.allotted])).toEqual(
        whole.strata.map((s) => [s.name, s.size, s.allotted]),
      );
    }
    expect(parseEligibleSnapshot('')).toEqual([]);
    expect(summarizeSnapshot('').eligibleDigest).toBe(eligibleDigestOf([]));
  });

  it('keeps an entry without prefecture without one', () => {
    const e = { uscc: syntheticUscc('150100', 1), riskClass: RISK_CLASSES[0], categories: ['C01'] };
    expect(parseEligibleSnapshot(snapshotLine(e))).toEqual([e]);
  });

  it('refuses a line with missing fields', () => {
    expect(() => parseEligibleSnapshot('911501000000000004\tA')).toThrow(/line 1/);
  });
});

describe('SnapshotSummary (the snapshot read in pieces as COPY sends it)', () => {
  const eligible: EligibleEnterprise[] = syntheticDirectory({ enterprises: 300, random: 5 })
    .map((e, i) => ({
      ...e,
      // Multi-byte category codes: pieces may split a character.
      categories: i % 7 === 0 ? ['乳制品', ...e.categories].sort() : [...e.categories].sort(),
    }))
    .sort((a, b) => (a.uscc < b.uscc ? -1 : 1));
  const lines = eligible.map((e) => `${snapshotLine(e)}\n`).join('');
  const bytes = new TextEncoder().encode(lines);
  const bySize = (a: { riskClass: string; prefecture?: string }, b: typeof a) =>
    `${a.riskClass}/${a.prefecture}` < `${b.riskClass}/${b.prefecture}` ? -1 : 1;

  it('gives the digest, count and strata sizes of the whole list however it is split', () => {
    const digest = eligibleDigestOf(eligible.map((e) => e.uscc));
    const sizes = summarizeSnapshot(lines.slice(0, -1)).sizes.sort(bySize);
    expect(sizes.reduce((n, s) => n + s.size, 0)).toBe(eligible.length);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 })), (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const s = new SnapshotSummary();
        for (let i = 1; i < at.length; i++) s.push(bytes.subarray(at[i - 1], at[i]));
        const r = s.finish();
        expect(r.eligibleCount).toBe(eligible.length);
        expect(r.eligibleDigest).toBe(digest);
        expect(r.sizes.sort(bySize)).toEqual(sizes);
      }),
      { numRuns: 50 },
    );
  });

  it('reads a last line without its newline, and nothing as the empty list', () => {
    const s = new SnapshotSummary();
    s.push(bytes.subarray(0, bytes.length - 1));
    expect(s.finish().eligibleDigest).toBe(eligibleDigestOf(eligible.map((e) => e.uscc)));
    expect(new SnapshotSummary().finish()).toEqual({
      eligibleCount: 0,
      eligibleDigest: eligibleDigestOf([]),
      sizes: [],
    });
  });

  it('counts strata it cannot key by number under their text', () => {
    const s = new SnapshotSummary();
    s.push(
      new TextEncoder().encode('911501000000000004\tA\t\tC01\n911501000000000012\tA\t1501\tC01\n'),
    );
    expect(s.finish().sizes).toEqual([
      { riskClass: 'A', size: 1 },
      { riskClass: 'A', prefecture: '1501', size: 1 },
    ]);
  });

  it('names the first malformed line when finished, not in the middle of the stream', () => {
    const s = new SnapshotSummary();
    const bad = new TextEncoder().encode(`${lines}911501000000000004\tA\n${lines}`);
    expect(() => s.push(bad)).not.toThrow();
    expect(() => s.finish()).toThrow(`line ${eligible.length + 1} has fewer than 4 fields`);
    const short = new SnapshotSummary();
    short.push(new TextEncoder().encode('91150100000000\tA\t150100\tC01'));
    expect(() => short.finish()).toThrow(/line 1 does not start with an 18-character USCC/);
  });
});
