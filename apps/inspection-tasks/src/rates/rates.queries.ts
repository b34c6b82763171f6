import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Scope, scopeSql } from '@spotcheck/auth';
import {
  type RateCellSelection,
  type RateCellSums,
  rateCellConditions,
  rateCellSums,
  rateGrouping,
} from '@spotcheck/database';
import { type RateDimension, type RatePeriod, regionPrefix } from '@spotcheck/domain';

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
export type RateSums = RateCellSums;

export type RateGroup = Partial<Record<RateDimension, string | number>> & RateSums;

/** Final failures summed over a group, and how many have a closed follow-up case. */
export type DisposalGroup = Partial<Record<RateDimension, string | number>> & {
  failures: number;
  disposed: number;
  onlySector: string | null;
};

/** A regulator's selection as the shared rate-cell conditions (@spotcheck/database). */
function cellSelection(sel: RateSelection): RateCellSelection {
  const f = sel.filters;
  return {
    period: sel.period,
    jurisdictionPrefix: sel.jurisdiction ? regionPrefix(sel.jurisdiction) : undefined,
    where: (arg) => scopeSql(sel.scope, { region: 'c.jurisdiction' }, arg),
    filters: {
      plan: f.plan,
      category: f.category,
      sector: f.sector,
      regionPrefix: f.prefecture ? regionPrefix(f.prefecture) : undefined,
      county: f.county,
      size: f.size,
      stage: f.stage,
    },
  };
}

/**
 * The qualification-rate read model: sums of `rate_cell` by the dimensions asked (the query
 * the public portal shares, in @spotcheck/database), and the disposal rate's counts.
 */
@Injectable()
export class RatesQueries {
  /** One row per combination of `by` that has batches, ordered by `by`; one row for none. */
  sums(m: EntityManager, sel: RateSelection, by: readonly RateDimension[]): Promise<RateGroup[]> {
    return rateCellSums(m, cellSelection(sel), by);
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
      ...rateCellConditions(cellSelection(sel), arg),
    ];
    const { select, groupBy } = rateGrouping(by, [
      'count(*)::int AS failures',
      `count(*) FILTER (WHERE fc.state = 'closed')::int AS disposed`,
      'CASE WHEN count(DISTINCT c.sector) = 1 THEN min(c.sector) END AS "onlySector"',
    ]);
    return (await m.query(
      `SELECT ${select}
         FROM sample_outcome c LEFT JOIN followup_case fc ON fc.sample_id = c.sample_id
        WHERE ${where.join(' AND ')} ${groupBy}`,
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
