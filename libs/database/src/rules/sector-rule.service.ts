import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type RuleName,
  SECTORS,
  type Sector,
  type SectorRules,
  applySectorRulesPatch,
  conflictError,
  invalidError,
  isSector,
  notFoundError,
  sectorRulesOf,
} from '@spotcheck/domain';
import { SectorRuleRepository, SectorRuleRow } from './sector-rule.repository';

/** A sector's rules in force as the API shows them: the version, who set it, when and why. */
export interface SectorRulesView {
  rules: SectorRules;
  reason: string;
  setBy: string;
  setAt: Date;
}

/**
 * The sector rules for every app (libs/domain sector-rules.ts), like the working-day calendar:
 * the versions in force of all sectors (five rows) cached for {@link SectorRuleService.TTL_MS}.
 * The writer calls {@link invalidate} after committing, so this process sees an edit at once
 * and the others within a minute. Every deadline keeps the version it was computed with
 * (RuleRef), so a deadline computed from a copy a minute old says so truthfully.
 */
@Injectable()
export class SectorRuleService {
  static readonly TTL_MS = 60_000;

  private cached: { rules: Promise<Map<Sector, SectorRulesView>>; loadedAt: number } | null = null;

  constructor(private readonly repo: SectorRuleRepository) {}

  /** Every sector's rules in force, from the cache when fresh. */
  all(now = Date.now()): Promise<Map<Sector, SectorRulesView>> {
    if (this.cached && now - this.cached.loadedAt < SectorRuleService.TTL_MS)
      return this.cached.rules;
    const entry = { rules: this.load(), loadedAt: now };
    this.cached = entry;
    entry.rules.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    return entry.rules;
  }

  /** The rules in force of `sector`; throws when the table lacks the sector (a broken seed). */
  async of(sector: string): Promise<SectorRules> {
    const v = (await this.all()).get(sector as Sector);
    if (!v) throw new Error(`sector_rule holds no rules for sector ${JSON.stringify(sector)}`);
    return v.rules;
  }

  invalidate(): void {
    this.cached = null;
  }

  /** Every sector's rules in force, read now (for the API that shows them). */
  fresh(): Promise<Map<Sector, SectorRulesView>> {
    return this.load();
  }

  /** Every version of `sector`, newest first; 404 for an unknown sector. */
  async versions(sector: string): Promise<SectorRulesView[]> {
    if (!isSector(sector)) throw notFoundError('sector', String(sector));
    return (await this.repo.versions(sector)).map(view);
  }

  /**
   * An admin's change of `sector`'s rules inside `m`'s transaction: version n + 1, or nothing
   * when nothing changes (`changed` empty). 400 naming each field at fault (libs/domain
   * applySectorRulesPatch); 404 for an unknown sector; 409 STALE_VERSION when `expectVersion` is
   * given and is not the version in force. The caller audits it and calls invalidate() after the
   * commit.
   */
  async edit(
    m: EntityManager,
    sector: string,
    patch: Record<string, unknown>,
    o: { reason: string; by: string; expectVersion?: number },
  ): Promise<{ before: SectorRulesView; after: SectorRulesView; changed: readonly RuleName[] }> {
    if (!isSector(sector)) throw notFoundError('sector', String(sector));
    await this.repo.lock(m, sector);
    const row = await this.repo.latest(m, sector);
    if (!row) throw notFoundError('sector', sector);
    const before = view(row);
    if (o.expectVersion !== undefined && o.expectVersion !== row.version)
      throw conflictError(
        'STALE_VERSION',
        `the rules of ${sector} are at version ${row.version}, not ${o.expectVersion}: read them again and repeat the change`,
        { currentVersion: row.version },
      );
    const r = applySectorRulesPatch(before.rules, patch);
    if (!r.ok) throw invalidError([...r.problems]);
    if (r.changed.length === 0) return { before, after: before, changed: [] };
    const after = view(
      await this.repo.insert(m, {
        sector,
        version: row.version + 1,
        rules: r.rules,
        reason: o.reason,
        setBy: o.by,
      }),
    );
    return { before, after, changed: r.changed };
  }

  private async load(): Promise<Map<Sector, SectorRulesView>> {
    const rows = await this.repo.current();
    const out = new Map<Sector, SectorRulesView>();
    for (const r of rows) out.set(r.sector as Sector, view(r));
    for (const s of SECTORS) if (!out.has(s)) throw new Error(`sector_rule has no rules for ${s}`);
    return out;
  }
}

function view(r: SectorRuleRow): SectorRulesView {
  return {
    rules: sectorRulesOf(r.sector, r.version, r.rules),
    reason: r.reason,
    setBy: r.setBy,
    setAt: r.setAt,
  };
}
