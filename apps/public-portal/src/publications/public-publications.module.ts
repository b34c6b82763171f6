import { Module } from '@nestjs/common';
import { PublicationStoreModule } from '@spotcheck/database';
import { PublicAnswersModule } from '../public-answers.module';
import {
  PublicChainsController,
  PublicFeedsController,
  PublicPublicationsController,
} from './public-publications.controller';
import { PublicPublicationsRepository } from './public-publications.repository';
import { PublicPublicationsService } from './public-publications.service';

/** Published lists: versions, verification, the digest chain, files, Atom feeds. */
@Module({
  imports: [PublicAnswersModule, PublicationStoreModule],
  controllers: [PublicPublicationsController, PublicChainsController, PublicFeedsController],
  providers: [PublicPublicationsService, PublicPublicationsRepository],
  exports: [PublicPublicationsService],
})
export class PublicPublicationsModule {}
