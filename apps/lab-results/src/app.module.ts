import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@spotcheck/auth';
import { AppConfigModule, AppLoggingModule, HealthModule } from '@spotcheck/common';
import { DatabaseModule, Lab } from '@spotcheck/database';
import { OwnLabController } from './lab/lab.controller';
import { StaffController } from './staff/staff.controller';
import { StaffService } from './staff/staff.service';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    AppLoggingModule,
    DatabaseModule,
    TypeOrmModule.forFeature([Lab]),
    AuthModule,
    HealthModule,
  ],
  controllers: [OwnLabController, StaffController],
  providers: [StaffService],
})
export class LabResultsModule {}
