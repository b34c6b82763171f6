import type { DataSource } from 'typeorm';
import { INNER_MONGOLIA_PREFECTURES, countiesOf } from '@spotcheck/domain';
import { RateCellsRepository } from '../../apps/worker/src/rates/rate-cells.repository';
import { DEMO_CATALOG } from '../../scripts/demo/demo-data';
import { benchDatabase, fmt, table } from './support';

const RUNS = 3;
/** The goals: the full recompute within 3 s and within 1.5× the baseline query. */
const GOAL_SECONDS = 3;
const GOAL_RATIO = 1.5;

/**
 * The plain baseline: the qualification counts by each dimension alone and in total, in one
 * `GROUP BY GROUPING SETS` over the same outcome rows, without writing anything.
 */
const BASELINE = `
  SELECT plan_id, category, sector, left(region_code, 4) AS prefecture, region_code,
         enterprise_size, stage, period_month, date_trunc('quarter', period_month) AS quarter,
         date_trunc('year', period_month) AS year,
         count(*) FILTER (WHERE outcome = 'pass') AS pass,
         count(*) FILTER (WHERE outcome = 'fail') AS fail,
         count(*) FILTER (WHERE outcome = 'pending') AS pending,
         count(*) FILTER (WHERE outcome = 'excluded') AS excluded
    FROM sample_outcome
   GROUP BY GROUPING SETS ((plan_id), (category), (sector), (left(region_code, 4)),
            (region_code), (enterprise_size), (stage), (period_month),
            (date_trunc('quarter', period_month)), (date_trunc('year', period_month)), ())`;

/**
 * `npm run bench -- rates [samples]`: the full recompute of the rate cells over a province's
 * year of final outcomes (default 1,000,000 samples), best of 3, beside the baseline
 * {@link BASELINE} over the same rows, best of 3, run alternately: into an emptied table
 * (every cell written, the figure the goal is about), and again with nothing changed (every
 * cell counted and compared, none written: the usual night). Then the refresh of one sample's
 * cell (what each outcome change costs), p50/p95 over 1,000 samples.
 *
 * The outcomes are written straight into `sample_outcome` with foreign-key checks off (the
 * recompute reads that table alone): 48 plans (4 per prefecture, each of 4 of the 16 demo
 * categories), the counties of each plan's prefecture, 4 enterprise sizes, 3 stages, 12
 * months; 96 % pass, 3 % fail, 0.9 % pending, 0.1 % excluded.
 */
export async function ratesBench(samples = 1_000_000): Promise<void> {
  const db = await benchDatabase('rates');
  try {
    const t0 = Date.now();
    await seed(db.ds, samples);
    await db.ds.query('VACUUM ANALYZE sample_outcome');
    console.log(`\nrates benchmark: ${fmt(samples)} outcomes seeded in ${fmtS(Date.now() - t0)}`);

    const cells = new RateCellsRepository();
    const fromEmpty: number[] = [];
    const unchanged: number[] = [];
    const baseline: number[] = [];
    let counted = { cells: 0, written: 0 };
    for (let i = 0; i < RUNS; i++) {
      // Every cell to write: the table emptied first (not timed).
      await db.ds.query('TRUNCATE rate_cell');
      let t = process.hrtime.bigint();
      counted = await db.ds.transaction((m) => cells.rebuild(m));
      fromEmpty.push(seconds(t));
      if (counted.written !== counted.cells) throw new Error('the recompute wrote too little');
      await check(db.ds, samples);
      // Nothing changed since: every cell counted and compared, none written.
      t = process.hrtime.bigint();
      const again = await db.ds.transaction((m) => cells.rebuild(m));
      unchanged.push(seconds(t));
      if (again.written !== 0) throw new Error(`the recompute rewrote ${again.written} cells`);
      t = process.hrtime.bigint();
      await db.ds.query(BASELINE);
      baseline.push(seconds(t));
    }
    const best = Math.min(...fromEmpty);
    const base = Math.min(...baseline);
    const runs = (xs: number[]) => `(${xs.map((s) => s.toFixed(2)).join(', ')})`;

    const refresh = await refreshLatencies(db.ds, cells);
    console.log(`\nrates benchmark: ${fmt(samples)} final samples, ${fmt(counted.cells)} cells`);
    table([
      ['full recompute, every cell written, best of 3', `${best.toFixed(2)} s   ${runs(fromEmpty)}`],
      ['full recompute, nothing changed, best of 3', `${Math.min(...unchanged).toFixed(2)} s   ${runs(unchanged)}`],
      ['baseline GROUPING SETS, best of 3', `${base.toFixed(2)} s   ${runs(baseline)}`],
      ['ratio recompute (every cell) / baseline', (best / base).toFixed(2)],
      [
        `goal ≤ ${GOAL_SECONDS} s and ≤ ${GOAL_RATIO}×`,
        best <= GOAL_SECONDS && best / base <= GOAL_RATIO ? 'met' : 'NOT met',
      ],
      ['one cell refreshed, p50 / p95', `${refresh.p50.toFixed(1)} / ${refresh.p95.toFixed(1)} ms`],
    ]); // prettier-ignore
  } finally {
    await db.drop();
  }
}

const seconds = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function seed(ds: DataSource, samples: number): Promise<void> {
  const plans: { id: string; jurisdiction: string; counties: string[]; categories: number[] }[] =
    [];
  INNER_MONGOLIA_PREFECTURES.forEach((p, i) => {
    for (let k = 0; k < 4; k++) {
      const n = i * 4 + k;
      plans.push({
        id: `00000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`,
        jurisdiction: p,
        counties: [...countiesOf(p)],
        categories: [0, 1, 2, 3].map((c) => (n * 3 + c * 4) % DEMO_CATALOG.length),
      });
    }
  });
  await ds.transaction(async (m) => {
    await m.query('SET LOCAL session_replication_role = replica');
    await m.query(
      `CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
       SELECT * FROM unnest($1::int[], $2::uuid[], $3::text[], $4::text[], $5::text[])
                  AS t(n, id, jurisdiction, counties, categories)`,
      [
        plans.map((_, i) => i),
        plans.map((p) => p.id),
        plans.map((p) => p.jurisdiction),
        plans.map((p) => p.counties.join(',')),
        plans.map((p) => p.categories.map((c) => DEMO_CATALOG[c].code).join(',')),
      ],
    );
    await m.query(
      `CREATE TEMP TABLE bench_category ON COMMIT DROP AS
       SELECT * FROM unnest($1::text[], $2::text[]) AS t(code, sector)`,
      [DEMO_CATALOG.map((c) => c.code), DEMO_CATALOG.map((c) => c.sector)],
    );
    // A fixed stream of pseudo-random numbers per sample (hashes of its number), so every run
    // seeds the same rows.
    await m.query(
      `INSERT INTO sample_outcome
              (sample_id, plan_id, jurisdiction, category, sector, region_code, enterprise_size,
               stage, period_month, lab_id, report_id, version, verdict, outcome, basis,
               standing_since, objection_deadline, final_on, decides_at)
       SELECT gen_random_uuid(), p.id, p.jurisdiction, c.code, c.sector,
              split_part(p.counties, ',', 1 + r.h2 % ((length(p.counties) + 1) / 7)),
              (ARRAY['micro','small','small','small','medium','medium','large'])[1 + r.h3 % 7],
              (ARRAY['production','distribution','distribution','online'])[1 + r.h4 % 4],
              make_date(2026, 1 + r.h5 % 12, 1),
              '00000000-0000-4000-8000-00000000000a', gen_random_uuid(), 1,
              o.verdict, o.outcome, o.basis, 1,
              CASE WHEN o.verdict = 'fail' THEN make_date(2026, 1 + r.h5 % 12, 20) END,
              CASE WHEN o.outcome <> 'pending' THEN make_date(2026, 1 + r.h5 % 12, 21) END,
              CASE WHEN o.outcome = 'pending' THEN now() + interval '3 days' END
         FROM generate_series(1, $1) AS i
         CROSS JOIN LATERAL (
           SELECT hashtext(i || 'p') & 2147483647 AS h1, hashtext(i || 'r') & 2147483647 AS h2,
                  hashtext(i || 's') & 2147483647 AS h3, hashtext(i || 't') & 2147483647 AS h4,
                  hashtext(i || 'm') & 2147483647 AS h5,
                  (hashtext(i || 'o') & 2147483647) % 1000 AS h6) r
         JOIN bench_plan p ON p.n = r.h1 % $2
         JOIN bench_category c ON c.code = split_part(p.categories, ',', 1 + r.h4 % 4)
         CROSS JOIN LATERAL (
           SELECT CASE WHEN r.h6 < 960 THEN 'pass' WHEN r.h6 < 999 THEN 'fail'
                       ELSE 'not_applicable' END AS verdict,
                  CASE WHEN r.h6 < 960 THEN 'pass' WHEN r.h6 < 990 THEN 'fail'
                       WHEN r.h6 < 999 THEN 'pending' ELSE 'excluded' END AS outcome,
                  CASE WHEN r.h6 < 960 THEN 'pass_issued' WHEN r.h6 < 990 THEN 'no_objection'
                       WHEN r.h6 < 999 THEN 'objection_window' ELSE 'no_conclusion' END AS basis) o`,
      [samples, plans.length],
    );
  });
}

/** The cells must add up to the samples, and agree with the baseline's totals. */
async function check(ds: DataSource, samples: number): Promise<void> {
  const [c] = (await ds.query(
    `SELECT sum(pass + fail + pending + excluded)::int AS n, sum(pass)::int AS pass,
            sum(fail)::int AS fail, sum(pending)::int AS pending FROM rate_cell`,
  )) as { n: number; pass: number; fail: number; pending: number }[];
  const [o] = (await ds.query(
    `SELECT count(*) FILTER (WHERE outcome = 'pass')::int AS pass,
            count(*) FILTER (WHERE outcome = 'fail')::int AS fail,
            count(*) FILTER (WHERE outcome = 'pending')::int AS pending FROM sample_outcome`,
  )) as { pass: number; fail: number; pending: number }[];
  if (c.n !== samples || c.pass !== o.pass || c.fail !== o.fail || c.pending !== o.pending)
    throw new Error(`the cells do not add up: ${JSON.stringify({ cells: c, outcomes: o })}`);
}

/** One refresh per sample, each in its own transaction, as the worker's job runs it. */
async function refreshLatencies(
  ds: DataSource,
  cells: RateCellsRepository,
): Promise<{ p50: number; p95: number }> {
  const ids = (
    (await ds.query(
      'SELECT sample_id AS id FROM sample_outcome TABLESAMPLE SYSTEM (1) LIMIT 1000',
    )) as { id: string }[]
  ).map((r) => r.id);
  const ms: number[] = [];
  for (const id of ids) {
    const t = process.hrtime.bigint();
    await ds.transaction((m) => cells.refresh(m, [id]));
    ms.push(seconds(t) * 1000);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length / 2)], p95: ms[Math.floor(ms.length * 0.95)] };
}
