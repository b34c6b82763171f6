import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfigModule, AppLoggingModule, HealthModule, MetricsModule } from '@spotcheck/common';
import { DatabaseModule } from '@spotcheck/database';
import { QueueModule } from '@spotcheck/queue';
import { AuditProcessor } from './audit/audit.processor';
import { DirectoryModule } from './directory/directory.module';
import { WorkerMetrics } from './metrics/worker-metrics.service';
import { FollowupModule } from './followup/followup.module';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { NotificationsModule } from './notifications/notifications.module';
import { OutcomesModule } from './outcomes/outcomes.module';
import { RatesModule } from './rates/rates.module';
import { PublicationsModule } from './publications/publications.module';
import { ReportsProcessor } from './reports/reports.processor';
import { WorkerConcurrency } from './worker-concurrency';

@Module({
  imports: [
    DiscoveryModule,
    AppConfigModule.forRoot(),
    AppLoggingModule,
    DatabaseModule,
    QueueModule,
    HealthModule,
    MetricsModule,
    DirectoryModule,
    OutcomesModule,
    NotificationsModule,
    RatesModule,
    PublicationsModule,
    FollowupModule,
  ],
  providers: [OutboxRelay, AuditProcessor, ReportsProcessor, WorkerMetrics, WorkerConcurrency],
})
export class WorkerModule {}
