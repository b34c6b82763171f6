import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal, inScope, scopeOf } from '@spotcheck/auth';
import { recordAudit } from '@spotcheck/common';
import {
  type RateDimension,
  type RatePeriod,
  chinaDate,
  disposalGap,
  disposalRate,
  invalidError,
  notFoundError,
  parseRateDimensions,
  parseRatePeriod,
  qualificationRate,
  rateGap,
  regionName,
  resolveTarget,
} from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { TargetRepository, TargetView } from '../targets/target.repository';
import { RatesQuery } from './rates.dto';
import { DisposalGroup, RateFilters, RateSums, RatesQueries } from './rates.queries';

export interface RateFigures {
  pass: number;
  fail: number;
  pending: number;
  excluded: number;
  final: number;
  rate: string | null;
  target: string | null;
  targetYear: number | null;
  targetJurisdiction: string | null;
  gap: string | null;
}

export type RateRow = Partial<Record<RateDimension, string | number>> &
  RateFigures & { planCode?: string; categoryName?: string; regionName?: string };

/** The disposal rate's figures (问题处置率): closed cases over final failures, beside its target. */
export interface DisposalFigures {
  failures: number;
  disposed: number;
  /** Final failures whose case is not closed yet. */
  open: number;
  rate: string | null;
  target: string | null;
  targetYear: number | null;
  targetJurisdiction: string | null;
  gap: string | null;
}

export type DisposalRow = Partial<Record<RateDimension, string | number>> & DisposalFigures;

export interface RatesAnswer {
  jurisdiction: string | null;
  period: { label: string; from: string; to: string };
  by: RateDimension[];
  rows: RateRow[];
  total: RateFigures;
  sectors: (RateFigures & { sector: string })[];
  /** The disposal rate by the same dimensions, over the same selection. */
  disposal: {
    rows: DisposalRow[];
    total: DisposalFigures;
    sectors: (DisposalFigures & { sector: string })[];
  };
}

/**
 * Qualification rates (合格率, docs/rules.md §3.6) from the rate cells the worker keeps: the
 * sums by the dimensions asked, each with its rate and the target in force beside it.
 * Regulators see the plans of their jurisdiction's subtree; another jurisdiction is 404.
 */
@Injectable()
export class RatesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly queries: RatesQueries,
    private readonly targets: TargetRepository,
  ) {}

  async rates(p: Principal, q: RatesQuery): Promise<RatesAnswer> {
    const scope = scopeOf(p, 'rates', ['regulator', 'admin']);
    const by = parseRateDimensions(q.by);
    const period = parseRatePeriod(q.period ?? chinaDate(new Date()).slice(0, 4));
    const problems = [
      ...(by.ok ? [] : [{ field: 'by', reason: by.reason }]),
      ...(period.ok ? [] : [{ field: 'period', reason: period.reason }]),
    ];
    if (!by.ok || !period.ok) throw invalidError(problems);
    const jurisdiction = q.jurisdiction ?? (p.role === 'regulator' ? p.jurisdiction! : null);
    if (jurisdiction && !inScope(scope, { region: jurisdiction }))
      throw notFoundError('jurisdiction', jurisdiction);
    const filters: RateFilters = {
      plan: q.plan,
      category: q.category,
      sector: q.sector,
      prefecture: q.prefecture,
      county: q.county,
      size: q.size,
      stage: q.stage,
    };
    const m = this.ds.manager;
    const sel = { scope, jurisdiction, period: period.value, filters };
    const [groups, sectors, targets, disposal, disposalSectors, disposalTargets] =
      await Promise.all([
        this.queries.sums(m, sel, by.value),
        this.queries.sums(m, sel, ['sector']),
        this.targets.passRateTargets(m),
        this.queries.disposal(m, sel, by.value),
        this.queries.disposal(m, sel, ['sector']),
        this.targets.disposalRateTargets(m),
      ]);
    const year = Number(period.value.from.slice(0, 4));
    const targetRegion = (g: Partial<Record<RateDimension, string | number>>) =>
      (g.county as string | undefined) ??
      (g.prefecture as string | undefined) ??
      filters.county ??
      filters.prefecture ??
      jurisdiction;
    const figures = (g: RateSums, region: string | null) => figuresOf(g, targets, region, year);
    const plans = await this.queries.plans(
      m,
      by.value.includes('plan') ? groups.map((g) => String(g.plan)) : [],
    );
    const names = await this.queries.categories(
      m,
      by.value.includes('category') ? groups.map((g) => String(g.category)) : [],
    );
    const rows = groups.map((g): RateRow => {
      const dims: Partial<Record<RateDimension, string | number>> = Object.fromEntries(
        by.value.map((d) => [d, g[d]]),
      );
      const row: RateRow = { ...dims, ...figures(g, targetRegion(g)) };
      if (g.onlySector && !by.value.includes('sector')) row.sector = g.onlySector;
      if (dims.plan) row.planCode = plans.get(String(dims.plan))?.code;
      if (dims.category) row.categoryName = names.get(String(dims.category));
      const region = (dims.county ?? dims.prefecture) as string | undefined;
      if (region) row.regionName = regionName(region);
      return row;
    });
    const sum = (k: 'pass' | 'fail' | 'pending' | 'excluded') =>
      groups.reduce((n, g) => n + g[k], 0);
    const total: RateSums = {
      pass: sum('pass'),
      fail: sum('fail'),
      pending: sum('pending'),
      excluded: sum('excluded'),
      onlySector: sectors.length === 1 ? String(sectors[0].sector) : null,
    };
    const selectionRegion = filters.county ?? filters.prefecture ?? jurisdiction;
    const disposed = (g: DisposalGroup, region: string | null) =>
      disposalOf(g, disposalTargets, region, year);
    const disposalTotal: DisposalGroup = {
      failures: disposal.reduce((n, g) => n + g.failures, 0),
      disposed: disposal.reduce((n, g) => n + g.disposed, 0),
      onlySector: disposalSectors.length === 1 ? String(disposalSectors[0].sector) : null,
    };
    return {
      jurisdiction,
      period: periodView(period.value),
      by: [...by.value],
      rows,
      total: figures(total, selectionRegion),
      sectors: sectors.map((s) => ({ sector: String(s.sector), ...figures(s, selectionRegion) })),
      disposal: {
        rows: disposal.map((g): DisposalRow => {
          const dims: Partial<Record<RateDimension, string | number>> = Object.fromEntries(
            by.value.map((d) => [d, g[d]]),
          );
          const row: DisposalRow = { ...dims, ...disposed(g, targetRegion(g)) };
          if (g.onlySector && !by.value.includes('sector')) row.sector = g.onlySector;
          return row;
        }),
        total: disposed(disposalTotal, selectionRegion),
        sectors: disposalSectors.map((s) => ({
          sector: String(s.sector),
          ...disposed(s, selectionRegion),
        })),
      },
    };
  }

  /** Asks the worker for a full recompute of the rate cells, through the outbox (audited). */
  async recompute(p: Principal): Promise<{ outboxId: string; job: string }> {
    scopeOf(p, 'rates', ['admin']);
    return this.ds.transaction(async (m) => {
      const outboxId = await enqueue(m, 'rates.recompute', { requestedBy: p.sub });
      await recordAudit(m, p, [
        { action: 'recompute', entityType: 'rate_cell', detail: { outboxId } },
      ]);
      return { outboxId, job: 'rates.recompute' };
    });
  }
}

function periodView(p: RatePeriod) {
  return { label: p.label, from: p.from.slice(0, 7), to: p.to.slice(0, 7) };
}

/**
 * The figures of summed cells, with the pass-rate target in force for their sector (when they
 * are of one sector) in `region` (the most local region they are known to lie in) and `year`.
 */
function figuresOf(
  g: RateSums,
  targets: readonly TargetView[],
  region: string | null,
  year: number,
): RateFigures {
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

/** The disposal figures of a group, with the disposal-rate target in force (as `figuresOf`). */
function disposalOf(
  g: DisposalGroup,
  targets: readonly TargetView[],
  region: string | null,
  year: number,
): DisposalFigures {
  const t =
    g.onlySector && region
      ? resolveTarget(targets, { region, sector: g.onlySector, year, metric: 'disposal_rate' })
      : null;
  return {
    failures: g.failures,
    disposed: g.disposed,
    open: g.failures - g.disposed,
    rate: disposalRate(g.failures, g.disposed),
    target: t?.target ?? null,
    targetYear: t?.year ?? null,
    targetJurisdiction: t?.jurisdiction ?? null,
    gap: disposalGap(g.failures, g.disposed, t?.target ?? null),
  };
}
