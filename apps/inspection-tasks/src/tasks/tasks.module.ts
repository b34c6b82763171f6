import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { TaskController } from './task.controller';
import { TaskRepository } from './task.repository';
import { TaskService } from './task.service';

/**
 * Inspection tasks after the draw: lists, the task state machine, reassignment. TaskService is
 * exported for the sampling record, which moves its task to sampled in its own transaction.
 */
@Module({
  imports: [PlansModule],
  controllers: [TaskController],
  providers: [TaskService, TaskRepository],
  exports: [TaskService],
})
export class TasksModule {}
