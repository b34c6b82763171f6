import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@spotcheck/auth';
import { AppConfigModule, AppLoggingModule, HealthModule } from '@spotcheck/common';
import { DatabaseModule, Lab } from '@spotcheck/database';
import { OwnLabController } from './lab/lab.controller';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    AppLoggingModule,
    DatabaseModule,
    TypeOrmModule.forFeature([Lab]),
    AuthModule,
    HealthModule,
  ],
  controllers: [OwnLabController],
})
export class LabResultsModule {}
