import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { RISK_CLASSES, type RiskClass } from '../enums';
import { syntheticDirectory, syntheticUscc } from './draw-fixtures';
import { sha256Lead52 } from './hash';
import { capQuotas, resolveRatios, stratumQuota } from './quota';
import {
  type SelectionCandidate,
  type SelectionParams,
  eligibleDigestOf,
  rankKey,
  selectEnterprises,
} from './selection';

const SEED = '0123456789abcdef0123456789abcdef';
const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** The selection as documented, done the slow obvious way: sort every stratum by key. */
function naiveSelection(seed: string, eligible: SelectionCandidate[], p: SelectionParams) {
  const ratios = resolveRatios(p.ratiosBp);
  const groups = new Map<string, { uscc: string; key: string }[]>();
  const classOf = new Map<string, RiskClass>();
  for (const e of eligible) {
    const name = p.stratifyByPrefecture ? `${e.riskClass}/${e.prefecture}` : e.riskClass;
    classOf.set(name, e.riskClass);
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name)!.push({ uscc: e.uscc, key: sha(`${seed}:${e.uscc}`) });
  }
  const names = [...groups.keys()].sort();
  const quotas = names.map((n) => stratumQuota(groups.get(n)!.length, ratios[classOf.get(n)!]));
  const allotted = capQuotas(quotas, names, p.maxTasks ?? null);
  const byRank = (a: { uscc: string; key: string }, b: { uscc: string; key: string }) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.uscc < b.uscc ? -1 : 1;
  const strata = names.map((n, j) => {
    const sorted = [...groups.get(n)!].sort(byRank);
    return { name: n, size: sorted.length, quota: quotas[j], picked: sorted.slice(0, allotted[j]) };
  });
  const all = strata.flatMap((s) => s.picked.map((x) => ({ ...x, stratum: s.name }))).sort(byRank);
  const digest = sha(
    eligible
      .map((e) => e.uscc)
      .sort()
      .join('\n'),
  );
  return { strata, all, digest };
}

const PREFS = ['150100', '150200', '150300'];
const directory = fc
  .uniqueArray(fc.nat(30_000), { maxLength: 120 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(fc.constantFrom(...RISK_CLASSES), { minLength: ids.length, maxLength: ids.length }),
    ),
  )
  .map(([ids, classes]) =>
    ids.map((id, i) => {
      const prefecture = PREFS[id % 3];
      return { uscc: syntheticUscc(prefecture, id), riskClass: classes[i], prefecture };
    }),
  );
const params: fc.Arbitrary<SelectionParams> = fc.record({
  ratiosBp: fc.record(
    { A: fc.nat(10000), B: fc.nat(10000), C: fc.nat(10000), D: fc.nat(10000) },
    { requiredKeys: [] },
  ),
  stratifyByPrefecture: fc.boolean(),
  maxTasks: fc.option(fc.nat(40), { nil: null }),
});
const seedArb = fc
  .array(fc.integer({ min: 0x21, max: 0x7e }), { minLength: 16, maxLength: 40 })
  .map((a) => String.fromCharCode(...a));

describe('rank key and eligible digest', () => {
  it('rank key is SHA-256 of `${seed}:${uscc}` in lowercase hex (sha256sum and PostgreSQL agree)', () => {
    // printf '%s' '0123456789abcdef0123456789abcdef:9115050000000000WF' | sha256sum
    // SELECT encode(sha256(convert_to(seed || ':' || uscc, 'UTF8')), 'hex')
    expect(rankKey(SEED, '9115050000000000WF')).toBe(
      '0027c9754f994fb8aac630503cb47681cd10eb3dadc33fb952a05d3cd2337c4c',
    );
  });

  it('digest is SHA-256 of the USCCs sorted in code-unit order and joined by \\n', () => {
    expect(eligibleDigestOf([])).toBe(sha(''));
    expect(eligibleDigestOf(['B', 'A', 'C'])).toBe(sha('A\nB\nC'));
    const dir = syntheticDirectory({ enterprises: 300 });
    const sel = selectEnterprises(SEED, dir);
    expect(sel.eligibleDigest).toBe(
      sha(
        dir
          .map((e) => e.uscc)
          .sort()
          .join('\n'),
      ),
    );
    expect(sel.eligibleDigest).toBe(eligibleDigestOf(dir.map((e) => e.uscc)));
  });
});

describe('selection', () => {
  it('equals the obvious sort-everything selection on random directories and parameters', () => {
    fc.assert(
      fc.property(seedArb, directory, params, (seed, dir, p) => {
        const got = selectEnterprises(seed, dir, p);
        const want = naiveSelection(seed, dir, p);
        expect(got.eligibleDigest).toBe(want.digest);
        expect(got.eligibleCount).toBe(dir.length);
        expect(got.strata.map((s) => [s.name, s.size, s.quota, s.selected])).toEqual(
          want.strata.map((s) => [s.name, s.size, s.quota, s.picked.map((x) => x.uscc)]),
        );
        expect(got.selected).toEqual(
          want.all.map((x) => ({ uscc: x.uscc, stratum: x.stratum, key: x.key })),
        );
        got.strata.forEach((s) => expect(s.allotted).toBe(s.selected.length));
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(seedArb, directory, params, fc.nat(), (seed, dir, p, r) => {
        const shuffled = [...dir].sort(
          (a, b) => (sha(a.uscc + r).charCodeAt(0) - sha(b.uscc + r).charCodeAt(0)) | 0,
        );
        expect(selectEnterprises(seed, shuffled, p)).toEqual(selectEnterprises(seed, dir, p));
      }),
      { numRuns: 100 },
    );
  });

  it('takes ceil(n × ratio) per class with the default ratios', () => {
    const dir = syntheticDirectory({ enterprises: 1000 });
    const sel = selectEnterprises(SEED, dir);
    const size = (c: RiskClass) => dir.filter((e) => e.riskClass === c).length;
    expect(sel.strata.map((s) => [s.name, s.size, s.quota, s.selected.length])).toEqual([
      ['A', size('A'), Math.ceil((size('A') * 3) / 100), Math.ceil((size('A') * 3) / 100)],
      ['B', size('B'), Math.ceil(size('B') / 10), Math.ceil(size('B') / 10)],
      ['C', size('C'), Math.ceil((size('C') * 3) / 10), Math.ceil((size('C') * 3) / 10)],
      ['D', size('D'), size('D'), size('D')],
    ]);
    expect(sel.capApplied).toBe(false);
    // Every selected key is below every unselected key of its stratum.
    for (const s of sel.strata) {
      const keys = dir.filter((e) => e.riskClass === s.riskClass).map((e) => rankKey(SEED, e.uscc));
      const chosen = new Set(s.selected.map((u) => rankKey(SEED, u)));
      const maxChosen = [...chosen].sort().pop() ?? '';
      for (const k of keys) if (!chosen.has(k)) expect(k > maxChosen).toBe(true);
    }
  });

  it('stratifies by prefecture: strata named class/prefecture in name order', () => {
    const dir = syntheticDirectory({ enterprises: 600, prefectures: ['152900', '150100'] });
    const sel = selectEnterprises(SEED, dir, { stratifyByPrefecture: true });
    expect(sel.strata.map((s) => s.name)).toEqual([
      'A/150100',
      'A/152900',
      'B/150100',
      'B/152900',
      'C/150100',
      'C/152900',
      'D/150100',
      'D/152900',
    ]);
    expect(sel.strata[1]).toMatchObject({ riskClass: 'A', prefecture: '152900' });
  });

  it('applies the cap: totals maxTasks, at least one per sampled stratum', () => {
    const dir = syntheticDirectory({ enterprises: 2000 });
    const sel = selectEnterprises(SEED, dir, { maxTasks: 50 });
    expect(sel.capApplied).toBe(true);
    expect(sel.selected).toHaveLength(50);
    expect(sel.totalQuota).toBeGreaterThan(50);
    for (const s of sel.strata) {
      expect(s.allotted).toBeGreaterThanOrEqual(1);
      expect(s.allotted).toBeLessThanOrEqual(s.quota);
    }
    // The capped choice is the lowest keys, so it is a prefix of the uncapped one.
    const full = selectEnterprises(SEED, dir);
    sel.strata.forEach((s, i) =>
      expect(s.selected).toEqual(full.strata[i].selected.slice(0, s.allotted)),
    );
  });

  it('orders keys equal in their first 52 bits by the full key (a real near-collision)', () => {
    // Found by hashing 1.4 × 10^8 synthetic USCCs: the keys share 14 hex digits, and the USCC
    // order is the opposite of the key order, so only a full-key comparison gets this right.
    const seed = 'collision-search-seed-0001';
    const [first, second] = ['91150100000492XF7C', '911501000002A9RB7N'];
    expect(rankKey(seed, first).slice(0, 14)).toBe(rankKey(seed, second).slice(0, 14));
    expect(rankKey(seed, first) < rankKey(seed, second)).toBe(true);
    expect(second < first).toBe(true);
    const others = syntheticDirectory({ enterprises: 60, prefectures: ['150100'] });
    const dir = [
      ...others,
      { uscc: second, riskClass: 'A' as const, prefecture: '150100' },
      { uscc: first, riskClass: 'A' as const, prefecture: '150100' },
    ];
    for (const ratiosBp of [{ A: 5000 }, { A: 10000 }, { A: 100 }, { A: 2000 }]) {
      const want = naiveSelection(seed, dir, { ratiosBp });
      const got = selectEnterprises(seed, dir, { ratiosBp });
      expect(got.strata.map((x) => x.selected)).toEqual(
        want.strata.map((x) => x.picked.map((y) => y.uscc)),
      );
      expect(got.selected.map((x) => x.uscc)).toEqual(want.all.map((x) => x.uscc));
    }
    // Alone in a stratum of two with quota 1, the lower full key wins.
    const two = [
      { uscc: second, riskClass: 'A' as const },
      { uscc: first, riskClass: 'A' as const },
    ];
    expect(selectEnterprises(seed, two, { ratiosBp: { A: 5000 } }).strata[0].selected).toEqual([
      first,
    ]);
    // In different strata, the merge into task order compares full keys too.
    const split = [
      { uscc: second, riskClass: 'C' as const },
      { uscc: first, riskClass: 'D' as const },
    ];
    expect(
      selectEnterprises(seed, split, { ratiosBp: { C: 10000 } }).selected.map((x) => x.uscc),
    ).toEqual([first, second]);
  });

  it('with no eligible enterprises selects nothing', () => {
    const sel = selectEnterprises(SEED, []);
    expect(sel).toMatchObject({ eligibleCount: 0, strata: [], selected: [], totalQuota: 0 });
    expect(sel.eligibleDigest).toBe(sha(''));
  });

  it('refuses bad input with a message naming the entry', () => {
    const ok = syntheticDirectory({ enterprises: 3 });
    expect(() => selectEnterprises('short', ok)).toThrow('16–256');
    expect(() => selectEnterprises(SEED, [...ok, ok[1]])).toThrow(`duplicate USCC ${ok[1].uscc}`);
    expect(() => selectEnterprises(SEED, [ok[0], ok[0]])).toThrow('duplicate USCC');
    expect(() => selectEnterprises(SEED, [{ ...ok[0], uscc: '91150100MA0000000X' }])).toThrow(
      'is not a valid USCC',
    );
    expect(() => selectEnterprises(SEED, [{ ...ok[0], riskClass: 'E' as RiskClass }])).toThrow(
      'unknown risk class "E"',
    );
    expect(() =>
      selectEnterprises(SEED, [{ uscc: ok[0].uscc, riskClass: 'A' }], {
        stratifyByPrefecture: true,
      }),
    ).toThrow('prefecture code is required');
    expect(() => selectEnterprises(SEED, ok, { maxTasks: -1 })).toThrow('maxTasks');
    expect(() => selectEnterprises(SEED, ok, { ratiosBp: { A: 1.5 } })).toThrow('basis points');
  });
});

describe('sha256Lead52', () => {
  it('is the value of the first 13 hex digits of the SHA-256 of the UTF-8 text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (text) => {
        expect(sha256Lead52(text)).toBe(parseInt(sha(text).slice(0, 13), 16));
      }),
      { numRuns: 500 },
    );
    expect(sha256Lead52('')).toBe(0xe3b0c44298fc1);
  });
});
