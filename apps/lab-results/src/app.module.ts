import { Module } from '@nestjs/common';
import { AuthModule } from '@spotcheck/auth';
import { AppConfigModule, AppLoggingModule, HealthModule } from '@spotcheck/common';
import { DatabaseModule } from '@spotcheck/database';
import { LabModule } from './lab/lab.module';
import { ReceiptsModule } from './receipts/receipts.module';
import { ReportsModule } from './reports/reports.module';
import { StaffModule } from './staff/staff.module';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    AppLoggingModule,
    DatabaseModule,
    AuthModule,
    HealthModule,
    LabModule,
    StaffModule,
    ReceiptsModule,
    ReportsModule,
  ],
})
export class LabResultsModule {}
