import { Module } from '@nestjs/common';
import { NoticeController } from './notice.controller';
import { NoticeService } from './notice.service';

/** Result notices for enterprises (issue 5); lab-results writes them when a report is issued. */
@Module({ controllers: [NoticeController], providers: [NoticeService] })
export class NoticesModule {}
