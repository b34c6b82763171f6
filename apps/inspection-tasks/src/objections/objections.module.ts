import { Module } from '@nestjs/common';
import { SectorRuleModule, WorkCalendarModule } from '@spotcheck/database';
import { NoticeObjectionController, ObjectionController } from './objection.controller';
import { ObjectionRepository } from './objection.repository';
import { ObjectionService } from './objection.service';

/** Objections (异议 / 复检申请), their decision and the retest-lab draw. */
@Module({
  imports: [WorkCalendarModule, SectorRuleModule],
  controllers: [NoticeObjectionController, ObjectionController],
  providers: [ObjectionRepository, ObjectionService],
})
export class ObjectionsModule {}
