import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DirectoryStats, Enterprise } from '@spotcheck/database';
import { CatalogModule } from '../catalog/catalog.module';
import { DirectoryModule } from '../directory/directory.module';
import { EnterpriseController } from './enterprise.controller';
import { EnterpriseRepository } from './enterprise.repository';
import { EnterpriseService } from './enterprise.service';

@Module({
  imports: [TypeOrmModule.forFeature([Enterprise, DirectoryStats]), DirectoryModule, CatalogModule],
  controllers: [EnterpriseController],
  providers: [EnterpriseRepository, EnterpriseService],
})
export class EnterprisesModule {}
