import { Module } from '@nestjs/common';
import { AuthModule } from '@spotcheck/auth';
import { AppConfigModule, AppLoggingModule, HealthModule } from '@spotcheck/common';
import { DatabaseModule, WorkCalendarModule } from '@spotcheck/database';
import { CalendarModule } from './calendar/calendar.module';
import { CatalogModule } from './catalog/catalog.module';
import { DrawsModule } from './draws/draws.module';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { InspectorsModule } from './inspectors/inspectors.module';
import { LabsModule } from './labs/labs.module';
import { EpcisModule } from './epcis/epcis.module';
import { NoticesModule } from './notices/notices.module';
import { PlansModule } from './plans/plans.module';
import { SamplesModule } from './samples/samples.module';
import { TasksModule } from './tasks/tasks.module';
import { TraceModule } from './trace/trace.module';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    AppLoggingModule,
    DatabaseModule,
    AuthModule,
    HealthModule,
    PlansModule,
    DrawsModule,
    TasksModule,
    SamplesModule,
    EpcisModule,
    TraceModule,
    NoticesModule,
    WorkCalendarModule,
    EnterprisesModule,
    InspectorsModule,
    LabsModule,
    CatalogModule,
    CalendarModule,
  ],
})
export class InspectionTasksModule {}
