import { Module } from '@nestjs/common';
import { TaskController } from './task.controller';
import { TaskService } from './task.service';

/** Inspection tasks after the draw: lists, the task state machine, reassignment. */
@Module({
  controllers: [TaskController],
  providers: [TaskService],
})
export class TasksModule {}
