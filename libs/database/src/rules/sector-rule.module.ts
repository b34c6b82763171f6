import { Module } from '@nestjs/common';
import { SectorRuleRepository } from './sector-rule.repository';
import { SectorRuleService } from './sector-rule.service';

/** The sector rules for an app's services; needs DatabaseModule's DataSource. */
@Module({
  providers: [SectorRuleRepository, SectorRuleService],
  exports: [SectorRuleService],
})
export class SectorRuleModule {}
