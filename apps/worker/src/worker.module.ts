import { Module } from '@nestjs/common';
import { AppConfigModule, AppLoggingModule, HealthModule } from '@spotcheck/common';
import { DatabaseModule } from '@spotcheck/database';
import { QueueModule } from '@spotcheck/queue';
import { AuditProcessor } from './audit/audit.processor';
import { DirectoryModule } from './directory/directory.module';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { ReportsProcessor } from './reports/reports.processor';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    AppLoggingModule,
    DatabaseModule,
    QueueModule,
    HealthModule,
    DirectoryModule,
  ],
  providers: [OutboxRelay, AuditProcessor, ReportsProcessor],
})
export class WorkerModule {}
