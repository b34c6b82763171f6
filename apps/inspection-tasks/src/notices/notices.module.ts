import { Module } from '@nestjs/common';
import { WorkCalendarModule } from '@spotcheck/database';
import { NoticeController } from './notice.controller';
import { NoticeRepository } from './notice.repository';
import { NoticeService } from './notice.service';

/** Result notices for enterprises; lab-results writes them when a report is issued. */
@Module({
  imports: [WorkCalendarModule],
  controllers: [NoticeController],
  providers: [NoticeService, NoticeRepository],
})
export class NoticesModule {}
