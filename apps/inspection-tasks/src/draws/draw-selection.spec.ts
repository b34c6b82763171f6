import type { EntityManager } from 'typeorm';
import {
  planStrata,
  resolveRatios,
  selectEnterprises,
  sha256Hex,
  stratumName,
  type DrawParams,
} from '@spotcheck/domain';
import { syntheticDirectory } from '../../../../libs/domain/src/draw/draw-fixtures';
import { type EligibleSet, selectCandidates } from './draw-selection';

const SEED = 'draw-selection-spec-seed-0123456789';

describe('selectCandidates', () => {
  // A directory where class B (10 %) has a real candidate bound.
  const eligible = syntheticDirectory({ enterprises: 3000, random: 7, categories: ['C01'] });
  const sizes = eligible.map((e) => ({ riskClass: e.riskClass, size: 1 }));
  const plan = planStrata(sizes, {});
  const params: DrawParams = {
    ratiosBp: resolveRatios(null),
    stratifyByPrefecture: false,
    maxTasks: null,
    inspectorCapacity: null,
  };
  const set: EligibleSet = {
    where: 'true',
    categories: "'C01'",
    exclusions: [],
    lit: (v) => `'${v}'`,
  };
  const row = (e: (typeof eligible)[number]) => ({
    uscc: e.uscc,
    riskClass: e.riskClass,
    prefecture: e.prefecture ?? '',
    categories: 'C01',
  });
  const underBound = (e: (typeof eligible)[number]) => {
    const s = plan.strata.find((x) => x.name === stratumName(e.riskClass, e.prefecture, false))!;
    return s.bound == null || parseInt(sha256Hex(`${SEED}:${e.uscc}`).slice(0, 8), 16) < s.bound;
  };

  it('asks again without a bound for a stratum whose candidates fall short, and selects right', async () => {
    expect(plan.strata.find((s) => s.name === 'B')?.bound).toEqual(expect.any(Number));
    const queries: string[] = [];
    // The first scan comes back without class B's candidates (as if the bound had been
    // unlucky); the second, without a bound for B, returns every enterprise of B.
    const m = {
      query: async (sql: string) => {
        queries.push(sql);
        if (queries.length === 1)
          return eligible.filter((e) => e.riskClass !== 'B' && underBound(e)).map(row);
        return eligible.filter((e) => e.riskClass === 'B').map(row);
      },
    } as unknown as EntityManager;
    const got = await selectCandidates(m, set, SEED, params, sizes);
    expect(queries).toHaveLength(2);
    expect(queries[1]).toContain(`('B', '', '\\x${'ff'.repeat(33)}'::bytea)`);
    const { eligibleDigest: _digest, ...whole } = selectEnterprises(SEED, eligible, params);
    expect(got.selection).toEqual(whole);
  });
});
