import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEV_JWT_SECRET } from '@spotcheck/common';
import { signToken } from '@spotcheck/auth';
import { SamplingPlan } from '@spotcheck/database';
import { commitmentOf, resolveRatios, selectRanked, type DrawParams } from '@spotcheck/domain';
import { prng, syntheticUscc } from '../../libs/domain/src/draw/draw-fixtures';
import {
  eligibleSet,
  jurisdictionPattern,
  rankEligible,
} from '../../apps/inspection-tasks/src/draws/draw-selection.queries';
import { DEMO_CATALOG } from '../../scripts/demo/demo-data';
import { benchDatabase, fmt, peakRssMiB, startApp, table } from './support';

/** The 12 prefecture-level divisions of Inner Mongolia (GB/T 2260). */
const PREFECTURES = [
  '150100', '150200', '150300', '150400', '150500', '150600',
  '150700', '150800', '150900', '152200', '152500', '152900',
]; // prettier-ignore
const CLASS_SHARES: [string, number][] = [
  ['A', 0.6],
  ['B', 0.25],
  ['C', 0.1],
  ['D', 0.05],
];
const RUNS = 3;

/**
 * `npm run bench -- draw [enterprises]`: the draw benchmark on a provincial directory
 * (default 1,000,000 enterprises across 12 prefectures and 4 risk classes, 2,000 inspectors,
 * 30 labs), in one run:
 * (a) the selection alone — eligible set, exclusions, strata, ranking by SHA-256, per-stratum
 *     choice — with the default ratios (about 12 % selected), in process, best of 3: the
 *     draw's own path (the eligible list by COPY, ranked in Node as it arrives), without
 *     gzipping the list for the record;
 * (b) a full draw of a plan capped at 10,000 tasks through the HTTP API of inspection-tasks
 *     running as its own process (selection, pairs, labs, snapshot, record, tasks, audit);
 * (c) verification of (b) through the API (recomputes everything from the stored record);
 * (d) the baseline `SELECT … ORDER BY random() LIMIT n` on the same rows, best of 3.
 */
export async function drawBench(enterprises = 1_000_000): Promise<void> {
  const db = await benchDatabase('draw');
  try {
    const categories = DEMO_CATALOG.slice(0, 4).map((c) => c.code);
    await db.ds.query(
      `INSERT INTO product_category (code, name, sector, items)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
      [
        DEMO_CATALOG.map((c) => c.code),
        DEMO_CATALOG.map((c) => c.name),
        DEMO_CATALOG.map((c) => c.sector),
        DEMO_CATALOG.map((c) => JSON.stringify(c.items)),
      ],
    );
    const t0 = Date.now();
    await seedDirectory(db.ds.createQueryRunner(), enterprises, categories);
    await db.ds.query('VACUUM ANALYZE enterprise');
    console.log(
      `seeded ${fmt(enterprises)} enterprises in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    const app = await startApp('apps/inspection-tasks/src/main.js', { DATABASE_URL: db.url });
    const auth = {
      authorization: `Bearer ${signToken(
        { sub: 'bench-province', role: 'regulator', jurisdiction: '150000' },
        { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: 'spotcheck' },
      )}`,
      'content-type': 'application/json',
    };
    const api = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`http://127.0.0.1:${app.port}/api/v1${path}`, {
        method,
        headers: auth,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 500)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const plan = async (code: string, maxTasks: number | null, seed: string) => {
      const p = await api('POST', '/plans', {
        code,
        title: '基准测试计划（演示）',
        level: 'provincial',
        jurisdiction: '150000',
        year: 2026,
        categories,
        stages: ['production', 'distribution'],
        stratifyByPrefecture: true,
        maxTasks,
        maxTasksPerInspector: 20,
        samplingDeadline: '2026-12-31',
      });
      await api('POST', `/plans/${p.id as string}/commit`, { commitment: commitmentOf(seed) });
      return p.id as string;
    };

    // (a) The selection alone, in process, on the uncapped plan (nothing is written).
    const seedA = 'bench-selection-seed-0123456789abcdef';
    const planA = await db.ds
      .getRepository(SamplingPlan)
      .findOneByOrFail({ id: await plan('BENCH-A', null, seedA) });
    const params: DrawParams = {
      ratiosBp: resolveRatios(planA.ratios),
      stratifyByPrefecture: true,
      maxTasks: null,
      inspectorCapacity: null,
    };
    const selectionRuns: number[] = [];
    let selected = 0;
    let eligible = 0;
    for (let i = 0; i < RUNS; i++) {
      await db.ds.transaction('REPEATABLE READ', async (m) => {
        const client = (await m.queryRunner!.connect()) as PoolClient;
        await client.query('SET LOCAL jit = off'); // as the draw does
        const t = process.hrtime.bigint();
        const set = await eligibleSet(m, client, planA);
        const ranked = await rankEligible(client, set, seedA, params.stratifyByPrefecture);
        const got = selectRanked(seedA, ranked, params);
        selectionRuns.push(Number(process.hrtime.bigint() - t) / 1e9);
        selected = got.selected.length;
        eligible = got.eligibleCount;
      });
    }

    // (d) The baseline on the same rows and the same number of them.
    const baselineRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await db.ds.transaction('REPEATABLE READ', async (m) => {
        await m.query('SET LOCAL jit = off');
        const t = process.hrtime.bigint();
        const rows = (await m.query(
          `SELECT e.uscc FROM enterprise e
            WHERE e.status = 'active' AND e.region_code LIKE $1 AND e.categories && $2::text[]
            ORDER BY random() LIMIT $3`,
          [jurisdictionPattern(planA), planA.categories, selected],
        )) as unknown[];
        baselineRuns.push(Number(process.hrtime.bigint() - t) / 1e9);
        if (rows.length !== selected) throw new Error('baseline returned too few rows');
      });
    }

    // (b) A full draw capped at 10,000 tasks, and (c) its verification, through the API.
    const seedB = 'bench-draw-seed-0123456789abcdef';
    const planB = await plan('BENCH-B', 10_000, seedB);
    let t = process.hrtime.bigint();
    const drawn = await api('POST', `/plans/${planB}/draw`, { seed: seedB });
    const drawSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    t = process.hrtime.bigint();
    const v = await api('GET', `/draws/${drawn.id as string}/verification`);
    const verifySeconds = Number(process.hrtime.bigint() - t) / 1e9;
    const verdict = (v.verdict as { verdict: string }).verdict;
    const rss = peakRssMiB(app.child.pid!);
    await app.stop();

    const a = Math.min(...selectionRuns);
    const d = Math.min(...baselineRuns);
    const s = (x: number) => `${x.toFixed(2)} s`;
    console.log(
      `\ndraw benchmark: ${fmt(enterprises)} enterprises (${fmt(eligible)} eligible), 12 prefectures × 4 classes, 2,000 inspectors, 30 labs`,
    );
    table([
      [
        '(a) selection alone, default ratios',
        `${s(a)}   ${fmt(selected)} selected (${((100 * selected) / eligible).toFixed(1)} %)   runs ${selectionRuns.map(s).join(', ')}   goal ≤ 1.5 s and ≤ 3 × (d): ${a <= 1.5 && a <= 3 * d ? 'met' : 'NOT met'}`,
      ],
      [
        '(b) full draw, cap 10,000 tasks (HTTP)',
        `${s(drawSeconds)}   ${fmt(drawn.tasks as number)} tasks, ${fmt(drawn.unassignedTasks as number)} without pair or lab   goal ≤ 2.5 s: ${drawSeconds <= 2.5 ? 'met' : 'NOT met'}`,
      ],
      [
        '(c) verification of (b) (HTTP)',
        `${s(verifySeconds)}   ${verdict}   goal ≤ 1.5 s: ${verifySeconds <= 1.5 ? 'met' : 'NOT met'}`,
      ],
      [
        '(d) baseline ORDER BY random() LIMIT n',
        `${s(d)}   runs ${baselineRuns.map(s).join(', ')}   (a)/(d) = ${(a / d).toFixed(2)}`,
      ],
      ['peak RSS of inspection-tasks', `${fmt(rss)} MiB`],
    ]);
    if (verdict !== 'MATCH') throw new Error(`verification of the benchmark draw: ${verdict}`);
  } finally {
    await db.drop();
  }
}

/** Enterprises (2 % closed), 2,000 inspectors and 30 labs, by COPY. */
async function seedDirectory(
  runner: ReturnType<import('typeorm').DataSource['createQueryRunner']>,
  n: number,
  categories: string[],
): Promise<void> {
  const client = (await runner.connect()) as PoolClient;
  try {
    const rnd = prng(42);
    function* rows(): Generator<string> {
      let batch = '';
      for (let i = 0; i < n; i++) {
        const pref = PREFECTURES[i % PREFECTURES.length];
        const r = rnd();
        let acc = 0;
        let rc = 'D';
        for (const [c, share] of CLASS_SHARES) {
          acc += share;
          if (r < acc) {
            rc = c;
            break;
          }
        }
        const c1 = categories[Math.floor(rnd() * categories.length)];
        const c2 = categories[Math.floor(rnd() * categories.length)];
        const cats = rnd() < 0.3 && c1 !== c2 ? `{${c1},${c2}}` : `{${c1}}`;
        const status = rnd() < 0.02 ? 'closed' : 'active';
        batch += `${syntheticUscc(pref, i)}\t基准企业${i}（演示）\t${pref.slice(0, 4)}02\tsmall\t${cats}\t${rc}\t${status}\n`;
        if (batch.length > 1 << 16) {
          yield batch;
          batch = '';
        }
      }
      if (batch) yield batch;
    }
    await pipeline(
      Readable.from(rows()),
      client.query(
        copyFrom(
          'COPY enterprise (uscc, name, region_code, size, categories, risk_class, status) FROM STDIN',
        ),
      ),
    );
    await client.query(
      `INSERT INTO inspector (staff_no, name, region_code, categories)
       SELECT 'BENCH-' || lpad(i::text, 5, '0'), '基准检查员' || i || '（演示）',
              (ARRAY[${PREFECTURES.map((p) => `'${p.slice(0, 4)}02'`).join(',')}])[1 + i % 12],
              (SELECT array_agg(c) FROM unnest($1::text[]) WITH ORDINALITY AS x(c, k)
                WHERE (i + k) % 4 <> 0)
         FROM generate_series(1, 2000) i`,
      [categories],
    );
    await client.query(
      `INSERT INTO lab (name, uscc, cma_no, region_code, categories, capacity)
       SELECT '基准检验机构' || i || '（演示）', ($2::text[])[i], 'BENCH-CMA-' || i,
              (ARRAY[${PREFECTURES.map((p) => `'${p.slice(0, 4)}02'`).join(',')}])[1 + i % 12],
              $1::text[], 2000
         FROM generate_series(1, 30) i`,
      [categories, Array.from({ length: 30 }, (_, i) => syntheticUscc('150100', 900_000_000 + i))],
    );
  } finally {
    await runner.release();
  }
}
