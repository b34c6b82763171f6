import type { EntityManager } from 'typeorm';
import type { RateDimension, RatePeriod } from '@spotcheck/domain';

/**
 * How each rate dimension is read from a row `c` of `rate_cell` (ADR 0018) or of
 * `sample_outcome`, whose dimension columns are the cells'; the answers' keys are the dimension
 * names. Shared by the regulators' rates (inspection-tasks) and the public's (public-portal).
 */
export const RATE_DIMENSION_SQL: Readonly<Record<RateDimension, string>> = {
  plan: 'c.plan_id::text',
  category: 'c.category',
  sector: 'c.sector',
  prefecture: "left(c.region_code, 4) || '00'",
  county: 'c.region_code',
  size: 'c.enterprise_size',
  stage: 'c.stage',
  month: "to_char(c.period_month, 'YYYY-MM')",
  quarter: `to_char(c.period_month, 'YYYY"-Q"Q')`,
  year: 'extract(year FROM c.period_month)::int',
};

/** Filters on single values of the dimensions that are not periods. */
export interface RateCellFilters {
  plan?: string;
  category?: string;
  sector?: string;
  /** Prefix of the region code where samples were taken (a prefecture's subtree). */
  regionPrefix?: string;
  /** Exactly this county. */
  county?: string;
  size?: string;
  stage?: string;
}

export interface RateCellSelection {
  period: RatePeriod;
  /** Prefix of the plans' jurisdiction (its subtree); none for every jurisdiction. */
  jurisdictionPrefix?: string;
  filters: RateCellFilters;
  /** Only cells of closed plans: what the public is told (a running plan is not announced). */
  closedPlansOnly?: boolean;
  /** A further condition on `c` (the caller's access scope), its values added by `arg`. */
  where?: (arg: (v: unknown) => string) => string;
}

/** Counts summed over a group of cells; `onlySector` when the group's cells share one. */
export interface RateCellSums {
  pass: number;
  fail: number;
  pending: number;
  excluded: number;
  onlySector: string | null;
}

export type RateCellGroup = Partial<Record<RateDimension, string | number>> & RateCellSums;

/** The conditions of a selection on `c`, their values added by `arg`. */
export function rateCellConditions(sel: RateCellSelection, arg: (v: unknown) => string): string[] {
  const where = [
    `c.period_month BETWEEN ${arg(sel.period.from)}::date AND ${arg(sel.period.to)}::date`,
  ];
  if (sel.where) where.push(sel.where(arg));
  if (sel.jurisdictionPrefix)
    where.push(`c.jurisdiction LIKE ${arg(`${sel.jurisdictionPrefix}%`)}`);
  const f = sel.filters;
  if (f.plan) where.push(`c.plan_id = ${arg(f.plan)}::uuid`);
  if (f.category) where.push(`c.category = ${arg(f.category)}`);
  if (f.sector) where.push(`c.sector = ${arg(f.sector)}`);
  if (f.regionPrefix) where.push(`c.region_code LIKE ${arg(`${f.regionPrefix}%`)}`);
  if (f.county) where.push(`c.region_code = ${arg(f.county)}`);
  if (f.size) where.push(`c.enterprise_size = ${arg(f.size)}`);
  if (f.stage) where.push(`c.stage = ${arg(f.stage)}`);
  if (sel.closedPlansOnly)
    where.push(
      `EXISTS (SELECT 1 FROM sampling_plan p WHERE p.id = c.plan_id AND p.state = 'closed')`,
    );
  return where;
}

/** The SELECT list and GROUP BY of `by`, around the given aggregates. */
export function rateGrouping(
  by: readonly RateDimension[],
  aggregates: readonly string[],
): { select: string; groupBy: string } {
  const keys = by.map((_, i) => i + 1).join(', ');
  return {
    select: [...by.map((d) => `${RATE_DIMENSION_SQL[d]} AS "${d}"`), ...aggregates].join(', '),
    groupBy: by.length ? `GROUP BY ${keys} ORDER BY ${keys}` : '',
  };
}

/**
 * The qualification-rate read model: sums of `rate_cell` by the dimensions asked, one row per
 * combination of `by` that has batches, ordered by `by`; one row for none.
 */
export async function rateCellSums(
  m: EntityManager,
  sel: RateCellSelection,
  by: readonly RateDimension[],
): Promise<RateCellGroup[]> {
  const args: unknown[] = [];
  const arg = (v: unknown) => `$${args.push(v)}`;
  const where = rateCellConditions(sel, arg);
  const { select, groupBy } = rateGrouping(by, [
    'coalesce(sum(c.pass), 0)::int AS pass',
    'coalesce(sum(c.fail), 0)::int AS fail',
    'coalesce(sum(c.pending), 0)::int AS pending',
    'coalesce(sum(c.excluded), 0)::int AS excluded',
    'CASE WHEN count(DISTINCT c.sector) = 1 THEN min(c.sector) END AS "onlySector"',
  ]);
  return (await m.query(
    `SELECT ${select} FROM rate_cell c WHERE ${where.join(' AND ')} ${groupBy}`,
    args,
  )) as RateCellGroup[];
}
