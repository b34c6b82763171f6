import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PublicationCorrector } from '@spotcheck/database';
import { CaseKeeper, CaseMoves } from './case-keeper.service';
import { FollowupRepository } from './followup.repository';

export interface FinalizedResult {
  /** Correction drafts made (or filled again) because a retest overturned a listed failure. */
  corrections: { sampleId: string; publicationIds: string[] }[];
  /** Follow-up cases opened, and cases a final outcome moved (case-keeper.service.ts). */
  cases: CaseMoves;
}

/**
 * What follows a final outcome (docs/rules.md §3.5, §3.6), from `outcome.finalized`: the one
 * place that reacts when a failure becomes final or a retest concludes. It reads the outcomes
 * as they stand now, so a job that comes late or twice acts on the present.
 * - A retest overturned a failure (outcome `pass`, basis `retest_concluded`): every published
 *   list carrying the sample as failed gets a correction (PublicationCorrector).
 * - A failure became final (outcome `fail`): its follow-up case is opened (CaseKeeper), once.
 * - A re-inspection's outcome became final: its case moves on (a pass) or up the ladder.
 * - A failure with a case was overturned: the case is withdrawn.
 */
@Injectable()
export class FollowupService {
  private readonly logger = new Logger(FollowupService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly followup: FollowupRepository,
    private readonly corrector: PublicationCorrector,
    private readonly cases: CaseKeeper,
  ) {}

  async finalized(sampleIds: readonly string[]): Promise<FinalizedResult> {
    const r: FinalizedResult = { corrections: [], cases: { opened: [], moved: [] } };
    for (const o of await this.followup.outcomes(this.ds.manager, sampleIds)) {
      if (o.outcome === 'pass' && o.basis === 'retest_concluded') {
        const overturn = await this.followup.overturn(this.ds.manager, o.sampleId);
        if (!overturn) continue;
        const publicationIds = await this.corrector.correctOverturn(overturn);
        if (publicationIds.length) {
          r.corrections.push({ sampleId: o.sampleId, publicationIds });
          this.logger.log(
            `sample ${overturn.sampleNo}: retest overturned the failure; correction draft(s) ${publicationIds.join(', ')}`,
          );
        }
      }
    }
    r.cases = await this.cases.finalized(sampleIds);
    return r;
  }
}
