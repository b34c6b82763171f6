import { Module } from '@nestjs/common';
import { PlanController } from './plan.controller';
import { PlanRepository } from './plan.repository';
import { PlanService } from './plan.service';

/**
 * Sampling plans: drafts, the seed commitment and the plan's state machine. PlanService is
 * exported for the draw, which reads and moves its plan under the same scope and lock.
 */
@Module({
  controllers: [PlanController],
  providers: [PlanService, PlanRepository],
  exports: [PlanService, PlanRepository],
})
export class PlansModule {}
