import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Env } from '@spotcheck/common';
import { PublicationRepository } from '@spotcheck/database';
import { riskRaiseTable } from '@spotcheck/domain';
import { RiskFeedbackRepository, RiskRaise } from './risk-feedback.repository';

/**
 * Credit-risk feedback (docs/rules.md §3.5, §3.6): publishing a list, or a correction of it,
 * raises each enterprise it names as failing by the configured rule (libs/domain
 * `raisedRiskClass`), once per list and enterprise, with the list as the reason in the risk
 * history, so the next draw samples it more often. A withdrawal raises nothing and lowers
 * nothing: whether to lower a class again is a person's decision.
 */
@Injectable()
export class RiskFeedbackService {
  private readonly logger = new Logger(RiskFeedbackService.name);
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly lists: PublicationRepository,
    private readonly feedback: RiskFeedbackRepository,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async apply(publicationId: string): Promise<{ raised: RiskRaise[] } | { skipped: string }> {
    return this.ds.transaction(async (m) => {
      const row = await this.lists.find(m, publicationId);
      if (!row) return { skipped: 'absent' };
      if (row.state !== 'published') return { skipped: row.state };
      if (row.kind === 'withdrawal') return { skipped: 'withdrawal' };
      const raised = await this.feedback.apply(m, {
        publicationId: row.id,
        seriesId: row.seriesId,
        reason: `列入不合格产品名单：${row.noticeNo}（${row.jurisdictionName}）`,
        parties: this.config.get('PUBLICATION_RISK_PARTIES', { infer: true }),
        raise: riskRaiseTable({
          step: this.config.get('PUBLICATION_RISK_STEP', { infer: true }),
          ceiling: this.config.get('PUBLICATION_RISK_CEILING', { infer: true }),
          parties: this.config.get('PUBLICATION_RISK_PARTIES', { infer: true }),
        }),
      });
      if (raised.length)
        this.logger.log(
          `publication ${row.noticeNo}: risk feedback for ${raised.length} enterprise(s)`,
        );
      return { raised };
    });
  }
}
