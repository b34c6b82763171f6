/**
 * The draw's queries over the directory (docs/rules.md §3.2 step 2, docs/draw-algorithm.md §14):
 * the eligible set as SQL, and the eligible snapshot the record keeps, which libs/domain
 * ranks as it arrives. Run them in one REPEATABLE READ transaction so that they see the same
 * directory. Plain functions: the draw service and the draw benchmark use them alike.
 */
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { EntityManager } from 'typeorm';
import type { PlanLevel, SamplingPlan } from '@spotcheck/database';
import { SnapshotRanker, regionPrefix, type RankedSnapshot } from '@spotcheck/domain';
import { NATIONAL_JURISDICTION } from '../plans/plan.dto';

/** Plan levels by rank: a task of a plan at the same or a higher rank excludes. */
const LEVEL_RANK: Readonly<Record<PlanLevel, number>> = {
  prefecture: 1,
  provincial: 2,
  national: 3,
};
const LEVEL_RANK_SQL = `CASE p.level WHEN 'national' THEN 3 WHEN 'provincial' THEN 2 ELSE 1 END`;
/** How long a check keeps an enterprise and category out of later draws. */
const EXCLUSION_WINDOW = '6 months';
/** GB/T 2260 prefecture of an enterprise: its region code's first 4 digits and '00'. */
const PREFECTURE_SQL = `substr(e.region_code, 1, 4) || '00'`;

export type ExclusionCode = 'RECENTLY_CHECKED' | 'HIGHER_LEVEL_PLAN';

export interface Exclusion {
  uscc: string;
  category: string;
  code: ExclusionCode;
  reason: string;
  byPlanId: string;
}

/** The eligible set as SQL over `enterprise e`, with the literal escaper that built it. */
export interface EligibleSet {
  /** The WHERE clause. */
  where: string;
  /** The eligible categories, canonical ('C01,C02'). */
  categories: string;
  exclusions: Exclusion[];
  lit: (v: string) => string;
}

/** The LIKE pattern of the plan's jurisdiction subtree ('%' for a national plan). */
export function jurisdictionPattern(plan: SamplingPlan): string {
  return plan.jurisdiction === NATIONAL_JURISDICTION ? '%' : `${regionPrefix(plan.jurisdiction)}%`;
}

/**
 * The eligible set as SQL (docs/rules.md §3.2 step 2): active enterprises of the jurisdiction with
 * a plan category, minus exclusions per category —
 * - RECENTLY_CHECKED: a task for the same enterprise and category drawn within the last
 *   6 months by a plan of the same or a higher level;
 * - HIGHER_LEVEL_PLAN: a task of a higher-level plan of the same year (a product checked
 *   nationally is not re-checked locally in the same period).
 * An enterprise left with no category drops out. Exclusions are few (they come from earlier
 * tasks), so they are read first and written into the SQL as literals; the big queries then
 * stay plain scans that PostgreSQL can run in parallel, and the same text serves COPY, which
 * takes no parameters.
 */
export async function eligibleSet(
  m: EntityManager,
  client: PoolClient,
  plan: SamplingPlan,
): Promise<EligibleSet> {
  const lit = (v: string) => client.escapeLiteral(v);
  const arr = (vs: readonly string[]) => `ARRAY[${vs.map(lit).join(',')}]::text[]`;
  const cats = arr(plan.categories);
  const base = `e.status = 'active' AND e.region_code LIKE ${lit(jurisdictionPattern(plan))} AND e.categories && ${cats}`;
  const rank = LEVEL_RANK[plan.level];
  const hits = (await m.query(
    `SELECT DISTINCT ON (t.uscc, t.category)
            t.uscc, t.category, e.categories AS "enterpriseCategories",
            p.id AS "planId", p.code, p.level, d.drawn_at AS "drawnAt",
            CASE WHEN d.drawn_at > now() - interval '${EXCLUSION_WINDOW}' AND ${LEVEL_RANK_SQL} >= $2
                 THEN 'RECENTLY_CHECKED' ELSE 'HIGHER_LEVEL_PLAN' END AS reason
       FROM inspection_task t
       JOIN draw d ON d.id = t.draw_id
       JOIN sampling_plan p ON p.id = t.plan_id
       JOIN enterprise e ON e.uscc = t.uscc
      WHERE ${base} AND t.category = ANY(${cats})
        AND t.state <> 'cancelled' AND p.id <> $1
        AND ((d.drawn_at > now() - interval '${EXCLUSION_WINDOW}' AND ${LEVEL_RANK_SQL} >= $2)
             OR (${LEVEL_RANK_SQL} > $2 AND p.year = $3))
      ORDER BY t.uscc, t.category, d.drawn_at DESC`,
    [plan.id, rank, plan.year],
  )) as {
    uscc: string;
    category: string;
    enterpriseCategories: string[];
    planId: string;
    code: string;
    level: PlanLevel;
    drawnAt: Date;
    reason: ExclusionCode;
  }[];

  const exclusions: Exclusion[] = hits.map((h) => ({
    uscc: h.uscc,
    category: h.category,
    code: h.reason,
    byPlanId: h.planId,
    reason:
      h.reason === 'RECENTLY_CHECKED'
        ? `checked for ${h.category} within the last ${EXCLUSION_WINDOW} by ${h.level} plan ${h.code} (drawn ${h.drawnAt.toISOString()}), at the same or a higher level than this ${plan.level} plan`
        : `in ${h.level} plan ${h.code} of ${plan.year} for ${h.category}, a higher level than this ${plan.level} plan`,
  }));
  // What each enterprise with exclusions has left: nothing (out), or fewer categories.
  const planCats = new Set(plan.categories);
  const excluded = new Map<string, { all: string[]; out: Set<string> }>();
  for (const h of hits) {
    let x = excluded.get(h.uscc);
    if (!x) excluded.set(h.uscc, (x = { all: h.enterpriseCategories, out: new Set() }));
    x.out.add(h.category);
  }
  const gone: string[] = [];
  const partial: { uscc: string; categories: string }[] = [];
  for (const [uscc, x] of excluded) {
    const left = [...new Set(x.all)].filter((c) => planCats.has(c) && !x.out.has(c)).sort();
    if (left.length === 0) gone.push(uscc);
    else partial.push({ uscc, categories: left.join(',') });
  }
  const where = gone.length ? `${base} AND NOT (e.uscc = ANY(${arr(gone)}))` : base;
  const pu = arr(partial.map((x) => x.uscc));
  // Plan categories the enterprise has, in its own order (the domain sorts them); the
  // common case, every category a plan category, costs one array comparison.
  const categories = `CASE${
    partial.length
      ? ` WHEN e.uscc = ANY(${pu}) THEN (${arr(partial.map((x) => x.categories))})[array_position(${pu}, e.uscc)]`
      : ''
  } WHEN e.categories <@ ${cats} THEN array_to_string(e.categories, ',')
      ELSE array_to_string(spotcheck_text_intersect(e.categories, ${cats}), ',') END`;
  return { where, categories, exclusions, lit };
}

/**
 * The eligible set ranked for the seed: the eligible list (libs/domain/src/draw/snapshot.ts)
 * by one COPY, about 43 MB of text for a million enterprises rather than a million rows.
 * SnapshotRanker reads the strata and every rank key off the COPY's pieces while PostgreSQL
 * is still sending, never making them into strings, then sorts the rows by USCC for the
 * digest; the pieces it keeps are the list the record stores (encodeEligible). Hashing here
 * costs about 0.25 µs a USCC against about 1 µs in PostgreSQL's sha256(), and a radix sort of
 * the ranker's order keys under 0.1 s against 0.5 s for PostgreSQL to sort the rows before
 * sending them.
 */
export async function rankEligible(
  client: PoolClient,
  set: EligibleSet,
  seed: string,
  stratify: boolean,
): Promise<RankedSnapshot> {
  // One PostgreSQL process: it formats rows on one core while Node ranks them on the other.
  // Parallel workers (which a sorted read needed) would take the core Node ranks on.
  await client.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
  // The planner's estimate of the eligible set sizes the ranker's arrays up front, with room
  // for the estimate to be low (it put the benchmark's 979,869 at 752,553).
  const [{ 'QUERY PLAN': plans }] = (
    await client.query<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM enterprise e WHERE ${set.where}`,
    )
  ).rows;
  const rows = Math.ceil(plans[0].Plan['Plan Rows'] * 1.5);
  const ranker = new SnapshotRanker(seed, stratify, { rows });
  await pipeline(
    client.query(
      copyTo(
        `COPY (SELECT e.uscc, e.risk_class, ${PREFECTURE_SQL}, ${set.categories}
                 FROM enterprise e WHERE ${set.where}) TO STDOUT`,
      ),
    ),
    async function (pieces: AsyncIterable<Buffer>) {
      // push never throws (finish() reports a bad line), so the COPY is always read whole.
      for await (const piece of pieces) ranker.push(piece);
    },
  );
  await client.query(`SET LOCAL max_parallel_workers_per_gather TO DEFAULT`);
  return ranker.finish();
}
