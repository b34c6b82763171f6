import { Module } from '@nestjs/common';
import { CustodyRepository, SectorRuleModule, WorkCalendarModule } from '@spotcheck/database';
import { TasksModule } from '../tasks/tasks.module';
import { SampleController, TaskSampleController } from './sample.controller';
import { SampleRepository } from './sample.repository';
import { SampleService } from './sample.service';

/** Sampling records (抽样单) and custody (样品流转). */
@Module({
  imports: [TasksModule, WorkCalendarModule, SectorRuleModule],
  controllers: [TaskSampleController, SampleController],
  providers: [SampleService, SampleRepository, CustodyRepository],
  exports: [SampleRepository],
})
export class SamplesModule {}
