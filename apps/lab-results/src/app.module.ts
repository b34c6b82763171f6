import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@spotcheck/auth';
import { AppConfigModule, AppLoggingModule, HealthModule } from '@spotcheck/common';
import { DatabaseModule, Lab, WorkCalendarModule } from '@spotcheck/database';
import { OwnLabController } from './lab/lab.controller';
import { ReceiptController } from './receipts/receipt.controller';
import { ReceiptService } from './receipts/receipt.service';
import { ReportController } from './reports/report.controller';
import { ReportBatchService } from './reports/report-batch.service';
import { ReportService } from './reports/report.service';
import { StaffController } from './staff/staff.controller';
import { StaffService } from './staff/staff.service';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    AppLoggingModule,
    DatabaseModule,
    TypeOrmModule.forFeature([Lab]),
    AuthModule,
    HealthModule,
    WorkCalendarModule,
  ],
  controllers: [OwnLabController, StaffController, ReceiptController, ReportController],
  providers: [StaffService, ReceiptService, ReportService, ReportBatchService],
})
export class LabResultsModule {}
