import { Module } from '@nestjs/common';
import { PublicationStoreModule } from '@spotcheck/database';
import { PublicationController } from './publication.controller';
import { PublicationQueries } from './publication.queries';
import { PublicationService } from './publication.service';

/** Lists of results: compile, four-eyes approval, publication, versions, verification. */
@Module({
  imports: [PublicationStoreModule],
  controllers: [PublicationController],
  providers: [PublicationService, PublicationQueries],
})
export class PublicationsModule {}
