import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type RateCellGroup, rateCellSums } from '@spotcheck/database';
import type { RateDimension, RatePeriod, TargetEntry } from '@spotcheck/domain';

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

export type PublicRateSums = RateCellGroup;

/**
 * The rate cells the worker keeps (ADR 0018), summed for the public: only those of closed
 * plans, as for their draws (a running plan is not announced).
 */
@Injectable()
export class PublicRatesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The regulators' rate-cell sums (@spotcheck/database), of closed plans only. */
  sums(sel: PublicRateSelection, by: readonly RateDimension[]): Promise<PublicRateSums[]> {
    return rateCellSums(
      this.ds.manager,
      {
        period: sel.period,
        jurisdictionPrefix: sel.jurisdictionPrefix,
        closedPlansOnly: true,
        filters: {
          plan: sel.plan,
          category: sel.category,
          sector: sel.sector,
          regionPrefix: sel.regionPrefix,
          size: sel.size,
          stage: sel.stage,
        },
      },
      by,
    );
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
