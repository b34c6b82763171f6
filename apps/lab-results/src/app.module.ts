import { Module } from '@nestjs/common';
import { AuthModule, SessionModule } from '@spotcheck/auth';
import {
  AppConfigModule,
  AppLoggingModule,
  ConsoleStaticModule,
  HealthModule,
  MetricsModule,
} from '@spotcheck/common';
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
    SessionModule,
    HealthModule,
    MetricsModule,
    LabModule,
    StaffModule,
    ReceiptsModule,
    ReportsModule,
    // The labs' console (apps/console-web, <html data-console="labs">) at /console/.
    ConsoleStaticModule.forRoot({ app: 'labs' }),
  ],
})
export class LabResultsModule {}
