import { Injectable } from '@nestjs/common';
import {
  type RateDimension,
  type TargetEntry,
  chinaDate,
  invalidError,
  isUuid,
  isValidRegionCode,
  parseRateDimensions,
  parseRatePeriod,
  qualificationRate,
  rateGap,
  regionName,
  regionPrefix,
  resolveTarget,
} from '@spotcheck/domain';
import { Answer, PublicAnswers } from '../public-answers';
import type { PublicRatesQuery } from './public-rates.dto';
import { PublicRateSums, PublicRatesRepository } from './public-rates.repository';

/** How long a rates answer is kept: the cells change as outcomes become final. */
export const RATES_TTL_MS = 60_000;

/**
 * Qualification rates for the public (docs/rules.md §3.6): the worker's rate cells of closed
 * plans summed by the dimensions asked, each with the pass-rate target in force and the gap
 * beside it, and every sector against its target. Kept a minute at most.
 */
@Injectable()
export class PublicRatesService {
  constructor(
    private readonly repo: PublicRatesRepository,
    private readonly answers: PublicAnswers,
  ) {}

  rates(q: PublicRatesQuery): Promise<Answer> {
    const by = parseRateDimensions(q.by);
    const today = chinaDate(new Date());
    const period = parseRatePeriod(q.period ?? today.slice(0, 4));
    const errors: { field: string; reason: string }[] = [];
    if (!by.ok) errors.push({ field: 'by', reason: by.reason });
    if (!period.ok) errors.push({ field: 'period', reason: period.reason });
    for (const f of ['jurisdiction', 'prefecture'] as const)
      if (q[f] !== undefined && !isValidRegionCode(q[f]))
        errors.push({ field: f, reason: 'must be a GB/T 2260 region code of 6 digits' });
    if (q.plan !== undefined && !isUuid(q.plan))
      errors.push({ field: 'plan', reason: 'must be a UUID' });
    if (!by.ok || !period.ok || errors.length) throw invalidError(errors);
    const jurisdiction = q.jurisdiction && q.jurisdiction !== '000000' ? q.jurisdiction : null;
    const sel = {
      jurisdictionPrefix: jurisdiction ? regionPrefix(jurisdiction) : undefined,
      period: period.value,
      plan: q.plan?.toLowerCase(),
      category: q.category,
      sector: q.sector,
      regionPrefix: q.prefecture ? regionPrefix(q.prefecture) : undefined,
      size: q.size,
      stage: q.stage,
    };
    const dims = by.value;
    // Rate cells change as outcomes become final, not only when lists are published: an
    // answer is kept for a minute at most besides.
    return this.answers.get(
      JSON.stringify(['rates', dims, sel]),
      async () => {
        const [groups, sectors, targets] = await Promise.all([
          this.repo.sums(sel, dims),
          this.repo.sums(sel, ['sector']),
          this.repo.passRateTargets(),
        ]);
        const year = Number(period.value.from.slice(0, 4));
        const place = q.prefecture ?? jurisdiction;
        const figures = (g: PublicRateSums, region: string | null) =>
          figuresOf(g, targets, region, year);
        const names = await this.repo.names(
          dims.includes('plan') ? groups.map((g) => String(g.plan)) : [],
          dims.includes('category') ? groups.map((g) => String(g.category)) : [],
        );
        const rows = groups.map((g) => {
          const values = Object.fromEntries(dims.map((d) => [d, g[d]])) as Partial<
            Record<RateDimension, string | number>
          >;
          const region = (values.county ?? values.prefecture) as string | undefined;
          const row: Record<string, unknown> = { ...values, ...figures(g, region ?? place) };
          if (g.onlySector && !dims.includes('sector')) row.sector = g.onlySector;
          if (values.plan) row.planCode = names.plans.get(String(values.plan));
          if (values.category) row.categoryName = names.categories.get(String(values.category));
          if (region) row.regionName = regionName(region);
          return row;
        });
        const sum = (k: 'pass' | 'fail' | 'pending' | 'excluded') =>
          groups.reduce((n, g) => n + g[k], 0);
        const total: PublicRateSums = {
          pass: sum('pass'),
          fail: sum('fail'),
          pending: sum('pending'),
          excluded: sum('excluded'),
          onlySector: sectors.length === 1 ? String(sectors[0].sector) : null,
        };
        const p = period.value;
        return {
          jurisdiction,
          period: { label: p.label, from: p.from.slice(0, 7), to: p.to.slice(0, 7) },
          by: [...dims],
          rows,
          total: figures(total, place),
          sectors: sectors.map((s) => ({ sector: String(s.sector), ...figures(s, place) })),
        };
      },
      RATES_TTL_MS,
    );
  }
}

/** The figures of summed cells, with the target in force for their one sector in `region`. */
function figuresOf(
  g: PublicRateSums,
  targets: readonly TargetEntry[],
  region: string | null,
  year: number,
) {
  const t =
    g.onlySector && region
      ? resolveTarget(targets, { region, sector: g.onlySector, year, metric: 'pass_rate' })
      : null;
  return {
    pass: g.pass,
    fail: g.fail,
    pending: g.pending,
    excluded: g.excluded,
    final: g.pass + g.fail,
    rate: qualificationRate(g.pass, g.fail),
    target: t?.target ?? null,
    targetYear: t?.year ?? null,
    targetJurisdiction: t?.jurisdiction ?? null,
    gap: rateGap(g.pass, g.fail, t?.target ?? null),
  };
}
