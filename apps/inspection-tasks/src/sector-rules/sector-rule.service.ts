import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { recordAudit } from '@spotcheck/common';
import { SectorRuleService, SectorRulesView } from '@spotcheck/database';
import { SECTOR_LABELS_ZH, SECTORS, isSector, notFoundError } from '@spotcheck/domain';
import type { SectorRuleSet } from '@spotcheck/domain';
import { EditSectorRulesDto } from './sector-rule.dto';

/** A version of a sector's rules as the API shows it: the rules flat beside who set them. */
export type SectorRulesAnswer = SectorRuleSet & {
  sector: string;
  sectorName: string;
  version: number;
  reason: string;
  setBy: string;
  setAt: Date;
};

/**
 * The sector rules table (docs/rules.md §3.3, §3.5): everyone signed in reads the rules in
 * force and their history; admins change them. A change is a new version with its reason,
 * audited; a value that changes names its source.
 */
@Injectable()
export class SectorRulesApiService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly rules: SectorRuleService,
  ) {}

  async list(): Promise<{ items: SectorRulesAnswer[] }> {
    // Read fresh: whoever just edited a sector expects to see it, whatever the cache.
    const all = await this.rules.fresh();
    return { items: SECTORS.map((s) => answer(all.get(s)!)) };
  }

  async get(sector: string): Promise<SectorRulesAnswer & { versions: SectorRulesAnswer[] }> {
    if (!isSector(sector)) throw notFoundError('sector', String(sector));
    const versions = (await this.rules.versions(sector)).map(answer);
    return { ...versions[0], versions };
  }

  async edit(p: Principal, sector: string, dto: EditSectorRulesDto): Promise<SectorRulesAnswer> {
    const { reason, expectVersion, ...patch } = dto;
    const r = await this.ds.transaction(async (m) => {
      const r = await this.rules.edit(m, sector, patch as Record<string, unknown>, {
        reason,
        by: p.sub,
        expectVersion,
      });
      if (r.changed.length)
        await recordAudit(m, p, [
          {
            action: 'edit',
            entityType: 'sector_rule',
            entityId: `${sector}/${r.after.rules.version}`,
            before: r.before,
            after: r.after,
            detail: {
              sector,
              from: r.before.rules.version,
              to: r.after.rules.version,
              changed: r.changed,
              reason,
            },
          },
        ]);
      return r;
    });
    // After the commit, so a deadline computed meanwhile cannot cache the old rules again.
    this.rules.invalidate();
    return answer(r.after);
  }
}

function answer(v: SectorRulesView): SectorRulesAnswer {
  const { sector, version, ...rules } = v.rules;
  return {
    sector,
    sectorName: SECTOR_LABELS_ZH[sector],
    version,
    reason: v.reason,
    setBy: v.setBy,
    setAt: v.setAt,
    ...rules,
  };
}
