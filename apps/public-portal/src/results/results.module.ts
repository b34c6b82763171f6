import { Module } from '@nestjs/common';
import { PublicAnswersModule } from '../public-answers.module';
import { PublicResultsController } from './results.controller';
import { PublicResultsRepository } from './results.repository';
import { PublicResultsService } from './results.service';

/** Published results: search, count, permalinks. */
@Module({
  imports: [PublicAnswersModule],
  controllers: [PublicResultsController],
  providers: [PublicResultsService, PublicResultsRepository],
  exports: [PublicResultsService],
})
export class PublicResultsModule {}
