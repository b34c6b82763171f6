import { Module } from '@nestjs/common';
import { WorkCalendarModule } from '@spotcheck/database';
import { TasksModule } from '../tasks/tasks.module';
import { SampleController, TaskSampleController } from './sample.controller';
import { SampleService } from './sample.service';

/** Sampling records (抽样单) and custody (样品流转), issue 4. */
@Module({
  imports: [TasksModule, WorkCalendarModule],
  controllers: [TaskSampleController, SampleController],
  providers: [SampleService],
})
export class SamplesModule {}
