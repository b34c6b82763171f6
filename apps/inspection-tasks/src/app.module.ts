import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@spotcheck/auth';
import { AppConfigModule, AppLoggingModule, HealthModule } from '@spotcheck/common';
import {
  DatabaseModule,
  Draw,
  DrawExclusion,
  Enterprise,
  InspectionTask,
  Inspector,
  Lab,
  ProductCategory,
  SamplingPlan,
  WorkCalendarModule,
} from '@spotcheck/database';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { CatalogController } from './catalog/catalog.controller';
import { CatalogService } from './catalog/catalog.service';
import { DrawsModule } from './draws/draws.module';
import { DirectoryExportService } from './directory/directory-export.service';
import { DirectoryImportService } from './directory/directory-import.service';
import { EpcisModule } from './epcis/epcis.module';
import { EnterpriseController } from './enterprises/enterprise.controller';
import { EnterpriseService } from './enterprises/enterprise.service';
import { InspectorController } from './inspectors/inspector.controller';
import { InspectorService } from './inspectors/inspector.service';
import { LabController } from './labs/lab.controller';
import { LabService } from './labs/lab.service';
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
    TypeOrmModule.forFeature([
      Draw,
      DrawExclusion,
      Enterprise,
      InspectionTask,
      Inspector,
      Lab,
      ProductCategory,
      SamplingPlan,
    ]),
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
  ],
  controllers: [
    EnterpriseController,
    InspectorController,
    LabController,
    CatalogController,
    CalendarController,
  ],
  providers: [
    EnterpriseService,
    InspectorService,
    LabService,
    CatalogService,
    DirectoryImportService,
    DirectoryExportService,
    CalendarService,
  ],
})
export class InspectionTasksModule {}
