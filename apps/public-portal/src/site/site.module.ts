import { Module } from '@nestjs/common';
import { DrawsModule } from '../draws/draws.module';
import { PublicAnswersModule } from '../public-answers.module';
import { PublicPublicationsModule } from '../publications/public-publications.module';
import { PublicResultsModule } from '../results/results.module';
import { SiteController } from './site.controller';

/** The public web site at `/`: pages rendered from the public API's services. */
@Module({
  imports: [PublicAnswersModule, DrawsModule, PublicResultsModule, PublicPublicationsModule],
  controllers: [SiteController],
})
export class SiteModule {}
