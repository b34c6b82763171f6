import { Module } from '@nestjs/common';
import { DrawsModule } from '../draws/draws.module';
import { PublicAnswersModule } from '../public-answers.module';
import { PublicPublicationsModule } from '../publications/public-publications.module';
import { PublicRatesModule } from '../rates/public-rates.module';
import { PublicResultsModule } from '../results/results.module';
import { SiteController } from './site.controller';

/** The public web site at `/`: pages rendered from the public API's services. */
@Module({
  imports: [
    PublicAnswersModule,
    DrawsModule,
    PublicResultsModule,
    PublicPublicationsModule,
    PublicRatesModule,
  ],
  controllers: [SiteController],
})
export class SiteModule {}
