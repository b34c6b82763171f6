/**
 * The draw's queries over the directory (DESIGN §3.2 step 2, docs/draw-algorithm.md §13):
 * the eligible set as SQL, the strata sizes and candidates from which libs/domain selects,
 * and the eligible snapshot the record keeps. Run them in one REPEATABLE READ transaction so
 * that they all see the same directory. Plain functions: the draw service and the draw
 * benchmark use them alike.
 */
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { EntityManager } from 'typeorm';
import { eligibleEncoder, type PlanLevel, type SamplingPlan } from '@spotcheck/database';
import {
  SnapshotSummary,
  planStrata,
  regionPrefix,
  selectFromCandidates,
  stratumName,
} from '@spotcheck/domain';
import type { DrawParams, RiskClass, SnapshotSummaryResult, StratumSize } from '@spotcheck/domain';
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

/** A candidate bound (u32, or null for all) as the hex of a bytea that keys compare against. */
function boundHex(bound: number | null): string {
  // 33 bytes of ff lie above every 32-byte key; 4 bytes b compare like u32(key) < b.
  if (bound === null || bound >= 2 ** 32) return 'ff'.repeat(33);
  return bound.toString(16).padStart(8, '0');
}

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
 * The eligible set as SQL (DESIGN §3.2 step 2): active enterprises of the jurisdiction with
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

/** An enterprise under its stratum's candidate bound, as the candidate scan returns it. */
export interface Candidate {
  uscc: string;
  riskClass: RiskClass;
  prefecture: string;
  categories: string[];
}

/** Candidate bounds per stratum as a VALUES table `b(rc, pref, bound)` and its join condition. */
function boundsTable(set: EligibleSet, bounds: Map<string, number | null>, stratify: boolean) {
  // A small table joined by hash: one lookup per enterprise, in the parallel workers, instead
  // of a CASE over up to 48 stratum names.
  const values = [...bounds]
    .map(([n, b]) => {
      const [rc, pref] = n.split('/');
      return `(${set.lit(rc)}, ${set.lit(pref ?? '')}, '\\x${boundHex(b)}'::bytea)`;
    })
    .join(', ');
  const on = stratify
    ? `b.rc = e.risk_class AND b.pref = ${PREFECTURE_SQL}`
    : 'b.rc = e.risk_class';
  return { values, on };
}

const rankKeySql = (set: EligibleSet, seed: string) =>
  `sha256(convert_to(${set.lit(`${seed}:`)} || e.uscc, 'UTF8'))`;

/** Eligible enterprises per risk class and prefecture. */
export async function strataSizes(m: EntityManager, set: EligibleSet): Promise<StratumSize[]> {
  return (await m.query(
    `SELECT e.risk_class AS "riskClass", ${PREFECTURE_SQL} AS prefecture, count(*)::int AS size
       FROM enterprise e WHERE ${set.where} GROUP BY 1, 2`,
  )) as StratumSize[];
}

/**
 * Selection (docs/draw-algorithm.md §5–§7) without hashing a million USCCs in Node: strata
 * sizes first, then PostgreSQL computes the rank keys and returns only the enterprises under
 * each stratum's candidate bound, and libs/domain picks the k lowest (candidates.ts). A
 * stratum with too few candidates — about never — is asked again without a bound.
 */
export async function selectCandidates(
  m: EntityManager,
  set: EligibleSet,
  seed: string,
  params: DrawParams,
  sizes?: readonly StratumSize[],
) {
  const strata = planStrata(sizes ?? (await strataSizes(m, set)), params);
  const stratify = params.stratifyByPrefecture;
  const fetch = async (bounds: Map<string, number | null>) => {
    if (bounds.size === 0) return [];
    const { values, on } = boundsTable(set, bounds, stratify);
    const rows = (await m.query(
      `SELECT e.uscc, e.risk_class AS "riskClass", ${PREFECTURE_SQL} AS prefecture,
              ${set.categories} AS categories
         FROM enterprise e JOIN (VALUES ${values}) AS b(rc, pref, bound) ON ${on}
        WHERE ${set.where}
          AND ${rankKeySql(set, seed)} < b.bound`,
    )) as { uscc: string; riskClass: RiskClass; prefecture: string; categories: string }[];
    return rows.map((r): Candidate => ({ ...r, categories: r.categories.split(',') }));
  };
  const first = new Map<string, number | null>();
  for (const s of strata.strata) if (s.allotted > 0) first.set(s.name, s.bound ?? null);
  let candidates = await fetch(first);
  let got = selectFromCandidates(seed, strata, candidates, stratify);
  if (!got.ok) {
    const short = new Set(got.short);
    const again = await fetch(new Map(got.short.map((n) => [n, null])));
    candidates = candidates
      .filter((c) => !short.has(stratumName(c.riskClass, c.prefecture, stratify)))
      .concat(again);
    // Those strata now have every enterprise as a candidate: no bound to check them against.
    const whole = {
      ...strata,
      strata: strata.strata.map((s) => (short.has(s.name) ? { ...s, bound: null } : s)),
    };
    got = selectFromCandidates(seed, whole, candidates, stratify);
    if (!got.ok) throw new Error(`draw: strata ${got.short.join(', ')} have too few enterprises`);
  }
  return got;
}

/** The eligible list of a draw as stored, and what the draw reads off it on the way. */
export interface EligibleSnapshot extends SnapshotSummaryResult {
  /** `draw.eligible`: the snapshot lines gzipped by eligibleEncoder. */
  stored: Buffer;
}

/**
 * The eligible list (libs/domain/src/draw/snapshot.ts) in USCC order, straight from COPY: a
 * million enterprises arrive as about 43 MB of text, not a million rows. The digest and the
 * strata sizes are read off the pieces, and the pieces compressed for storage, while
 * PostgreSQL is still sending; the list is never held as one string.
 */
export async function eligibleSnapshot(
  client: PoolClient,
  set: EligibleSet,
): Promise<EligibleSnapshot> {
  // Sorting a million rows is much of the cost: let two workers scan and sort their halves
  // in memory and merge them (PostgreSQL would otherwise walk the primary key one heap page
  // at a time, or sort on one core with 4 MB and spill to disk).
  await client.query(
    `SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0; SET LOCAL work_mem = '128MB'`,
  );
  const summary = new SnapshotSummary();
  const stored: Buffer[] = [];
  await pipeline(
    client.query(
      copyTo(
        `COPY (SELECT e.uscc, e.risk_class, ${PREFECTURE_SQL}, ${set.categories}
                 FROM enterprise e WHERE ${set.where}
                ORDER BY e.uscc COLLATE "C") TO STDOUT`,
      ),
    ),
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        summary.push(chunk); // never throws: finish() reports a bad line
        done(null, chunk);
      },
    }),
    eligibleEncoder(),
    async function (gzipped: AsyncIterable<Buffer>) {
      for await (const piece of gzipped) stored.push(piece);
    },
  );
  await client.query(
    `SET LOCAL parallel_setup_cost TO DEFAULT; SET LOCAL parallel_tuple_cost TO DEFAULT; SET LOCAL work_mem TO DEFAULT`,
  );
  return { ...summary.finish(), stored: Buffer.concat(stored) };
}
