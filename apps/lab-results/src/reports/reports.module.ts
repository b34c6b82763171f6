import { Module } from '@nestjs/common';
import { SectorRuleModule, WorkCalendarModule } from '@spotcheck/database';
import { StaffModule } from '../staff/staff.module';
import { ResultNoticeRepository } from './notice.repository';
import { ReportBatchService } from './report-batch.service';
import { ReportController } from './report.controller';
import { ReportRepository } from './report.repository';
import { ReportService } from './report.service';
import { RetestRepository } from './retest.repository';

@Module({
  imports: [StaffModule, WorkCalendarModule, SectorRuleModule],
  controllers: [ReportController],
  providers: [
    ReportRepository,
    ResultNoticeRepository,
    RetestRepository,
    ReportService,
    ReportBatchService,
  ],
})
export class ReportsModule {}
