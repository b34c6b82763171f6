import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@spotcheck/auth';
import { AppConfigModule, AppLoggingModule, HealthModule } from '@spotcheck/common';
import { DatabaseModule, Enterprise, Inspector, Lab, ProductCategory } from '@spotcheck/database';
import { CatalogController } from './catalog/catalog.controller';
import { CatalogService } from './catalog/catalog.service';
import { DirectoryExportService } from './directory/directory-export.service';
import { DirectoryImportService } from './directory/directory-import.service';
import { EnterpriseController } from './enterprises/enterprise.controller';
import { EnterpriseService } from './enterprises/enterprise.service';
import { InspectorController } from './inspectors/inspector.controller';
import { InspectorService } from './inspectors/inspector.service';
import { LabController } from './labs/lab.controller';
import { LabService } from './labs/lab.service';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    AppLoggingModule,
    DatabaseModule,
    TypeOrmModule.forFeature([Enterprise, Inspector, Lab, ProductCategory]),
    AuthModule,
    HealthModule,
  ],
  controllers: [EnterpriseController, InspectorController, LabController, CatalogController],
  providers: [
    EnterpriseService,
    InspectorService,
    LabService,
    CatalogService,
    DirectoryImportService,
    DirectoryExportService,
  ],
})
export class InspectionTasksModule {}
