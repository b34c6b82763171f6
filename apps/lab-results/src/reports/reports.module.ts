import { Module } from '@nestjs/common';
import { WorkCalendarModule } from '@spotcheck/database';
import { StaffModule } from '../staff/staff.module';
import { ResultNoticeRepository } from './notice.repository';
import { ReportBatchService } from './report-batch.service';
import { ReportController } from './report.controller';
import { ReportRepository } from './report.repository';
import { ReportService } from './report.service';

@Module({
  imports: [StaffModule, WorkCalendarModule],
  controllers: [ReportController],
  providers: [ReportRepository, ResultNoticeRepository, ReportService, ReportBatchService],
})
export class ReportsModule {}
