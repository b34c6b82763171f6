import { Module } from '@nestjs/common';
import { PublicAnswers } from './public-answers';
import { PublicVersionRepository } from './public-version.repository';

/** The public version and the answers cache keyed by it: one per process, shared by every route. */
@Module({
  providers: [PublicAnswers, PublicVersionRepository],
  exports: [PublicAnswers],
})
export class PublicAnswersModule {}
