import { Module } from '@nestjs/common';
import { AuthModule } from '@spotcheck/auth';
import { AppConfigModule, AppLoggingModule, HealthModule } from '@spotcheck/common';
import { DatabaseModule } from '@spotcheck/database';
import { DrawsModule } from './draws/draws.module';

/** The public read-only API; its routes are @Public(). */
@Module({
  imports: [
    AppConfigModule.forRoot(),
    AppLoggingModule,
    DatabaseModule,
    AuthModule,
    HealthModule,
    DrawsModule,
  ],
})
export class PublicPortalModule {}
