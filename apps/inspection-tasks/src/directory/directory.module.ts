import { Module } from '@nestjs/common';
import { DirectoryExportQueries } from './directory-export.queries';
import { DirectoryExportService } from './directory-export.service';
import { DirectoryImportRepository } from './directory-import.repository';
import { DirectoryImportService } from './directory-import.service';

/** File import and export, shared by the four directories. */
@Module({
  providers: [
    DirectoryImportRepository,
    DirectoryImportService,
    DirectoryExportQueries,
    DirectoryExportService,
  ],
  exports: [DirectoryImportService, DirectoryExportService],
})
export class DirectoryModule {}
