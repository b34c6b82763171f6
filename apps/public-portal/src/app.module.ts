import { Module } from '@nestjs/common';
import { AuthModule } from '@spotcheck/auth';
import { AppConfigModule, AppLoggingModule, HealthModule } from '@spotcheck/common';
import { DatabaseModule } from '@spotcheck/database';
import { PublicDrawController } from './draws/public-draw.controller';
import { PublicDrawService } from './draws/public-draw.service';

/** The public read-only API; its routes are @Public(). Publications arrive with later issues. */
@Module({
  imports: [AppConfigModule.forRoot(), AppLoggingModule, DatabaseModule, AuthModule, HealthModule],
  controllers: [PublicDrawController],
  providers: [PublicDrawService],
})
export class PublicPortalModule {}
