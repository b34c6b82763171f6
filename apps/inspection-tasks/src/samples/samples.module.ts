import { Module } from '@nestjs/common';
import { CustodyRepository, WorkCalendarModule } from '@spotcheck/database';
import { TasksModule } from '../tasks/tasks.module';
import { SampleController, TaskSampleController } from './sample.controller';
import { SampleRepository } from './sample.repository';
import { SampleService } from './sample.service';

/** Sampling records (抽样单) and custody (样品流转). */
@Module({
  imports: [TasksModule, WorkCalendarModule],
  controllers: [TaskSampleController, SampleController],
  providers: [SampleService, SampleRepository, CustodyRepository],
  exports: [SampleRepository],
})
export class SamplesModule {}
