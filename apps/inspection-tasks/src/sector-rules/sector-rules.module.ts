import { Module } from '@nestjs/common';
import { SectorRuleModule } from '@spotcheck/database';
import { SectorRuleController } from './sector-rule.controller';
import { SectorRulesApiService } from './sector-rule.service';

@Module({
  imports: [SectorRuleModule],
  controllers: [SectorRuleController],
  providers: [SectorRulesApiService],
})
export class SectorRulesModule {}
