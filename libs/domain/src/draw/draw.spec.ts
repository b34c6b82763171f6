import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { RISK_CLASSES, type RiskClass } from '../enums';
import type { DrawInspector, DrawLab, PreviousPair } from './assignment';
import {
  DRAW_ALGORITHM_VERSION,
  type DrawInput,
  type EligibleEnterprise,
  chooseCategory,
  runDraw,
  verifyDraw,
  verifyDrawSnapshot,
} from './draw';
import { snapshotLine } from './snapshot';
import {
  syntheticDirectory,
  syntheticInspectors,
  syntheticLabs,
  syntheticUscc,
} from './draw-fixtures';
import { commitmentOf } from './seed';

const SEED = '0123456789abcdef0123456789abcdef';
const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const u32 = (s: string): number => parseInt(sha(s).slice(0, 8), 16);
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
/** A record as a verifier reads it from a file, to be tampered with. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Mutable = Record<string, any>;

/**
 * docs/draw-algorithm.md, re-implemented from the text the slow and obvious way (every
 * stratum fully sorted, pools filtered on every probe). Only hashing comes from node:crypto.
 */
function referenceDraw(input: DrawInput) {
  const seed = input.seed;
  const ratios: Record<RiskClass, number> = {
    A: 300,
    B: 1000,
    C: 3000,
    D: 10000,
    ...(input.ratiosBp ?? {}),
  };
  const eligible = [...input.eligible].sort((a, b) => byCode(a.uscc, b.uscc));
  const eligibleDigest = sha(eligible.map((e) => e.uscc).join('\n'));
  const key = (u: string) => sha(`${seed}:${u}`);
  const nameOf = (e: EligibleEnterprise) =>
    input.stratifyByPrefecture ? `${e.riskClass}/${e.prefecture}` : e.riskClass;
  const names = [...new Set(eligible.map(nameOf))].sort(byCode);
  const members = names.map((n) =>
    eligible
      .filter((e) => nameOf(e) === n)
      .map((e) => ({ e, key: key(e.uscc) }))
      .sort((a, b) => byCode(a.key, b.key) || byCode(a.e.uscc, b.e.uscc)),
  );
  const quotas = members.map((m) => {
    const num = BigInt(m.length) * BigInt(ratios[m[0].e.riskClass]);
    return Number((num + 9999n) / 10000n);
  });
  const T = quotas.reduce((a, b) => a + b, 0);
  const M = input.maxTasks ?? null;
  const hamilton = (seats: number, w: number[]): number[] => {
    const W = w.reduce((a, b) => a + b, 0);
    if (seats === 0) return w.map(() => 0);
    const f = w.map((x) => Math.floor((seats * x) / W));
    const rem = w.map((x) => (seats * x) % W);
    const order = w.map((_, i) => i).sort((a, b) => rem[b] - rem[a] || byCode(names[a], names[b]));
    let left = seats - f.reduce((a, b) => a + b, 0);
    for (const i of order) if (left-- > 0) f[i]++;
    return f;
  };
  let allotted = quotas;
  if (M !== null && T > M) {
    const m = quotas.filter((q) => q > 0).length;
    allotted =
      M >= m
        ? hamilton(
            M - m,
            quotas.map((q) => Math.max(q - 1, 0)),
          ).map((x, i) => (quotas[i] > 0 ? x + 1 : 0))
        : hamilton(M, quotas);
  }
  const chosen = members.map((m, i) => m.slice(0, allotted[i]));
  const order = chosen
    .flatMap((c, i) => c.map((x) => ({ ...x, stratum: names[i] })))
    .sort((a, b) => byCode(a.key, b.key) || byCode(a.e.uscc, b.e.uscc));

  const inspectors = [...input.inspectors].sort((a, b) => byCode(a.staffNo, b.staffNo));
  const labs = [...input.labs].sort((a, b) => byCode(a.id, b.id));
  const load = new Map<string, number>();
  const left = new Map(labs.map((l) => [l.id, l.capacity]));
  const capOf = (p: DrawInspector) => p.capacity ?? input.inspectorCapacity ?? Infinity;
  const last = new Map((input.previousPairs ?? []).map((p) => [p.uscc, p.staffNos]));
  const pick = <T>(pool: T[], ok: (x: T) => boolean, base: string, counter: { n: number }): T => {
    for (let probe = 0; probe < 64; probe++) {
      const x = pool[u32(base + counter.n++) % pool.length];
      if (ok(x)) return x;
    }
    const valid = pool.filter(ok);
    return valid[u32(base + counter.n++) % valid.length];
  };
  const tasks = order.map((x, i) => {
    const taskNo = i + 1;
    const cats = [...new Set(x.e.categories)].sort(byCode);
    const category = cats.reduce((best, c) =>
      byCode(sha(`${seed}:${x.e.uscc}:${c}`), sha(`${seed}:${x.e.uscc}:${best}`)) < 0 ? c : best,
    );
    const uscc = x.e.uscc;
    const pool = inspectors.filter((p) => p.categories.includes(category));
    const room = (p: DrawInspector) => (load.get(p.staffNo) ?? 0) < capOf(p);
    const valid = (p: DrawInspector) => room(p) && !(p.conflicts ?? []).includes(uscc);
    const prev = last.get(uscc);
    const inPrev = (p: DrawInspector) => prev !== undefined && prev.includes(p.staffNo);
    const V = pool.filter(valid);
    let inspectorsOut: [string, string] | null = null;
    let why: string | undefined;
    if (pool.length < 2) why = 'NO_QUALIFIED_INSPECTORS';
    else if (pool.filter(room).length < 2) why = 'WORKLOAD_CAP';
    else if (V.length < 2) why = 'CONFLICT_OF_INTEREST';
    else if (V.length === 2 && V.every(inPrev)) why = 'PAIR_RULE';
    else {
      const counter = { n: 0 };
      const a = pick(pool, valid, `${seed}:${taskNo}:`, counter);
      const b = pick(
        pool,
        (p) => p !== a && valid(p) && !(inPrev(a) && inPrev(p)),
        `${seed}:${taskNo}:`,
        counter,
      );
      inspectorsOut = [a.staffNo, b.staffNo];
      for (const p of [a, b]) load.set(p.staffNo, (load.get(p.staffNo) ?? 0) + 1);
    }
    const lpool = labs.filter((l) => l.categories.includes(category));
    const lroom = (l: DrawLab) => left.get(l.id)! > 0;
    const lvalid = (l: DrawLab) => lroom(l) && !(l.conflicts ?? []).includes(uscc);
    let labOut: string | null = null;
    let whyLab: string | undefined;
    if (lpool.length === 0) whyLab = 'NO_ACCREDITED_LAB';
    else if (!lpool.some(lroom)) whyLab = 'NO_LAB_CAPACITY';
    else if (!lpool.some(lvalid)) whyLab = 'LAB_CONFLICT';
    else {
      const l = pick(lpool, lvalid, `${seed}:${taskNo}:lab:`, { n: 0 });
      labOut = l.id;
      left.set(l.id, left.get(l.id)! - 1);
    }
    return {
      taskNo,
      uscc,
      stratum: x.stratum,
      key: x.key,
      category,
      inspectors: inspectorsOut,
      lab: labOut,
      why,
      whyLab,
    };
  });
  return {
    eligibleDigest,
    strata: names.map((n, i) => ({
      name: n,
      size: members[i].length,
      quota: quotas[i],
      allotted: allotted[i],
      selected: chosen[i].map((x) => x.e.uscc),
    })),
    tasks,
  };
}

const PREFS = ['150100', '150200', '150300'];
const CATS = ['C01', 'C02', 'C03'];
const seedArb = fc
  .array(fc.integer({ min: 0x21, max: 0x7e }), { minLength: 16, maxLength: 40 })
  .map((a) => String.fromCharCode(...a));
const inputArb: fc.Arbitrary<DrawInput> = fc
  .record({
    seed: seedArb,
    ids: fc.uniqueArray(fc.nat(20_000), { maxLength: 80 }),
    classes: fc.array(fc.constantFrom(...RISK_CLASSES), { minLength: 80, maxLength: 80 }),
    cats: fc.array(fc.subarray(CATS, { minLength: 1 }), { minLength: 80, maxLength: 80 }),
    ratiosBp: fc.record(
      { A: fc.nat(10000), B: fc.nat(10000), C: fc.nat(10000), D: fc.nat(10000) },
      { requiredKeys: [] },
    ),
    stratifyByPrefecture: fc.boolean(),
    maxTasks: fc.option(fc.nat(40), { nil: null }),
    inspectorCapacity: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    nInspectors: fc.nat(10),
    inspectorCats: fc.array(fc.subarray(CATS, { minLength: 1 }), { minLength: 10, maxLength: 10 }),
    conflictPicks: fc.array(fc.nat(79), { maxLength: 15 }),
    capacities: fc.array(fc.option(fc.nat(5), { nil: undefined }), {
      minLength: 10,
      maxLength: 10,
    }),
    labCaps: fc.array(fc.nat(8), { maxLength: 4 }),
    pairPicks: fc.array(fc.tuple(fc.nat(79), fc.nat(9), fc.nat(9)), { maxLength: 10 }),
  })
  .map((r) => {
    const eligible = r.ids.map((id, i) => ({
      uscc: syntheticUscc(PREFS[id % 3], id),
      riskClass: r.classes[i],
      prefecture: PREFS[id % 3],
      categories: r.cats[i],
    }));
    const inspectors: DrawInspector[] = Array.from({ length: r.nInspectors }, (_, i) => ({
      staffNo: `S${i}`,
      categories: r.inspectorCats[i],
      conflicts: r.conflictPicks
        .filter((_, j) => j % 10 === i && eligible.length > 0)
        .map((p) => eligible[p % eligible.length].uscc),
      ...(r.capacities[i] === undefined ? {} : { capacity: r.capacities[i] }),
    }));
    const labs: DrawLab[] = r.labCaps.map((capacity, i) => ({
      id: `L${i}`,
      categories: CATS.filter((_, j) => (i + j) % 2 === 0 || j === i % 3),
      capacity,
    }));
    const previousPairs: PreviousPair[] = [];
    for (const [e, a, b] of r.pairPicks) {
      if (eligible.length === 0 || a === b) continue;
      const uscc = eligible[e % eligible.length].uscc;
      if (!previousPairs.some((p) => p.uscc === uscc))
        previousPairs.push({ uscc, staffNos: [`S${a}`, `S${b}`] });
    }
    return {
      seed: r.seed,
      commitment: commitmentOf(r.seed),
      eligible,
      ratiosBp: r.ratiosBp,
      stratifyByPrefecture: r.stratifyByPrefecture,
      maxTasks: r.maxTasks,
      inspectors,
      inspectorCapacity: r.inspectorCapacity,
      labs,
      previousPairs,
    };
  });

function sampleInput(): DrawInput {
  const cats = ['C01', 'C02'];
  const eligible = syntheticDirectory({ enterprises: 400, categories: cats, maxCategoriesEach: 2 });
  return {
    seed: SEED,
    commitment: commitmentOf(SEED),
    eligible,
    maxTasks: 40,
    inspectors: syntheticInspectors(12, cats).map((p, i) =>
      i < 3 ? { ...p, conflicts: [eligible[i * 5].uscc] } : p,
    ),
    inspectorCapacity: 8,
    labs: syntheticLabs(3, cats, 20),
    previousPairs: [{ uscc: eligible[0].uscc, staffNos: ['S00001', 'S00002'] }],
    drawnAt: '2025-03-01T02:00:00.000Z',
  };
}

describe('runDraw', () => {
  it('records everything needed to recompute the draw', () => {
    const input = sampleInput();
    const r = runDraw(input);
    expect(r).toMatchObject({
      algorithmVersion: DRAW_ALGORITHM_VERSION,
      drawnAt: '2025-03-01T02:00:00.000Z',
      seed: SEED,
      commitment: commitmentOf(SEED),
      params: {
        ratiosBp: { A: 300, B: 1000, C: 3000, D: 10000 },
        stratifyByPrefecture: false,
        maxTasks: 40,
        inspectorCapacity: 8,
      },
      eligibleCount: 400,
      capApplied: true,
    });
    expect(r.tasks).toHaveLength(40);
    expect(r.tasks.map((t) => t.taskNo)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(r.eligible.map((e) => e.uscc)).toEqual(input.eligible.map((e) => e.uscc).sort());
    expect(r.inspectors.map((p) => p.staffNo)).toEqual(
      [...r.inspectors.map((p) => p.staffNo)].sort(),
    );
    for (const t of r.tasks) {
      expect(t.key).toBe(sha(`${SEED}:${t.uscc}`));
      const e = input.eligible.find((x) => x.uscc === t.uscc)!;
      expect(e.categories).toContain(t.category);
      expect(t.stratum).toBe(e.riskClass);
    }
    // Tasks are in ascending key order across strata.
    expect(r.tasks.map((t) => t.key)).toEqual(r.tasks.map((t) => t.key).sort());
  });

  it('follows docs/draw-algorithm.md (an independent slow implementation agrees)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const got = runDraw(input);
        const want = referenceDraw(input);
        expect(got.eligibleDigest).toBe(want.eligibleDigest);
        expect(
          got.strata.map(({ name, size, quota, allotted, selected }) => ({
            name,
            size,
            quota,
            allotted,
            selected,
          })),
        ).toEqual(want.strata);
        expect(
          got.tasks.map((t) => ({
            ...t,
            unassigned: undefined,
            why: t.unassigned?.inspectors?.code,
            whyLab: t.unassigned?.lab?.code,
          })),
        ).toEqual(want.tasks.map((t) => ({ ...t, unassigned: undefined })));
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same input in any order gives the same record', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const a = runDraw(input);
        const b = runDraw({
          ...input,
          eligible: [...input.eligible]
            .reverse()
            .map((e) => ({ ...e, categories: [...e.categories].reverse() })),
          inspectors: [...input.inspectors].reverse(),
          labs: [...input.labs].reverse(),
          previousPairs: [...(input.previousPairs ?? [])].reverse(),
        });
        expect(b).toEqual(a);
        expect(runDraw(clone(input))).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it('verifies its own records, also after a JSON round trip', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = runDraw(input);
        expect(verifyDraw(r)).toEqual({ verdict: 'MATCH' });
        expect(verifyDraw(clone(r))).toEqual({ verdict: 'MATCH' });
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a seed that does not match the commitment', () => {
    expect(() =>
      runDraw({ ...sampleInput(), commitment: commitmentOf('another-seed-entirely') }),
    ).toThrow('does not match the commitment');
  });

  it('chooses the category with the lowest SHA-256(seed:uscc:category)', () => {
    const u = syntheticUscc('150100', 1);
    const cats = ['C01', 'C02', 'C03', 'C04'];
    const want = [...cats].sort((a, b) =>
      byCode(sha(`${SEED}:${u}:${a}`), sha(`${SEED}:${u}:${b}`)),
    )[0];
    expect(chooseCategory(SEED, u, cats)).toBe(want);
    expect(chooseCategory(SEED, u, [...cats].reverse())).toBe(want);
    expect(chooseCategory(SEED, u, ['C09'])).toBe('C09');
  });
});

describe('verifyDraw: tampering is a MISMATCH with the first difference', () => {
  const record = runDraw(sampleInput());
  /**
   * verifyDraw's answer on the edited record; where the edited eligible list can be stored as
   * a snapshot, checks that verifyDrawSnapshot (stored draws) gives the same answer.
   */
  const tampered = async (edit: (r: Mutable) => void) => {
    const r = clone(record) as unknown as Mutable;
    edit(r);
    const whole = verifyDraw(r);
    const list: unknown = r.eligible;
    if (Array.isArray(list) && list.every((e) => e !== null && typeof e === 'object')) {
      const { eligible: _eligible, ...header } = r;
      const lines = [...(list as EligibleEnterprise[])]
        .sort((a, b) => byCode(a.uscc, b.uscc))
        .map((e) => `${snapshotLine(e)}\n`)
        .join('');
      const bytes = new TextEncoder().encode(lines);
      expect(await verifyDrawSnapshot(header, (ranker) => ranker.push(bytes))).toEqual(whole);
    }
    return whole;
  };

  it('the seed', async () => {
    expect(await tampered((r) => (r.seed = `${SEED.slice(0, -1)}e`))).toEqual({
      verdict: 'MISMATCH',
      firstDifference: expect.stringMatching(
        /^commitment: sha256\(seed\) is [0-9a-f]{64}, the record's commitment is/,
      ),
    });
    // With a matching commitment the selection itself differs.
    const other = 'fedcba9876543210fedcba9876543210';
    expect(
      await tampered((r) => {
        r.seed = other;
        r.commitment = commitmentOf(other);
      }),
    ).toEqual({
      verdict: 'MISMATCH',
      firstDifference: expect.stringMatching(/^strata\[0\] \(A\)\.(allotted|selected)/),
    });
  });

  it('a selected USCC', async () => {
    const outsider = record.eligible.find(
      (e) => !record.tasks.some((t) => t.uscc === e.uscc) && e.riskClass === 'B',
    )!;
    const res = await tampered((r) => (r.strata[1].selected[2] = outsider.uscc));
    expect(res).toEqual({
      verdict: 'MISMATCH',
      firstDifference: `strata[1] (B).selected[2]: recomputed "${record.strata[1].selected[2]}", the record has "${outsider.uscc}"`,
    });
    expect(await tampered((r) => (r.tasks[3].uscc = outsider.uscc))).toMatchObject({
      firstDifference: expect.stringContaining(
        `tasks[3] (task 4, ${record.tasks[3].uscc}).uscc: recomputed`,
      ),
    });
  });

  it('the eligible list', async () => {
    expect(await tampered((r) => r.eligible.splice(7, 1))).toEqual({
      verdict: 'MISMATCH',
      firstDifference: expect.stringMatching(
        /^eligibleDigest: the record's eligible list \(399 USCCs\) hashes to/,
      ),
    });
    expect(
      await tampered((r) =>
        r.eligible.push({
          uscc: syntheticUscc('150100', 99999),
          riskClass: 'D',
          categories: ['C01'],
        }),
      ),
    ).toMatchObject({
      firstDifference: expect.stringContaining('eligibleDigest'),
    });
    // Same USCCs, a different risk class: the digest holds, the strata do not.
    const b = record.eligible.findIndex((e) => e.riskClass === 'B');
    expect(await tampered((r) => (r.eligible[b].riskClass = 'D'))).toMatchObject({
      verdict: 'MISMATCH',
      // Under the cap, every stratum's share moves: A, the first, already differs.
      firstDifference: 'strata[0] (A).allotted: recomputed 5, the record has 6',
    });
    const uncapped = runDraw({ ...sampleInput(), maxTasks: null });
    const r2 = clone(uncapped) as unknown as Mutable;
    r2.eligible[r2.eligible.findIndex((e: Mutable) => e.riskClass === 'B')].riskClass = 'D';
    expect(verifyDraw(r2)).toMatchObject({
      firstDifference: expect.stringMatching(
        /^strata\[1\] \(B\)\.size: recomputed \d+, the record has \d+$/,
      ),
    });
    expect(await tampered((r) => (r.eligibleDigest = sha('')))).toMatchObject({
      firstDifference: expect.stringContaining('the eligible list or its digest was changed'),
    });
  });

  it('an assignment', async () => {
    const t = record.tasks.findIndex((x) => x.inspectors !== null);
    const [a, b] = record.tasks[t].inspectors!;
    expect(await tampered((r) => (r.tasks[t].inspectors = [b, a]))).toEqual({
      verdict: 'MISMATCH',
      firstDifference: `tasks[${t}] (task ${t + 1}, ${record.tasks[t].uscc}).inspectors[0]: recomputed "${a}", the record has "${b}"`,
    });
    expect(await tampered((r) => (r.tasks[t].lab = 'lab-999'))).toMatchObject({
      firstDifference: expect.stringContaining(
        `tasks[${t}] (task ${t + 1}, ${record.tasks[t].uscc}).lab: recomputed`,
      ),
    });
    expect(await tampered((r) => r.tasks.pop())).toMatchObject({
      firstDifference: 'tasks: recomputed 40 tasks, the record has 39',
    });
  });

  it('the inputs of the assignment and the parameters', async () => {
    expect(
      await tampered((r) => (r.inspectors[0].conflicts = [record.tasks[0].uscc])),
    ).toMatchObject({
      verdict: 'MISMATCH',
    });
    expect(await tampered((r) => (r.params.maxTasks = 41))).toMatchObject({
      firstDifference: expect.stringMatching(/^(strata|tasks|params|totalQuota)/),
    });
    expect(await tampered((r) => delete r.params.ratiosBp.D)).toMatchObject({
      firstDifference: 'params.ratiosBp.D: recomputed 10000, the record has nothing',
    });
  });

  it('a malformed record, without throwing', async () => {
    expect(verifyDraw(null)).toEqual({
      verdict: 'MISMATCH',
      firstDifference: 'the record is not a JSON object',
    });
    expect(await tampered((r) => (r.algorithmVersion = 'spotcheck-draw/0'))).toMatchObject({
      firstDifference: expect.stringContaining('algorithmVersion'),
    });
    expect(await tampered((r) => (r.eligible = 'everyone'))).toMatchObject({
      firstDifference: "the record's inputs are invalid: eligible must be an array",
    });
    expect(await tampered((r) => (r.eligible[0] = null))).toMatchObject({ verdict: 'MISMATCH' });
    expect(await tampered((r) => (r.inspectors[0] = 42))).toMatchObject({
      firstDifference: "the record's inputs are invalid: inspectors[0] is not an object",
    });
    // The settings are checked before the eligible list, by both verifiers.
    expect(
      await tampered((r) => {
        r.inspectors = 'none';
        r.eligible[0].riskClass = 'E';
      }),
    ).toMatchObject({
      firstDifference: "the record's inputs are invalid: inspectors must be an array",
    });
    expect(await tampered((r) => delete r.tasks)).toMatchObject({
      firstDifference: 'tasks: missing',
    });
  });

  it('extra members outside the record format are ignored', async () => {
    expect(verifyDraw({ ...clone(record), planId: 'P-2025-001', exportedAt: 'now' })).toEqual({
      verdict: 'MATCH',
    });
  });
});
