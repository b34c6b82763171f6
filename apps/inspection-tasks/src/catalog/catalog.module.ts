import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProductCategory } from '@spotcheck/database';
import { DirectoryModule } from '../directory/directory.module';
import { CatalogController } from './catalog.controller';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';

/** The check-item list; its repository also tells other directories which codes exist. */
@Module({
  imports: [TypeOrmModule.forFeature([ProductCategory]), DirectoryModule],
  controllers: [CatalogController],
  providers: [CatalogRepository, CatalogService],
  exports: [CatalogRepository],
})
export class CatalogModule {}
