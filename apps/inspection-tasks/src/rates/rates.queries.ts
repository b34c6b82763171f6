import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Scope, scopeSql } from '@spotcheck/auth';
import { type RateDimension, type RatePeriod, regionPrefix } from '@spotcheck/domain';

/** How each dimension is read from a rate cell; the answer's keys are the dimension names. */
const DIMENSION_SQL: Readonly<Record<RateDimension, string>> = {
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
export interface RateFilters {
  plan?: string;
  category?: string;
  sector?: string;
  prefecture?: string;
  county?: string;
  size?: string;
  stage?: string;
}

export interface RateSelection {
  scope: Scope;
  /** The plans' jurisdiction (its subtree); null for every jurisdiction (admins). */
  jurisdiction: string | null;
  period: RatePeriod;
  filters: RateFilters;
}

/** Counts summed over a group of cells; `sector` when the group's cells share one. */
export interface RateSums {
  pass: number;
  fail: number;
  pending: number;
  excluded: number;
  onlySector: string | null;
}

export type RateGroup = Partial<Record<RateDimension, string | number>> & RateSums;

/** Final failures summed over a group, and how many have a closed follow-up case. */
export type DisposalGroup = Partial<Record<RateDimension, string | number>> & {
  failures: number;
  disposed: number;
  onlySector: string | null;
};

/** The qualification-rate read model: sums of `rate_cell` by the dimensions asked. */
@Injectable()
export class RatesQueries {
  /** One row per combination of `by` that has batches, ordered by `by`; one row for none. */
  async sums(
    m: EntityManager,
    sel: RateSelection,
    by: readonly RateDimension[],
  ): Promise<RateGroup[]> {
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    const where = [
      scopeSql(sel.scope, { region: 'c.jurisdiction' }, arg),
      `c.period_month BETWEEN ${arg(sel.period.from)}::date AND ${arg(sel.period.to)}::date`,
    ];
    if (sel.jurisdiction)
      where.push(`c.jurisdiction LIKE ${arg(`${regionPrefix(sel.jurisdiction)}%`)}`);
    const f = sel.filters;
    if (f.plan) where.push(`c.plan_id = ${arg(f.plan)}::uuid`);
    if (f.category) where.push(`c.category = ${arg(f.category)}`);
    if (f.sector) where.push(`c.sector = ${arg(f.sector)}`);
    if (f.prefecture) where.push(`c.region_code LIKE ${arg(`${regionPrefix(f.prefecture)}%`)}`);
    if (f.county) where.push(`c.region_code = ${arg(f.county)}`);
    if (f.size) where.push(`c.enterprise_size = ${arg(f.size)}`);
    if (f.stage) where.push(`c.stage = ${arg(f.stage)}`);
    const select = [
      ...by.map((d) => `${DIMENSION_SQL[d]} AS "${d}"`),
      'coalesce(sum(c.pass), 0)::int AS pass',
      'coalesce(sum(c.fail), 0)::int AS fail',
      'coalesce(sum(c.pending), 0)::int AS pending',
      'coalesce(sum(c.excluded), 0)::int AS excluded',
      'CASE WHEN count(DISTINCT c.sector) = 1 THEN min(c.sector) END AS "onlySector"',
    ];
    const keys = by.map((_, i) => i + 1).join(', ');
    const rows = (await m.query(
      `SELECT ${select.join(', ')} FROM rate_cell c WHERE ${where.join(' AND ')}
       ${by.length ? `GROUP BY ${keys} ORDER BY ${keys}` : ''}`,
      args,
    )) as RateGroup[];
    return rows;
  }

  /**
   * The disposal rate's counts (问题处置率, docs/cases.md) by the same dimensions, read from the
   * final failures themselves (`sample_outcome`, whose dimension columns are the cells'): each
   * final failure that is no re-inspection (those have one case each), and how many of them have
   * a closed case.
   */
  async disposal(
    m: EntityManager,
    sel: RateSelection,
    by: readonly RateDimension[],
  ): Promise<DisposalGroup[]> {
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    const where = [
      `c.outcome = 'fail'`,
      'NOT c.reinspection',
      scopeSql(sel.scope, { region: 'c.jurisdiction' }, arg),
      `c.period_month BETWEEN ${arg(sel.period.from)}::date AND ${arg(sel.period.to)}::date`,
    ];
    if (sel.jurisdiction)
      where.push(`c.jurisdiction LIKE ${arg(`${regionPrefix(sel.jurisdiction)}%`)}`);
    const f = sel.filters;
    if (f.plan) where.push(`c.plan_id = ${arg(f.plan)}::uuid`);
    if (f.category) where.push(`c.category = ${arg(f.category)}`);
    if (f.sector) where.push(`c.sector = ${arg(f.sector)}`);
    if (f.prefecture) where.push(`c.region_code LIKE ${arg(`${regionPrefix(f.prefecture)}%`)}`);
    if (f.county) where.push(`c.region_code = ${arg(f.county)}`);
    if (f.size) where.push(`c.enterprise_size = ${arg(f.size)}`);
    if (f.stage) where.push(`c.stage = ${arg(f.stage)}`);
    const select = [
      ...by.map((d) => `${DIMENSION_SQL[d]} AS "${d}"`),
      'count(*)::int AS failures',
      `count(*) FILTER (WHERE fc.state = 'closed')::int AS disposed`,
      'CASE WHEN count(DISTINCT c.sector) = 1 THEN min(c.sector) END AS "onlySector"',
    ];
    const keys = by.map((_, i) => i + 1).join(', ');
    return (await m.query(
      `SELECT ${select.join(', ')}
         FROM sample_outcome c LEFT JOIN followup_case fc ON fc.sample_id = c.sample_id
        WHERE ${where.join(' AND ')}
       ${by.length ? `GROUP BY ${keys} ORDER BY ${keys}` : ''}`,
      args,
    )) as DisposalGroup[];
  }

  /** Codes and titles of plans, by id. */
  async plans(
    m: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, { code: string; title: string }>> {
    if (ids.length === 0) return new Map();
    const rows = (await m.query(
      'SELECT id::text, code, title FROM sampling_plan WHERE id = ANY($1::uuid[])',
      [ids],
    )) as { id: string; code: string; title: string }[];
    return new Map(rows.map((r) => [r.id, { code: r.code, title: r.title }]));
  }

  /** Names of categories, by code. */
  async categories(m: EntityManager, codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = (await m.query(
      'SELECT code, name FROM product_category WHERE code = ANY($1::text[])',
      [codes],
    )) as { code: string; name: string }[];
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
