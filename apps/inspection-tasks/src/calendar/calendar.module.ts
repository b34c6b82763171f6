import { Module } from '@nestjs/common';
import { WorkCalendarModule } from '@spotcheck/database';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

@Module({
  imports: [WorkCalendarModule],
  controllers: [CalendarController],
  providers: [CalendarService],
})
export class CalendarModule {}
