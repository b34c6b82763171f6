import { Module } from '@nestjs/common';
import { BlobStoreModule } from '@spotcheck/common';
import { WorkCalendarModule } from '@spotcheck/database';
import { CaseController } from './case.controller';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';

/** Follow-up cases of final failures (后处理): order, rectification, re-inspection, closing. */
@Module({
  imports: [WorkCalendarModule, BlobStoreModule],
  controllers: [CaseController],
  providers: [CaseRepository, CaseService],
})
export class CasesModule {}
