import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RateDimension, RatePeriod, TargetEntry } from '@spotcheck/domain';

/** How each dimension is read from a rate cell (as the regulators' rates read it). */
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

export interface PublicRateSelection {
  /** Prefix of the plans' jurisdiction (regionPrefix), or none for everywhere. */
  jurisdictionPrefix?: string;
  period: RatePeriod;
  plan?: string;
  category?: string;
  sector?: string;
  /** Prefix of where samples were taken. */
  regionPrefix?: string;
  size?: string;
  stage?: string;
}

export interface PublicRateSums {
  pass: number;
  fail: number;
  pending: number;
  excluded: number;
  onlySector: string | null;
  [dimension: string]: string | number | null;
}

/**
 * The rate cells the worker keeps (ADR 0018), summed for the public: only those of closed
 * plans, as for their draws (a running plan is not announced).
 */
@Injectable()
export class PublicRatesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  sums(sel: PublicRateSelection, by: readonly RateDimension[]): Promise<PublicRateSums[]> {
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    const where = [
      `c.period_month BETWEEN ${arg(sel.period.from)}::date AND ${arg(sel.period.to)}::date`,
    ];
    if (sel.jurisdictionPrefix)
      where.push(`c.jurisdiction LIKE ${arg(`${sel.jurisdictionPrefix}%`)}`);
    if (sel.plan) where.push(`c.plan_id = ${arg(sel.plan)}::uuid`);
    if (sel.category) where.push(`c.category = ${arg(sel.category)}`);
    if (sel.sector) where.push(`c.sector = ${arg(sel.sector)}`);
    if (sel.regionPrefix) where.push(`c.region_code LIKE ${arg(`${sel.regionPrefix}%`)}`);
    if (sel.size) where.push(`c.enterprise_size = ${arg(sel.size)}`);
    if (sel.stage) where.push(`c.stage = ${arg(sel.stage)}`);
    const select = [
      ...by.map((d) => `${DIMENSION_SQL[d]} AS "${d}"`),
      'coalesce(sum(c.pass), 0)::int AS pass',
      'coalesce(sum(c.fail), 0)::int AS fail',
      'coalesce(sum(c.pending), 0)::int AS pending',
      'coalesce(sum(c.excluded), 0)::int AS excluded',
      'CASE WHEN count(DISTINCT c.sector) = 1 THEN min(c.sector) END AS "onlySector"',
    ];
    const keys = by.map((_, i) => i + 1).join(', ');
    return this.ds.query(
      `SELECT ${select.join(', ')}
         FROM rate_cell c JOIN sampling_plan p ON p.id = c.plan_id AND p.state = 'closed'
        WHERE ${where.join(' AND ')}
        ${by.length ? `GROUP BY ${keys} ORDER BY ${keys}` : ''}`,
      args,
    ) as Promise<PublicRateSums[]>;
  }

  /** Pass-rate targets, every jurisdiction's. */
  passRateTargets(): Promise<TargetEntry[]> {
    return this.ds.query(
      `SELECT jurisdiction, sector, year, metric,
              trim(trailing '.' FROM trim(trailing '0' FROM target::text)) AS target
         FROM rate_target WHERE metric = 'pass_rate'`,
    ) as Promise<TargetEntry[]>;
  }

  /** Codes and titles of closed plans, and names of categories. */
  async names(
    plans: readonly string[],
    categories: readonly string[],
  ): Promise<{ plans: Map<string, string>; categories: Map<string, string> }> {
    const [p, c] = (await Promise.all([
      plans.length
        ? this.ds.query(
            `SELECT id::text AS key, code AS name FROM sampling_plan
              WHERE id = ANY($1::uuid[]) AND state = 'closed'`,
            [plans],
          )
        : [],
      categories.length
        ? this.ds.query(`SELECT code AS key, name FROM product_category WHERE code = ANY($1)`, [
            categories,
          ])
        : [],
    ])) as { key: string; name: string }[][];
    return {
      plans: new Map(p.map((r) => [r.key, r.name])),
      categories: new Map(c.map((r) => [r.key, r.name])),
    };
  }
}
