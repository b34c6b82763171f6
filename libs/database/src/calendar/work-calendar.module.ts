import { Module } from '@nestjs/common';
import { WorkCalendarService } from './work-calendar.service';

/** The working-day calendar for an app's services; needs DatabaseModule's DataSource. */
@Module({ providers: [WorkCalendarService], exports: [WorkCalendarService] })
export class WorkCalendarModule {}
