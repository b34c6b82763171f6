import fc from 'fast-check';
import {
  DEFAULT_RATIOS_BP,
  basisPointsToRatio,
  capQuotas,
  hamilton,
  ratioToBasisPoints,
  resolveRatios,
  stratumQuota,
} from './quota';

describe('ratios in basis points', () => {
  it('reads decimal fractions and percentages exactly', () => {
    const cases: [string, number][] = [
      ['0.03', 300],
      ['0.1', 1000],
      ['0.30', 3000],
      ['1', 10000],
      ['1.00', 10000],
      ['0.035', 350],
      ['0.0001', 1],
      ['0', 0],
      ['3%', 300],
      ['3.5%', 350],
      ['100%', 10000],
      ['0.01%', 1],
      ['0.0300000', 300],
    ];
    for (const [s, bp] of cases) expect([s, ratioToBasisPoints(s)]).toEqual([s, { ok: true, bp }]);
  });

  it('refuses what is not a whole number of basis points between 0 and 100 %', () => {
    for (const s of [
      '0.00005',
      '0.005%',
      '1.01',
      '101%',
      '-0.1',
      ' 0.1',
      '0.1 ',
      '1e-2',
      '',
      '.5',
    ]) {
      expect([s, ratioToBasisPoints(s).ok]).toEqual([s, false]);
    }
    expect(ratioToBasisPoints('0.00005')).toMatchObject({
      reason: expect.stringContaining('finer than one basis point'),
    });
    expect(ratioToBasisPoints('1.5')).toMatchObject({
      reason: expect.stringContaining('more than 100 %'),
    });
    expect(ratioToBasisPoints(0.03).ok).toBe(false);
  });

  it('round-trips through basisPointsToRatio', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (bp) => {
        expect(ratioToBasisPoints(basisPointsToRatio(bp))).toEqual({ ok: true, bp });
      }),
    );
    expect(basisPointsToRatio(300)).toBe('0.0300');
    expect(basisPointsToRatio(10000)).toBe('1.0000');
  });

  it('defaults to A 3 %, B 10 %, C 30 %, D 100 % and takes overrides per class', () => {
    expect(resolveRatios(undefined)).toEqual({ A: 300, B: 1000, C: 3000, D: 10000 });
    expect(DEFAULT_RATIOS_BP).toEqual({ A: 300, B: 1000, C: 3000, D: 10000 });
    expect(resolveRatios({ A: 500 })).toEqual({ A: 500, B: 1000, C: 3000, D: 10000 });
    expect(() => resolveRatios({ A: 0.05 })).toThrow('basis points');
    expect(() => resolveRatios({ A: 10001 })).toThrow('basis points');
    expect(() => resolveRatios({ E: 100 } as never)).toThrow("unknown risk class 'E'");
  });
});

describe('stratum quota k = ceil(n × ratio)', () => {
  it('rounds up, in exact integer arithmetic', () => {
    expect(stratumQuota(0, 300)).toBe(0);
    expect(stratumQuota(1, 300)).toBe(1);
    expect(stratumQuota(100, 300)).toBe(3);
    expect(stratumQuota(101, 300)).toBe(4);
    expect(stratumQuota(33, 3000)).toBe(10); // 9.9 → 10
    expect(stratumQuota(30, 3000)).toBe(9);
    expect(stratumQuota(7, 10000)).toBe(7);
    expect(stratumQuota(7, 0)).toBe(0);
    // 0.07 × 100 is 7.000000000000001 in floating point; the quota is exactly 7.
    expect(stratumQuota(100, 700)).toBe(7);
    expect(Math.ceil(100 * 0.07)).toBe(8);
  });

  it('agrees with a BigInt oracle', () => {
    fc.assert(
      fc.property(fc.nat(50_000_000), fc.integer({ min: 0, max: 10000 }), (n, bp) => {
        const exact = (BigInt(n) * BigInt(bp) + 9999n) / 10000n;
        expect(stratumQuota(n, bp)).toBe(Number(exact));
      }),
    );
  });
});

describe('Hamilton apportionment', () => {
  it('gives the floors, then one seat each to the largest remainders', () => {
    // 10 seats, weights 5/3/2 of 10 → exact shares 5, 3, 2.
    expect(hamilton(10, [5, 3, 2], ['a', 'b', 'c'])).toEqual([5, 3, 2]);
    // 7 seats over 5/3/2: shares 3.5, 2.1, 1.4 → floors 3, 2, 1 and the last seat to a.
    expect(hamilton(7, [5, 3, 2], ['a', 'b', 'c'])).toEqual([4, 2, 1]);
  });

  it('breaks equal remainders by name in code-unit order', () => {
    expect(hamilton(1, [1, 1], ['B', 'A'])).toEqual([0, 1]);
    expect(hamilton(2, [1, 1, 1], ['C', 'A', 'B'])).toEqual([0, 1, 1]);
  });
});

describe('the cap rule', () => {
  const names = ['A', 'B', 'C', 'D'];

  it('leaves the quotas alone without a cap or under it', () => {
    expect(capQuotas([6, 9, 8, 20], names, null)).toEqual([6, 9, 8, 20]);
    expect(capQuotas([6, 9, 8, 20], names, 43)).toEqual([6, 9, 8, 20]);
  });

  it('keeps one task per sampled stratum and apportions the rest by (quota − 1)', () => {
    // 43 → 30: one each, then 26 seats over 5/8/7/19 (Σ 39): 3.33, 5.33, 4.67, 12.67 → 3, 5,
    // 4, 12 and two seats left; C and D tie on remainder 26/39, both get one.
    expect(capQuotas([6, 9, 8, 20], names, 30)).toEqual([4, 6, 6, 14]);
    // A stratum with quota 0 (ratio 0) stays at 0.
    expect(capQuotas([0, 9, 8, 20], names, 10)).toEqual([0, 3, 2, 5]);
  });

  it('below one task per stratum, gives seats to the largest quotas', () => {
    expect(capQuotas([6, 9, 8, 20], names, 2)).toEqual([0, 1, 0, 1]);
    expect(capQuotas([6, 9, 8, 20], names, 0)).toEqual([0, 0, 0, 0]);
    expect(capQuotas([1, 1, 1], ['x', 'y', 'z'], 2)).toEqual([1, 1, 0]);
  });

  it('totals exactly maxTasks, never exceeds a quota, keeps ≥ 1 where it can', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(5000), { minLength: 1, maxLength: 60 }),
        fc.nat(20000),
        (quotas, maxTasks) => {
          const names = quotas.map((_, i) => `s${String(i).padStart(3, '0')}`);
          const out = capQuotas(quotas, names, maxTasks);
          const total = quotas.reduce((a, b) => a + b, 0);
          expect(out.reduce((a, b) => a + b, 0)).toBe(Math.min(total, maxTasks));
          out.forEach((q, i) => {
            expect(q).toBeGreaterThanOrEqual(0);
            expect(q).toBeLessThanOrEqual(quotas[i]);
          });
          const sampled = quotas.filter((q) => q > 0).length;
          if (maxTasks >= sampled)
            out.forEach((q, i) => quotas[i] > 0 && expect(q).toBeGreaterThan(0));
          // Proportional: within one task of the exact share of the tasks above the minimum.
          if (total > maxTasks && maxTasks >= sampled && total > sampled) {
            out.forEach((q, i) => {
              if (quotas[i] === 0) return;
              const exact = ((maxTasks - sampled) * (quotas[i] - 1)) / (total - sampled);
              expect(Math.abs(q - 1 - exact)).toBeLessThan(1);
            });
          }
        },
      ),
    );
  });

  it('refuses a negative or fractional cap', () => {
    expect(() => capQuotas([5], ['A'], -1)).toThrow('maxTasks');
    expect(() => capQuotas([5], ['A'], 2.5)).toThrow('maxTasks');
  });
});
