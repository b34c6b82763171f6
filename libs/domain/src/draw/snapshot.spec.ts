import fc from 'fast-check';
import { RISK_CLASSES } from '../enums';
import {
  commitmentOf,
  drawFromSnapshot,
  eligibleDigestOf,
  runDraw,
  selectEnterprises,
  selectRanked,
  type EligibleEnterprise,
} from './index';
import {
  syntheticDirectory,
  syntheticInspectors,
  syntheticLabs,
  syntheticUscc,
} from './draw-fixtures';
import {
  SnapshotRanker,
  parseEligibleSnapshot,
  snapshotLine,
  sortSnapshot,
  type RankedSnapshot,
} from './snapshot';

const SEED = 'snapshot-seed-0123456789';
const byUscc = (a: { uscc: string }, b: { uscc: string }) => (a.uscc < b.uscc ? -1 : 1);
const encode = (s: string) => new TextEncoder().encode(s);

/** The snapshot text of a directory sorted, each line ending in '\n' (as the record lists it). */
function snapshotOf(eligible: readonly EligibleEnterprise[]): string {
  return [...eligible]
    .sort(byUscc)
    .map((e) => `${snapshotLine(e)}\n`)
    .join('');
}

/** The lines of a directory in its own (random) order, the last without its '\n'. */
function linesOf(eligible: readonly EligibleEnterprise[]): string {
  return eligible.map(snapshotLine).join('\n');
}

/** A whole snapshot text ranked in one piece. */
function rankSnapshot(seed: string, stratify: boolean, snapshot: string): RankedSnapshot {
  const r = new SnapshotRanker(seed, stratify);
  if (snapshot.length > 0) r.push(encode(snapshot));
  return r.finish();
}

/** Feeds the bytes to a ranker in pieces cut at the given offsets. */
function rankInPieces(bytes: Uint8Array, cuts: number[], stratify: boolean) {
  const at = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
  const r = new SnapshotRanker(SEED, stratify);
  for (let i = 1; i < at.length; i++) r.push(bytes.subarray(at[i - 1], at[i]));
  return r.finish();
}

describe('SnapshotRanker and selectRanked', () => {
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
        categories: ['C01', 'C02', '乳制品'],
        maxCategoriesEach: 3,
      }),
    }));

  it('select exactly what selectEnterprises selects on the objects, however the bytes are cut', () => {
    fc.assert(
      fc.property(
        directory,
        fc.uniqueArray(fc.nat(), { maxLength: 20 }),
        fc.boolean(),
        ({ eligible, stratify, maxTasks, a }, rawCuts, shuffled) => {
          const params = { ratiosBp: { A: a }, stratifyByPrefecture: stratify, maxTasks };
          // In USCC order as stored, or in the order a COPY without ORDER BY sends.
          const text = shuffled ? linesOf(eligible) : snapshotOf(eligible);
          const bytes = encode(text);
          const cuts = rawCuts.map((c) => c % Math.max(1, bytes.length));
          const ranked = rankInPieces(bytes, cuts, stratify);
          const { rows, ...got } = selectRanked(SEED, ranked, params);
          expect(got).toEqual(selectEnterprises(SEED, eligible, params));
          expect(got.eligibleDigest).toBe(eligibleDigestOf(eligible.map((e) => e.uscc)));
          // The record lists the lines sorted, whatever order they were stored in.
          expect(new TextDecoder().decode(sortSnapshot(bytes))).toBe(snapshotOf(eligible));
          // Each selected row carries its enterprise's categories, sorted and unique.
          const byCode = new Map(eligible.map((e) => [e.uscc, e]));
          rows.forEach((row, t) => {
            const e = byCode.get(got.selected[t].uscc)!;
            expect(ranked.uscc(row)).toBe(e.uscc);
            expect(ranked.categories(row)).toEqual([...new Set(e.categories)].sort());
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives runDraw’s record through drawFromSnapshot', () => {
    const seed = 'complete-draw-seed-0123';
    const eligible = syntheticDirectory({
      enterprises: 2000,
      random: 3,
      categories: ['C01', 'C02', 'C03'],
      maxCategoriesEach: 3,
    });
    const input = {
      seed,
      commitment: commitmentOf(seed),
      maxTasks: 120,
      stratifyByPrefecture: true,
      inspectorCapacity: 9,
      inspectors: syntheticInspectors(40, ['C01', 'C02', 'C03']),
      labs: syntheticLabs(4, ['C01', 'C02', 'C03'], 50),
    };
    const { eligible: list, ...full } = runDraw({ ...input, eligible });
    const header = drawFromSnapshot(input, rankSnapshot(seed, true, snapshotOf(eligible)));
    expect(header).toEqual(full);
    expect(list).toHaveLength(eligible.length);
  });

  it('sorts and selects right past its first row and byte capacities (40,000 rows)', () => {
    const eligible = syntheticDirectory({ enterprises: 40_000, random: 8 });
    const bytes = encode(linesOf(eligible));
    const ranked = rankInPieces(bytes, [1, 65_536, 65_555, 300_001, bytes.length - 7], true);
    expect(new TextDecoder().decode(sortSnapshot(bytes))).toBe(snapshotOf(eligible));
    const params = { stratifyByPrefecture: true, maxTasks: 500 };
    const { rows: _rows, ...got } = selectRanked(SEED, ranked, params);
    expect(got).toEqual(selectEnterprises(SEED, eligible, params));
  });

  it('reads a last line without its newline, and nothing as the empty list', () => {
    const eligible = syntheticDirectory({ enterprises: 50, random: 4 });
    const text = snapshotOf(eligible);
    const digest = eligibleDigestOf(eligible.map((e) => e.uscc));
    expect(rankSnapshot(SEED, false, text.slice(0, -1)).digest).toBe(digest);
    expect(rankSnapshot(SEED, false, text).count).toBe(50);
    const none = rankSnapshot(SEED, false, '');
    expect(none.count).toBe(0);
    expect(none.digest).toBe(eligibleDigestOf([]));
    expect(none.strata).toEqual([]);
  });

  it('names the first malformed line when finished, not in the middle of the stream', () => {
    const eligible = syntheticDirectory({ enterprises: 30, random: 5 });
    const good = snapshotOf(eligible);
    const r = new SnapshotRanker(SEED, false);
    const last = [...eligible].sort(byUscc)[eligible.length - 1].uscc;
    expect(() => r.push(encode(`${good}${last}\tA\n${good}`))).not.toThrow();
    expect(() => r.finish()).toThrow(
      `eligible snapshot: line ${eligible.length + 1} has fewer than 4 fields`,
    );
  });

  it('refuses what selectWithRows refuses, naming the line', () => {
    const [u1, u2] = [syntheticUscc('150100', 1), syntheticUscc('150100', 2)].sort();
    const bad =
      (text: string, stratify = false) =>
      () =>
        rankSnapshot(SEED, stratify, text);
    expect(bad('91150100000000\tA\t150100\tC01')).toThrow(
      /line 1 does not start with an 18-character USCC/,
    );
    expect(bad(`${u1.slice(0, 17)}Z\tA\t150100\tC01`)).toThrow(/line 1: .* is not a valid USCC/);
    expect(bad(`${u1}\tA\t150100\tC01\n${u1}\tB\t150100\tC01`)).toThrow(
      `line 2: duplicate USCC ${u1}`,
    );
    expect(bad(`${u2}\tA\t150100\tC01\n${u1}\tB\t150100\tC01\n${u2}\tB\t150100\tC01`)).toThrow(
      `eligible snapshot: duplicate USCC ${u2}`,
    );
    expect(bad(`${u1}\tE\t150100\tC01`)).toThrow(`line 1 (${u1}): unknown risk class "E"`);
    expect(bad(`${u1}\tAB\t150100\tC01`)).toThrow(/unknown risk class "AB"/);
    expect(bad(`${u1}\tA\t1501\tC01`, true)).toThrow(/a 6-digit prefecture code is required/);
    expect(bad(`${u1}\tA\t\tC01`, true)).toThrow(/a 6-digit prefecture code is required/);
    expect(bad(`${u1}\tA\t\tC01`, false)).not.toThrow();
    expect(bad(`${u1}\tA\t150100\t`)).toThrow(/categories must be a non-empty list/);
    expect(bad(`${u1}\tA\t150100\tC01,,C02`)).toThrow(/categories must be a non-empty list/);
    expect(() => new SnapshotRanker('short', false)).toThrow();
  });

  it('keeps the strata of a prefecture written with leading zeros as written', () => {
    const u = syntheticUscc('150100', 1);
    const ranked = rankSnapshot(SEED, true, `${u}\tB\t010100\tC02,C01,C02`);
    expect(ranked.strata).toEqual([
      { name: 'B/010100', riskClass: 'B', prefecture: '010100', size: 1 },
    ]);
    expect(ranked.categories(0)).toEqual(['C01', 'C02']);
  });
});

describe('eligible snapshot text', () => {
  it('round-trips the canonical eligible list', () => {
    const eligible: EligibleEnterprise[] = syntheticDirectory({ enterprises: 500, random: 11 })
      .map((e) => ({ ...e, categories: [...e.categories].sort() }))
      .sort(byUscc);
    const text = eligible.map(snapshotLine).join('\n');
    expect(parseEligibleSnapshot(text)).toEqual(eligible);
    expect(parseEligibleSnapshot('')).toEqual([]);
  });

  it('lists categories sorted and once each, as the record does', () => {
    const u = syntheticUscc('150100', 1);
    expect(parseEligibleSnapshot(`${u}\tA\t150100\tC02,C01,C02`)).toEqual([
      { uscc: u, riskClass: 'A', prefecture: '150100', categories: ['C01', 'C02'] },
    ]);
  });

  it('keeps an entry without prefecture without one', () => {
    const e = { uscc: syntheticUscc('150100', 1), riskClass: RISK_CLASSES[0], categories: ['C01'] };
    expect(parseEligibleSnapshot(snapshotLine(e))).toEqual([e]);
  });

  it('refuses a line with missing fields', () => {
    expect(() => parseEligibleSnapshot('911501000000000004\tA')).toThrow(/line 1/);
  });
});
