import fc from 'fast-check';
import { leadingUint32, sha256Hex } from './hash';
import { RETEST_DRAW_VERSION, drawRetestLab, verifyRetestDraw } from './retest-lab';
import { commitmentOf } from './seed';

const SEED = 'retest-seed-0123456789abcdef0123';
const lab = (id: string, capacity = 5, categories = ['C01']) => ({ id, capacity, categories });
const input = (over: Partial<Parameters<typeof drawRetestLab>[0]> = {}) => ({
  objectionId: 'obj-1',
  sampleNo: 'NM-2026-001-0007',
  category: 'C01',
  originalLabId: 'lab-b',
  commitment: commitmentOf(SEED),
  seed: SEED,
  labs: [lab('lab-c'), lab('lab-a'), lab('lab-b'), lab('lab-d', 0), lab('lab-e', 3, ['C02'])],
  ...over,
});

describe('drawRetestLab', () => {
  it('picks among the other accredited labs with capacity, as the record says', () => {
    const r = drawRetestLab(input());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const key = sha256Hex(`${SEED}:NM-2026-001-0007:retest-lab:0`);
    expect(r.record).toEqual({
      algorithmVersion: RETEST_DRAW_VERSION,
      objectionId: 'obj-1',
      sampleNo: 'NM-2026-001-0007',
      category: 'C01',
      originalLabId: 'lab-b',
      commitment: commitmentOf(SEED),
      seed: SEED,
      candidates: [
        { id: 'lab-a', capacity: 5 },
        { id: 'lab-b', capacity: 5 },
        { id: 'lab-c', capacity: 5 },
        { id: 'lab-d', capacity: 0 },
      ],
      eligible: ['lab-a', 'lab-c'],
      eligibleDigest: sha256Hex('lab-a\nlab-c'),
      key,
      index: leadingUint32(key) % 2,
      lab: ['lab-a', 'lab-c'][leadingUint32(key) % 2],
    });
    expect(verifyRetestDraw(r.record)).toEqual({ verdict: 'MATCH' });
  });

  it('on a redraw never picks a lab that refused, and the record names them', () => {
    const r = drawRetestLab(input({ refusedLabIds: ['lab-c', 'lab-c'] }));
    expect(r.ok && r.record).toMatchObject({
      refusedLabIds: ['lab-c'],
      eligible: ['lab-a'],
      lab: 'lab-a',
    });
    if (!r.ok) return;
    expect(verifyRetestDraw(r.record)).toEqual({ verdict: 'MATCH' });
    // A record that hides a refusal, or draws a refusing lab, does not verify.
    expect(verifyRetestDraw({ ...r.record, refusedLabIds: [] }).verdict).toBe('MISMATCH');
    const forged = { ...r.record, refusedLabIds: ['lab-a'], eligible: ['lab-c'], lab: 'lab-c' };
    expect(verifyRetestDraw(forged).verdict).toBe('MISMATCH');
    const none = drawRetestLab(input({ refusedLabIds: ['lab-a', 'lab-c'] }));
    expect(none).toMatchObject({
      ok: false,
      code: 'NO_RETEST_LAB',
      reason: expect.stringContaining('none with capacity left'),
    });
    // Without refusals the record has no refusedLabIds: records drawn before stay the same.
    const first = drawRetestLab(input());
    expect(first.ok && 'refusedLabIds' in first.record).toBe(false);
  });

  it('never picks the lab that tested the sample, and reproduces from its record (property)', () => {
    const ids = fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{4}$/), { minLength: 2, maxLength: 12 });
    fc.assert(
      fc.property(ids, fc.nat(), fc.string({ minLength: 16, maxLength: 40 }), (labs, pick, s) => {
        const seed = `x${s.replace(/[^\x21-\x7e]/g, 'y')}`.padEnd(16, 'z');
        const originalLabId = labs[pick % labs.length];
        const r = drawRetestLab(
          input({
            seed,
            commitment: commitmentOf(seed),
            originalLabId,
            labs: labs.map((l) => lab(l)),
          }),
        );
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.record.lab).not.toBe(originalLabId);
        expect(verifyRetestDraw(JSON.parse(JSON.stringify(r.record)))).toEqual({
          verdict: 'MATCH',
        });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a seed that is not the committed one, and a category with no other lab', () => {
    expect(drawRetestLab(input({ seed: 'another-seed-0123456789' }))).toMatchObject({
      ok: false,
      code: 'SEED_MISMATCH',
    });
    expect(drawRetestLab(input({ labs: [lab('lab-b')] }))).toMatchObject({
      ok: false,
      code: 'NO_RETEST_LAB',
      reason: expect.stringContaining('no active lab other than the one that tested'),
    });
    expect(drawRetestLab(input({ labs: [lab('lab-b'), lab('lab-z', 0)] }))).toMatchObject({
      ok: false,
      code: 'NO_RETEST_LAB',
      reason: expect.stringContaining('none with capacity left'),
    });
  });
});

describe('verifyRetestDraw', () => {
  const r = drawRetestLab(input());
  const record = r.ok ? r.record : null!;

  it('names the first thing that differs', () => {
    const other = record.eligible.find((l) => l !== record.lab)!;
    expect(verifyRetestDraw({ ...record, lab: other })).toEqual({
      verdict: 'MISMATCH',
      firstDifference: expect.stringContaining('lab is'),
    });
    expect(verifyRetestDraw({ ...record, seed: 'tampered-seed-0123456789' })).toMatchObject({
      verdict: 'MISMATCH',
      firstDifference: expect.stringContaining('sha256(seed)'),
    });
    // Putting the original lab back among the eligible ones is caught.
    expect(verifyRetestDraw({ ...record, eligible: ['lab-a', 'lab-b', 'lab-c'] })).toMatchObject({
      firstDifference: expect.stringContaining('less the original and refused labs'),
    });
    expect(
      verifyRetestDraw({ ...record, candidates: [...record.candidates].reverse() }),
    ).toMatchObject({ firstDifference: expect.stringContaining('code-unit order') });
    expect(verifyRetestDraw({ ...record, algorithmVersion: 'x' })).toMatchObject({
      verdict: 'MISMATCH',
    });
    expect(verifyRetestDraw(null)).toMatchObject({ verdict: 'MISMATCH' });
  });
});
