import { Module } from '@nestjs/common';
import { TaskController } from './task.controller';
import { TaskService } from './task.service';

/**
 * Inspection tasks after the draw: lists, the task state machine, reassignment. TaskService is
 * exported for the sampling record, which moves its task to sampled in its own transaction.
 */
@Module({
  controllers: [TaskController],
  providers: [TaskService],
  exports: [TaskService],
})
export class TasksModule {}
