import { Module } from '@nestjs/common';
import { AuthModule, SessionModule } from '@spotcheck/auth';
import {
  AppConfigModule,
  AppLoggingModule,
  ConsoleStaticModule,
  HealthModule,
  MetricsModule,
} from '@spotcheck/common';
import { DatabaseModule, WorkCalendarModule } from '@spotcheck/database';
import { AccountsModule } from './accounts/accounts.module';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { CatalogModule } from './catalog/catalog.module';
import { DrawsModule } from './draws/draws.module';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { InspectorsModule } from './inspectors/inspectors.module';
import { LabsModule } from './labs/labs.module';
import { EpcisModule } from './epcis/epcis.module';
import { NoticesModule } from './notices/notices.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ObjectionsModule } from './objections/objections.module';
import { PlansModule } from './plans/plans.module';
import { PublicationsModule } from './publications/publications.module';
import { RatesModule } from './rates/rates.module';
import { SamplesModule } from './samples/samples.module';
import { SectorRulesModule } from './sector-rules/sector-rules.module';
import { TargetsModule } from './targets/targets.module';
import { TasksModule } from './tasks/tasks.module';
import { TraceModule } from './trace/trace.module';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    AppLoggingModule,
    DatabaseModule,
    AuthModule,
    SessionModule,
    AccountsModule,
    HealthModule,
    MetricsModule,
    PlansModule,
    DrawsModule,
    TasksModule,
    SamplesModule,
    EpcisModule,
    TraceModule,
    NoticesModule,
    NotificationsModule,
    ObjectionsModule,
    CasesModule,
    WorkCalendarModule,
    EnterprisesModule,
    InspectorsModule,
    LabsModule,
    CatalogModule,
    CalendarModule,
    PublicationsModule,
    TargetsModule,
    RatesModule,
    SectorRulesModule,
    // The regulators' and enterprises' console (apps/console-web) at /console/.
    ConsoleStaticModule.forRoot({ app: 'tasks' }),
  ],
})
export class InspectionTasksModule {}
