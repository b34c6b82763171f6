import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Inspector } from '@spotcheck/database';
import { CatalogModule } from '../catalog/catalog.module';
import { DirectoryModule } from '../directory/directory.module';
import { InspectorController } from './inspector.controller';
import { InspectorRepository } from './inspector.repository';
import { InspectorService } from './inspector.service';

@Module({
  imports: [TypeOrmModule.forFeature([Inspector]), DirectoryModule, CatalogModule],
  controllers: [InspectorController],
  providers: [InspectorRepository, InspectorService],
})
export class InspectorsModule {}
