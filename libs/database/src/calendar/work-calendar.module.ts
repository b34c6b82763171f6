import { Module } from '@nestjs/common';
import { WorkCalendarRepository } from './work-calendar.repository';
import { WorkCalendarService } from './work-calendar.service';

/** The working-day calendar for an app's services; needs DatabaseModule's DataSource. */
@Module({
  providers: [WorkCalendarRepository, WorkCalendarService],
  exports: [WorkCalendarService],
})
export class WorkCalendarModule {}
