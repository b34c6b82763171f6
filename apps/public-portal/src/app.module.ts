import { Module } from '@nestjs/common';
import { AuthModule } from '@spotcheck/auth';
import { AppConfigModule, AppLoggingModule, HealthModule, MetricsModule } from '@spotcheck/common';
import { DatabaseModule } from '@spotcheck/database';
import { DrawsModule } from './draws/draws.module';
import { PublicPublicationsModule } from './publications/public-publications.module';
import { PublicRatesModule } from './rates/public-rates.module';
import { PublicResultsModule } from './results/results.module';
import { RetestsModule } from './retests/retests.module';
import { SiteModule } from './site/site.module';

/** The public read-only API and the web site at `/`; their routes are @Public(). */
@Module({
  imports: [
    AppConfigModule.forRoot(),
    AppLoggingModule,
    DatabaseModule,
    AuthModule,
    HealthModule,
    MetricsModule,
    DrawsModule,
    RetestsModule,
    PublicResultsModule,
    PublicPublicationsModule,
    PublicRatesModule,
    SiteModule,
  ],
})
export class PublicPortalModule {}
