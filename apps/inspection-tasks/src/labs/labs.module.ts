import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Lab } from '@spotcheck/database';
import { CatalogModule } from '../catalog/catalog.module';
import { DirectoryModule } from '../directory/directory.module';
import { LabController } from './lab.controller';
import { LabRepository } from './lab.repository';
import { LabService } from './lab.service';

@Module({
  imports: [TypeOrmModule.forFeature([Lab]), DirectoryModule, CatalogModule],
  controllers: [LabController],
  providers: [LabRepository, LabService],
})
export class LabsModule {}
