import { Module } from '@nestjs/common';
import { NoticeController } from './notice.controller';
import { NoticeRepository } from './notice.repository';
import { NoticeService } from './notice.service';

/** Result notices for enterprises; lab-results writes them when a report is issued. */
@Module({ controllers: [NoticeController], providers: [NoticeService, NoticeRepository] })
export class NoticesModule {}
